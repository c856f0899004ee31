// SPDX-License-Identifier: GPL-2.0-only
/*
 * Sessions: choosing drivers (by class and measured cost), splitting a
 * chain that no single driver can serve, freeing, and migrating sessions
 * off a driver that goes away.
 *
 * A session keeps a private copy of its cryptoini chain so that it can be
 * re-created elsewhere. A consumer's session and the sessions it migrated
 * to form a lineage, freed as one by crypto_freesession() on any member.
 */
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>

#include "internal.h"

DEFINE_SPINLOCK(ocf_session_lock);
DECLARE_WAIT_QUEUE_HEAD(ocf_drain_wq);
/* Lineage membership, split-session parts, the closing flag. */
static DEFINE_MUTEX(ocf_session_mutex);

struct ocf_lineage {
	struct list_head members;	/* crypto_session.lin_node */
	bool freed;
};

/*
 * The memory of a released session, and of a freed session's lineage, kept
 * per CPU for the next one (see ocf_session_alloc()): consumers that make
 * a session per operation would otherwise allocate and zero both each
 * time. A session's keys and driver memory are wiped before.
 */
struct ocf_spare {
	struct crypto_session *session;
	struct ocf_lineage *lineage;
};

static DEFINE_PER_CPU(struct ocf_spare, ocf_spare);

static void ocf_session_free(struct crypto_session *s)
{
	kfree(this_cpu_xchg(ocf_spare.session, s));
}

static struct ocf_lineage *ocf_lineage_alloc(void)
{
	struct ocf_lineage *lin = this_cpu_xchg(ocf_spare.lineage, NULL);

	if (!lin)
		lin = kmalloc(sizeof(*lin), GFP_KERNEL);
	if (lin) {
		INIT_LIST_HEAD(&lin->members);
		lin->freed = false;
	}
	return lin;
}

static void ocf_lineage_free(struct ocf_lineage *lin)
{
	kfree(this_cpu_xchg(ocf_spare.lineage, lin));
}

/**
 * ocf_session_exit() - free the sessions' memory the CPUs kept (unload)
 */
void ocf_session_exit(void)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		struct ocf_spare *sp = per_cpu_ptr(&ocf_spare, cpu);

		kfree(xchg(&sp->session, NULL));
		kfree(xchg(&sp->lineage, NULL));
	}
}

/* The last reference is gone (ocf_session_put(), internal.h). */
void ocf_session_release(struct kref *ref)
{
	struct crypto_session *s = container_of(ref, struct crypto_session, ref);
	struct crypto_session *to = s->moved_to;
	int i;

	for (i = 0; i < s->nini; i++)
		if (s->ini[i].cri_key)
			memzero_explicit(s->ini[i].cri_key, s->ini[i].cri_klen / 8);
	ocf_driver_put(s->drv);
	ocf_session_free(s);	/* keys wiped above; softc at destroy_bound */
	if (to)
		ocf_session_put(to);	/* moved_to's reference */
}

/*
 * A session, zeroed, with @softc_size bytes of driver memory and a copy of
 * the chain's keys in the same allocation: [session + ini[]] [softc] [keys].
 * One allocation, not one per key and one for the driver, because sessions
 * come and go at the rate of requests for consumers that make one per
 * operation (OpenSSL's engine does for every digest); for them, too, the
 * memory of the last session released on this CPU is taken again when it
 * is big enough, and cleared a word at a time (memset64(), rep stosq)
 * rather than a byte at a time as memset() and a new allocation do (rep
 * stosb, a cost per byte under emulation).
 */
static struct crypto_session *ocf_session_alloc(const struct cryptoini *ini,
						int nini, int crid,
						size_t softc_size)
{
	size_t off = ALIGN(struct_size_t(struct crypto_session, ini, nini), 16);
	size_t keys = off + ALIGN(softc_size, 16), size = keys, alloc;
	struct crypto_session *s;
	u8 *key;
	int i;

	for (i = 0; i < nini; i++)
		if (ini[i].cri_klen > 0)
			size += ini[i].cri_klen / 8;
	size = ALIGN(size, sizeof(u64));
	s = this_cpu_xchg(ocf_spare.session, NULL);
	if (s && s->size < size) {
		kfree(s);
		s = NULL;
	}
	if (s) {
		alloc = s->size;
		memset64((u64 *)s, 0, size / sizeof(u64));
	} else {
		alloc = size;
		s = kzalloc(size, GFP_KERNEL);
		if (!s)
			return NULL;
	}
	s->size = alloc;
	kref_init(&s->ref);
	INIT_LIST_HEAD(&s->drv_node);
	INIT_LIST_HEAD(&s->lin_node);
	atomic_set(&s->inflight, 0);
	s->crid = crid;
	s->part = -1;
	if (softc_size)
		s->softc = (u8 *)s + off;
	key = (u8 *)s + keys;
	for (i = 0; i < nini; i++) {
		s->ini[i] = ini[i];
		s->ini[i].cri_key = NULL;
		s->ini[i].cri_next = i + 1 < nini ? &s->ini[i + 1] : NULL;
		if (ini[i].cri_klen > 0) {
			s->ini[i].cri_key = memcpy(key, ini[i].cri_key, ini[i].cri_klen / 8);
			key += ini[i].cri_klen / 8;
		}
	}
	s->nini = nini;
	return s;
}

/* The driver is done with its session memory: wipe it (it is in @s). */
static void ocf_session_wipe_softc(struct crypto_session *s)
{
	/* its room is ALIGN(session_size, 16), 16-aligned: a word at a time */
	if (s->softc) {
		memset64(s->softc, 0, DIV_ROUND_UP(s->drv->session_size, sizeof(u64)));
		barrier_data(s->softc);
	}
	s->softc = NULL;
}

/**
 * ocf_session_create_on() - a bound session on one driver
 * @drv: the driver
 * @ini: the algorithms (distinct, all registered by @drv)
 * @nini: how many
 * @out: the new session
 *
 * Context: process; sleeps (the driver's newsession may).
 * Return: 0, EOPNOTSUPP if @drv cannot serve, or the driver's error.
 */
int ocf_session_create_on(struct ocf_driver *drv, const struct cryptoini *ini,
			  int nini, struct crypto_session **out)
{
	const struct crypto_driver_methods *m = drv->dev->methods;
	struct crypto_session *s;
	int i, err = 0;

	s = ocf_session_alloc(ini, nini, drv->id, drv->session_size);
	if (!s)
		return ENOMEM;
	kref_get(&drv->ref);
	s->drv = drv;

	down_read(&drv->methods_rwsem);
	for (i = 0; i < nini; i++)
		if (!ocf_driver_usable(drv, ini[i].cri_alg))
			err = EOPNOTSUPP;
	if (!err && m->newsession)
		err = m->newsession(drv->dev, s, &s->ini[0]);
	if (err < 0 || err >= MAX_ERRNO)	/* a driver returned -errno */
		err = EINVAL;
	if (!err) {
		spin_lock(&drv->lock);
		list_add_tail(&s->drv_node, &drv->sessions);
		drv->nsessions++;
		spin_unlock(&drv->lock);
	}
	up_read(&drv->methods_rwsem);

	if (err) {
		ocf_session_wipe_softc(s);
		ocf_session_put(s);
		return err;
	}
	*out = s;
	return 0;
}

/**
 * ocf_session_destroy_bound() - run the driver's freesession, wipe softc
 * @s: a bound session
 * @locked: the caller holds the driver's methods_rwsem for writing
 *
 * Idempotent. Context: process; sleeps.
 */
void ocf_session_destroy_bound(struct crypto_session *s, bool locked)
{
	struct ocf_driver *drv = s->drv;

	if (!drv || READ_ONCE(s->freed_by_driver))
		return;
	if (!locked)
		down_read(&drv->methods_rwsem);
	if (!s->freed_by_driver) {
		if (drv->dev->methods->freesession)
			drv->dev->methods->freesession(drv->dev, s);
		ocf_session_wipe_softc(s);
		spin_lock(&drv->lock);
		list_del_init(&s->drv_node);
		drv->nsessions--;
		spin_unlock(&drv->lock);
		WRITE_ONCE(s->freed_by_driver, true);
	}
	if (!locked)
		up_read(&drv->methods_rwsem);
}

/* Driver choice */

struct ocf_cand {
	struct ocf_driver *drv;
	u64 cost;
};

static int ocf_cand_cmp(const void *a, const void *b)
{
	const struct ocf_cand *x = a, *y = b;

	if (x->cost != y->cost)
		return x->cost < y->cost ? -1 : 1;
	return x->drv->id < y->drv->id ? -1 : x->drv->id > y->drv->id;
}

/* Total cost of @drv for the algorithms; measure what is unknown if asked. */
static u64 ocf_cost(struct ocf_driver *drv, const struct cryptoini *ini, int nini,
		    bool measure)
{
	u64 total = 0, c;
	int i;

	for (i = 0; i < nini; i++) {
		c = READ_ONCE(drv->alg[ini[i].cri_alg].cost);
		if (c == CRYPTO_COST_UNKNOWN && measure)
			c = ocf_calibrate(drv, ini[i].cri_alg);
		if (c == CRYPTO_COST_UNKNOWN)
			return CRYPTO_COST_UNKNOWN;
		total += c;
	}
	return total;
}

/*
 * The last choice ocf_build_bound() made on this CPU, for the next session
 * of the same shape (a session per operation asks the same question each
 * time): the chain's algorithms and key and MAC lengths, and crid. It holds
 * while ocf_choice_gen stays the same: every change that could make the
 * choice different (a driver or an algorithm coming or going, a cost
 * measured or forgotten) moves it on (ocf_choice_changed()). Only a first
 * choice is kept, one no driver before it refused.
 */
struct ocf_choice {
	unsigned int gen;
	int crid, nini;
	int alg[OCF_MAX_CHAIN], klen[OCF_MAX_CHAIN], mlen[OCF_MAX_CHAIN];
	u32 drvid;
};

static DEFINE_PER_CPU(struct ocf_choice, ocf_choice);
static atomic_t ocf_choice_gen = ATOMIC_INIT(1);	/* 0: no choice kept */

/**
 * ocf_choice_changed() - forget the driver choices kept for new sessions
 *
 * Context: any.
 */
void ocf_choice_changed(void)
{
	atomic_inc(&ocf_choice_gen);
}

static bool ocf_choice_same(const struct ocf_choice *c, const struct cryptoini *ini,
			    int nini, int crid)
{
	int i;

	if (c->crid != crid || c->nini != nini)
		return false;
	for (i = 0; i < nini; i++)
		if (c->alg[i] != ini[i].cri_alg || c->klen[i] != ini[i].cri_klen ||
		    c->mlen[i] != ini[i].cri_mlen)
			return false;
	return true;
}

/* The driver kept for this shape of session, referenced, or NULL. */
static struct ocf_driver *ocf_choice_get(const struct cryptoini *ini, int nini, int crid)
{
	struct ocf_choice *c = get_cpu_ptr(&ocf_choice);
	int id = -1;

	if (c->gen == atomic_read(&ocf_choice_gen) && ocf_choice_same(c, ini, nini, crid))
		id = c->drvid;
	put_cpu_ptr(&ocf_choice);
	return id < 0 ? NULL : ocf_driver_get(id);
}

/* Keep @drv, chosen under generation @gen, for this shape of session. */
static void ocf_choice_put(const struct cryptoini *ini, int nini, int crid,
			   unsigned int gen, struct ocf_driver *drv)
{
	struct ocf_choice *c = get_cpu_ptr(&ocf_choice);
	int i;

	c->gen = gen;
	c->crid = crid;
	c->nini = nini;
	for (i = 0; i < nini; i++) {
		c->alg[i] = ini[i].cri_alg;
		c->klen[i] = ini[i].cri_klen;
		c->mlen[i] = ini[i].cri_mlen;
	}
	c->drvid = drv->id;
	put_cpu_ptr(&ocf_choice);
}

/*
 * A bound session for @ini on the best driver allowed by @crid (hardware
 * class first when both are allowed), never on @exclude.
 */
static int ocf_build_bound(const struct cryptoini *ini, int nini, int crid,
			   struct ocf_driver *exclude, struct crypto_session **out)
{
	static const int classes[] = { CRYPTOCAP_F_HARDWARE, CRYPTOCAP_F_SOFTWARE };
	struct ocf_driver *drvs[OCF_MAX_DRIVERS];
	struct ocf_cand small[8], *cand;
	unsigned int gen = atomic_read(&ocf_choice_gen);
	int algs[OCF_MAX_CHAIN];
	int c, i, n, k, err = EOPNOTSUPP;
	bool first = true;

	if (!exclude) {
		struct ocf_driver *drv = ocf_choice_get(ini, nini, crid);

		if (drv) {
			err = ocf_session_create_on(drv, ini, nini, out);
			ocf_driver_put(drv);
			if (!err)
				return 0;
			err = EOPNOTSUPP;	/* the whole choice again */
		}
	}
	for (i = 0; i < nini; i++)
		algs[i] = ini[i].cri_alg;

	for (c = 0; c < ARRAY_SIZE(classes); c++) {
		int want = crid;

		/* a class mask: hardware first, then software; an id: once */
		if (crid & (CRYPTOCAP_F_HARDWARE | CRYPTOCAP_F_SOFTWARE)) {
			want = crid & classes[c];
			if (!want)
				continue;
		} else if (c) {
			break;
		}
		n = ocf_driver_candidates(want, algs, nini, false, drvs, OCF_MAX_DRIVERS);
		cand = small;
		if (n > ARRAY_SIZE(small)) {
			cand = kmalloc_array(n, sizeof(*cand), GFP_KERNEL);
			if (!cand) {
				while (n)
					ocf_driver_put(drvs[--n]);
				return ENOMEM;
			}
		}
		for (i = 0, k = 0; i < n; i++) {
			if (drvs[i] == exclude) {
				ocf_driver_put(drvs[i]);
				continue;
			}
			cand[k++].drv = drvs[i];
		}
		/* measure only when there is a choice to make */
		for (i = 0; i < k; i++)
			cand[i].cost = ocf_cost(cand[i].drv, ini, nini, k > 1);
		sort(cand, k, sizeof(*cand), ocf_cand_cmp, NULL);
		for (i = 0; i < k; i++) {
			if (err) {
				int e = ocf_session_create_on(cand[i].drv, ini, nini, out);

				if (!e && first && !exclude)
					ocf_choice_put(ini, nini, crid, gen, cand[i].drv);
				if (!e)
					err = 0;
				else if (e != EOPNOTSUPP || err == EOPNOTSUPP)
					err = e;
				first = false;
			}
			ocf_driver_put(cand[i].drv);
		}
		if (cand != small)
			kfree(cand);
		if (!err)
			break;
	}
	return err;
}

static bool ocf_chain_distinct(const struct cryptoini *ini, int n)
{
	int i, j;

	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (ini[i].cri_alg == ini[j].cri_alg)
				return false;
	return true;
}

static void ocf_session_teardown(struct crypto_session *s);

/*
 * Being freed, @s and its parts: a migration installs no replacement for
 * them any more (ocf_session_replace()). Under ocf_session_mutex.
 */
static void ocf_session_mark_closing(struct crypto_session *s)
{
	int i;

	lockdep_assert_held(&ocf_session_mutex);
	s->closing = true;
	for (i = 0; i < s->nparts; i++)
		if (s->parts[i])
			s->parts[i]->closing = true;
}

/*
 * A session for @ini: bound to one driver when one can serve the whole chain,
 * else split into runs of consecutive distinct algorithms, each bound to
 * the best driver for it.
 */
static int ocf_build(const struct cryptoini *ini, int nini, int crid,
		     struct ocf_driver *exclude, struct crypto_session **out)
{
	struct crypto_session *parent, *child;
	int i, j, err;

	*out = NULL;
	if (ocf_chain_distinct(ini, nini)) {
		err = ocf_build_bound(ini, nini, crid, exclude, out);
		if (!err)
			(*out)->crid = crid;
		if (err != EOPNOTSUPP || nini == 1)
			return err;
	}

	parent = ocf_session_alloc(ini, nini, crid, 0);
	if (!parent)
		return ENOMEM;
	for (i = 0; i < nini; i = j + 1) {
		err = EOPNOTSUPP;
		child = NULL;
		for (j = nini - 1; j >= i; j--) {
			if (!ocf_chain_distinct(&ini[i], j - i + 1))
				continue;
			err = ocf_build_bound(&ini[i], j - i + 1, crid, exclude, &child);
			if (!err)
				break;
		}
		if (err)
			goto fail;
		/*
		 * A migration may see the part from now on (it is on its
		 * driver's list): attached under ocf_session_mutex, it finds
		 * it whole, or alone (then it is dead: ENXIO at first use)
		 */
		mutex_lock(&ocf_session_mutex);
		child->crid = crid;
		child->parent = parent;
		child->part = parent->nparts;
		for (err = i; err <= j; err++)
			parent->part_of[err] = parent->nparts;
		parent->parts[parent->nparts++] = child;
		mutex_unlock(&ocf_session_mutex);
	}
	*out = parent;
	return 0;
fail:
	/*
	 * As crypto_freesession() does: closing, so that a migration under
	 * way installs no replacement, then what the slots hold (a part, or
	 * the replacement a migration installed before) torn down
	 */
	mutex_lock(&ocf_session_mutex);
	ocf_session_mark_closing(parent);
	mutex_unlock(&ocf_session_mutex);
	ocf_session_teardown(parent);
	ocf_session_put(parent);
	return err;
}

static int ocf_check_ini(const struct cryptoini *cri, struct cryptoini *ini, int *nini)
{
	const struct ocf_alg *a;
	int n = 0;

	for (; cri; cri = cri->cri_next) {
		if (n == OCF_MAX_CHAIN)
			return EINVAL;
		a = ocf_alg_get(cri->cri_alg);
		if (!a)
			return EINVAL;
		if (cri->cri_mlen < 0 || !ocf_alg_key_ok(a, cri->cri_klen, cri->cri_key))
			return EINVAL;
		if (cri->cri_mlen && (!a->maclen || cri->cri_mlen > a->maclen))
			return EINVAL;
		ini[n++] = *cri;
	}
	*nini = n;
	return n ? 0 : EINVAL;
}

/**
 * crypto_newsession() - create a session
 * @cses: where to store the new session's handle
 * @cri: the algorithms: one, or a chain (cipher + MAC, ...), each with its
 *	key; an algorithm may appear more than once
 * @crid: a driver id, or CRYPTOCAP_F_HARDWARE and/or CRYPTOCAP_F_SOFTWARE
 *	(both: hardware preferred)
 *
 * Picks the cheapest suitable driver by measured cost, splitting the
 * session over several drivers when no single one serves the whole chain.
 *
 * Context: process; sleeps.
 * Return: 0; EINVAL for a malformed chain (unknown algorithm, key or MAC
 * length out of range, too long), a bad @crid or an unknown driver id;
 * EOPNOTSUPP when no allowed driver can serve; ENOMEM.
 */
int crypto_newsession(crypto_session_t *cses, const struct cryptoini *cri, int crid)
{
	const int class = CRYPTOCAP_F_HARDWARE | CRYPTOCAP_F_SOFTWARE;
	struct ocf_lineage *lin;
	struct crypto_session *s;
	struct cryptoini ini[OCF_MAX_CHAIN];	/* a checked copy of the chain */
	int nini, err;

	if (!cses || !cri)
		return EINVAL;
	if (crid & class) {
		if (crid & ~class)
			return EINVAL;
	} else {
		struct ocf_driver *drv;

		if (crid < 0)
			return EINVAL;
		drv = ocf_driver_get(crid);
		if (!drv)
			return EINVAL;
		ocf_driver_put(drv);
	}
	lin = ocf_lineage_alloc();
	if (!lin) {
		err = ENOMEM;
		goto out;
	}
	err = ocf_check_ini(cri, ini, &nini);
	if (err)
		goto out;
	err = ocf_build(ini, nini, crid, NULL, &s);
	if (err)
		goto out;

	mutex_lock(&ocf_session_mutex);
	s->lin = lin;
	list_add_tail(&s->lin_node, &lin->members);
	mutex_unlock(&ocf_session_mutex);
	lin = NULL;
	atomic64_inc(&ocf_stats.sessions);
	*cses = s;
out:
	if (lin)
		ocf_lineage_free(lin);
	return err;
}
EXPORT_SYMBOL_OCF(crypto_newsession);

/* Stop @s taking requests, wait for those inside drivers, free it there. */
static void ocf_session_teardown(struct crypto_session *s)
{
	int i;

	if (!READ_ONCE(s->dead_err))
		WRITE_ONCE(s->dead_err, EBADF);
	smp_mb();	/* dead_err before inflight: pairs with ocf_invoke() */
	for (i = 0; i < s->nparts; i++) {
		struct crypto_session *p;
		unsigned long flags;

		spin_lock_irqsave(&ocf_session_lock, flags);
		p = s->parts[i];
		s->parts[i] = NULL;
		spin_unlock_irqrestore(&ocf_session_lock, flags);
		if (!p)
			continue;
		ocf_session_teardown(p);
		ocf_session_put(p);
	}
	if (s->drv) {
		wait_event(ocf_drain_wq, atomic_read(&s->inflight) == 0);
		ocf_session_destroy_bound(s, false);
	}
}

/**
 * crypto_freesession() - free a session
 * @cses: a handle from crypto_newsession(), or one that replaced it after
 *	EAGAIN: either frees the session and all it migrated to, once
 *
 * Requests still inside a driver are waited for; requests still queued in
 * the framework complete with EBADF.
 *
 * Context: process; sleeps.
 * Return: 0, or EINVAL for NULL, a handle already freed or one that is not
 * a consumer's.
 */
int crypto_freesession(crypto_session_t cses)
{
	struct crypto_session *s, *tmp;
	struct ocf_lineage *lin;
	LIST_HEAD(members);

	if (!cses)
		return EINVAL;
	mutex_lock(&ocf_session_mutex);
	lin = cses->lin;
	if (!lin || lin->freed) {
		mutex_unlock(&ocf_session_mutex);
		return EINVAL;
	}
	lin->freed = true;
	list_splice_init(&lin->members, &members);
	list_for_each_entry(s, &members, lin_node)
		ocf_session_mark_closing(s);
	mutex_unlock(&ocf_session_mutex);

	list_for_each_entry_safe(s, tmp, &members, lin_node) {
		list_del_init(&s->lin_node);
		ocf_session_teardown(s);
		s->lin = NULL;
		ocf_session_put(s);
	}
	ocf_lineage_free(lin);
	atomic64_dec(&ocf_stats.sessions);
	return 0;
}
EXPORT_SYMBOL_OCF(crypto_freesession);

/* Part @part of split session @s, referenced, or NULL if it is gone. */
struct crypto_session *ocf_session_part(struct crypto_session *s, int part)
{
	struct crypto_session *p;
	unsigned long flags;

	spin_lock_irqsave(&ocf_session_lock, flags);
	p = s->parts[part];
	if (p)
		kref_get(&p->ref);
	spin_unlock_irqrestore(&ocf_session_lock, flags);
	return p;
}

/**
 * ocf_session_map_desc() - which of a session's algorithms a descriptor uses
 * @s: the session
 * @first: the request's first descriptor
 * @crd: one of them
 * @ini_idx: the index in @s->ini
 *
 * The k-th descriptor of algorithm A maps to the k-th cryptoini of A.
 *
 * Return: 0, or EINVAL if the session has no such algorithm instance.
 */
int ocf_session_map_desc(struct crypto_session *s, struct cryptodesc *first,
			 struct cryptodesc *crd, int *ini_idx)
{
	struct cryptodesc *d;
	int k = 0, i;

	for (d = first; d && d != crd; d = d->crd_next)
		if (d->crd_alg == crd->crd_alg)
			k++;
	for (i = 0; i < s->nini; i++) {
		if (s->ini[i].cri_alg != crd->crd_alg)
			continue;
		if (k-- == 0) {
			*ini_idx = i;
			return 0;
		}
	}
	return EINVAL;
}

/* Migration */

static bool ocf_session_uses(struct crypto_session *s, int alg)
{
	int i;

	if (alg < 0)
		return true;
	for (i = 0; i < s->nini; i++)
		if (s->ini[i].cri_alg == alg)
			return true;
	return false;
}

/*
 * Install @to as the replacement of @s, or mark @s dead when there is none
 * or @s is not a consumer's: a calibration session, or one that
 * crypto_newsession() has not given its lineage yet (its consumer's first
 * request gets ENXIO). Called under ocf_session_mutex. Returns whether @to
 * was installed: if not, the caller frees it (@s may be going away, too).
 */
static bool ocf_session_replace(struct crypto_session *s, struct crypto_session *to)
{
	struct crypto_session *parent = s->parent;
	unsigned long flags;

	if (s->closing || (parent && parent->closing)) {
		/* marked now: what it has queued or in flight bounces (EBADF) */
		if (!READ_ONCE(s->dead_err))
			WRITE_ONCE(s->dead_err, EBADF);
		return false;
	}
	if (!to || (!parent && !s->lin)) {
		WRITE_ONCE(s->dead_err, ENXIO);
		return false;
	}
	to->crid = s->crid;
	if (parent) {
		to->parent = parent;
		to->part = s->part;
		spin_lock_irqsave(&ocf_session_lock, flags);
		parent->parts[s->part] = to;	/* takes over the slot's ref */
		spin_unlock_irqrestore(&ocf_session_lock, flags);
	} else {
		to->lin = s->lin;
		list_add_tail(&to->lin_node, &s->lin->members);
	}
	/*
	 * moved_to holds a reference: a request still holding @s (a queue
	 * worker about to bounce it) may follow it after the consumer has
	 * freed all the sessions, and must find @to, dead (EBADF)
	 */
	kref_get(&to->ref);
	smp_store_release(&s->moved_to, to);	/* pairs with ocf_moved_to() */
	return true;
}

/**
 * ocf_migrate_driver() - move sessions off a driver
 * @drv: the driver, dead (for @alg < 0) or losing @alg
 * @alg: the algorithm withdrawn, or -1 for all
 *
 * Context: process; the caller holds @drv->methods_rwsem for writing, so
 * the sessions on @drv change only here.
 */
void ocf_migrate_driver(struct ocf_driver *drv, int alg)
{
	struct crypto_session *s, *tmp, *to;
	LIST_HEAD(moving);

	spin_lock(&drv->lock);
	list_for_each_entry_safe(s, tmp, &drv->sessions, drv_node) {
		if (!ocf_session_uses(s, alg))
			continue;
		kref_get(&s->ref);
		list_move_tail(&s->drv_node, &moving);
	}
	spin_unlock(&drv->lock);

	/* 1: replacements, built without ocf_session_mutex (they may sleep) */
	list_for_each_entry(s, &moving, drv_node) {
		to = NULL;
		if (READ_ONCE(s->closing) ||
		    ocf_build_bound(s->ini, s->nini, s->crid, drv, &to))
			to = NULL;
		mutex_lock(&ocf_session_mutex);
		if (!ocf_session_replace(s, to) && to) {
			mutex_unlock(&ocf_session_mutex);
			ocf_session_destroy_bound(to, false);
			ocf_session_put(to);
		} else {
			mutex_unlock(&ocf_session_mutex);
		}
		atomic64_inc(&drv->migrations);
		atomic64_inc(&ocf_stats.migrations);
	}
	smp_mb();	/* moved_to/dead_err before inflight: pairs with ocf_invoke() */

	/* 2: what waits in our queues bounces to the new sessions */
	ocf_queue_flush_sym(drv);

	/* 3, 4: drain what is inside the driver, then free it there */
	list_for_each_entry_safe(s, tmp, &moving, drv_node) {
		bool slot = s->parent && ocf_moved_to(s);

		wait_event(ocf_drain_wq, atomic_read(&s->inflight) == 0);
		ocf_session_destroy_bound(s, true);	/* takes it off @moving */
		if (slot)
			ocf_session_put(s);	/* the parent's slot no longer holds it */
		ocf_session_put(s);
	}
}

/**
 * crypto_get_driver_session() - a driver's memory for a session
 * @cses: the session handle the driver's methods were given
 *
 * Context: any.
 * Return: the zeroed memory of the size the driver gave
 * crypto_get_driverid(), or NULL if that size was 0.
 */
void *crypto_get_driver_session(crypto_session_t cses)
{
	return cses ? cses->softc : NULL;
}
EXPORT_SYMBOL_OCF(crypto_get_driver_session);

/**
 * crypto_session_ini() - one of a session's algorithms, with its key
 * @cses: session handle
 * @alg: CRYPTO_* algorithm
 * @nth: which instance of @alg (0: the first)
 *
 * Context: any.
 * Return: the session's own copy (do not modify), or NULL.
 */
const struct cryptoini *crypto_session_ini(crypto_session_t cses, int alg, int nth)
{
	int i;

	if (!cses)
		return NULL;
	for (i = 0; i < cses->nini; i++)
		if (cses->ini[i].cri_alg == alg && nth-- == 0)
			return &cses->ini[i];
	return NULL;
}
EXPORT_SYMBOL_OCF(crypto_session_ini);

/*
 * The bound session serving instance @nth of @alg in session @cses (the
 * session itself, or the part of a split one), referenced; NULL with *@err
 * EINVAL (no such algorithm), the session's error, or EAGAIN (a part is
 * being replaced).
 */
static struct crypto_session *ocf_session_serving(crypto_session_t cses, int alg,
						  int nth, int *err)
{
	struct crypto_session *s, *p;
	int i;

	*err = EINVAL;
	if (!cses)
		return NULL;
	s = ocf_session_head(cses);
	for (i = 0; i < s->nini; i++)
		if (s->ini[i].cri_alg == alg && nth-- == 0)
			break;
	if (i == s->nini)
		return NULL;
	*err = s->dead_err;
	if (*err)
		return NULL;
	if (!s->nparts) {
		kref_get(&s->ref);
		return s;
	}
	p = ocf_session_part(s, s->part_of[i]);
	if (!p)
		*err = EAGAIN;
	return p;
}

/*
 * ocf_session_serving(), for a look at the session now: one that moved
 * meanwhile is taken again. A moved split part is not followed through
 * moved_to: after a second migration the part it names is no longer the
 * parent's (its memory is held, not its place).
 */
static struct crypto_session *ocf_session_serving_now(crypto_session_t cses, int alg,
						      int nth, int *err)
{
	struct crypto_session *bs;
	int tries;

	for (tries = 0; tries < 4; tries++) {
		bs = ocf_session_serving(cses, alg, nth, err);
		if (!bs || !ocf_moved_to(bs))
			return bs;
		ocf_session_put(bs);
	}
	*err = EAGAIN;
	return NULL;
}

/**
 * crypto_session_driver() - the driver serving one algorithm of a session
 * @cses: session handle (migrations are followed)
 * @alg: CRYPTO_* algorithm
 * @nth: which instance of @alg
 *
 * Context: any.
 * Return: the driver id, or -1.
 */
int crypto_session_driver(crypto_session_t cses, int alg, int nth)
{
	struct crypto_session *bs;
	int err, id = -1;

	bs = ocf_session_serving_now(cses, alg, nth, &err);
	if (!bs)
		return -1;
	if (bs->drv && !READ_ONCE(bs->dead_err))
		id = bs->drv->id;
	ocf_session_put(bs);
	return id;
}
EXPORT_SYMBOL_OCF(crypto_session_driver);

/**
 * crypto_session_mac_partial() - can a session hash a message in parts
 * @cses: session handle (migrations are followed)
 * @alg: a hash or HMAC of the session
 *
 * True when @alg is the only algorithm of its part of the session and its
 * driver registered it with CRYPTO_ALG_F_MAC_PARTIAL: requests may then
 * carry CRD_F_MAC_MORE and CRD_F_MAC_CONT. A migration may change the
 * answer.
 *
 * Context: any; does not sleep.
 */
bool crypto_session_mac_partial(crypto_session_t cses, int alg)
{
	struct crypto_session *bs;
	bool yes = false;
	int err;

	bs = ocf_session_serving_now(cses, alg, 0, &err);
	if (!bs)
		return false;
	if (bs->drv && !READ_ONCE(bs->dead_err) && !bs->nparts)
		yes = ocf_mac_partial(bs, alg);
	ocf_session_put(bs);
	return yes;
}
EXPORT_SYMBOL_OCF(crypto_session_mac_partial);

/**
 * crypto_session_describe() - what implements one algorithm of a session
 * @cses: session handle (migrations are followed)
 * @alg: CRYPTO_* algorithm
 * @nth: which instance of @alg
 * @d: filled in
 *
 * The driver's describe method names the implementation (for the Linux
 * crypto API drivers, the transform's cra_name and cra_driver_name); the
 * framework's names stand in for drivers without one.
 *
 * Context: any; does not sleep.
 * Return: 0; EINVAL when @alg is not in the session; EAGAIN when the session
 * is migrating; ENXIO when it has no driver left.
 */
int crypto_session_describe(crypto_session_t cses, int alg, int nth,
			    struct crypto_impl_desc *d)
{
	const struct ocf_alg *a = ocf_alg_get(alg);
	struct crypto_session *bs;
	struct ocf_driver *drv;
	int err;

	memset(d, 0, sizeof(*d));
	if (!a)
		return EINVAL;
	bs = ocf_session_serving(cses, alg, nth, &err);
	if (!bs)
		return err;
	drv = bs->drv;
	if (!ocf_session_enter(bs, drv)) {
		ocf_session_put(bs);
		return EAGAIN;
	}
	d->driverid = drv->id;
	d->flags = drv->flags;
	strscpy(d->alg_name, a->name, sizeof(d->alg_name));
	strscpy(d->impl_name, drv->name, sizeof(d->impl_name));
	if (drv->dev->methods->describe)
		err = drv->dev->methods->describe(drv->dev, bs, alg, d);
	ocf_inflight_dec(bs, drv);
	ocf_session_put(bs);
	return err;
}
EXPORT_SYMBOL_OCF(crypto_session_describe);

/**
 * crypto_session_nparts() - how many drivers a session is split over
 * @cses: session handle
 *
 * Context: any.
 * Return: 1 for a session on one driver, more for a split one.
 */
int crypto_session_nparts(crypto_session_t cses)
{
	struct crypto_session *s;

	if (!cses)
		return 0;
	s = ocf_session_head(cses);
	return s->nparts ? s->nparts : 1;
}
EXPORT_SYMBOL_OCF(crypto_session_nparts);
