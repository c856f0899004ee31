// SPDX-License-Identifier: GPL-2.0-only
/*
 * /dev/crypto sessions: per open file, in a hash table (no allocation to
 * add or remove one), under non-zero ids (0 means "no session" to OpenSSL)
 * handed out in turn, so that a freed id comes back only after the ids
 * wrap around; each one crypto_newsession() of the framework.
 * A session is freed when CIOCFSESSION or close drops the table's reference
 * and the last request using it has finished.
 *
 * A freed session is parked instead, when nothing else holds it and no
 * multi-call hash is under way: consumers make a session per operation
 * (OpenSSL's engine for every digest; programs that initialise a cipher or
 * HMAC context again with its key for each message). The file's next
 * CIOCGSESSION for the same algorithms, crid and keys (compared in constant
 * time) takes it again under a new id, without a framework session made,
 * keyed and freed in between. Only this file can take it. The keys it
 * holds are the ones the session kept all along (the cipher key in the
 * framework's session, the MAC key here too for CIOCCPHASH); they are wiped
 * with the session, which is freed if none comes within CDEV_PARK_MS, when
 * another is parked or a CIOCGSESSION of the same algorithms comes with
 * other keys, when the framework no longer has a driver for it, and on
 * close.
 */
#include <crypto/algapi.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#include "cdev.h"

#define CDEV_PARK_MS 10

static void cdev_park_work(struct work_struct *work);

void cdev_file_init(struct cdev_file *f)
{
	mutex_init(&f->lock);
	hash_init(f->sessions);
	spin_lock_init(&f->alock);
	INIT_LIST_HEAD(&f->done);
	init_waitqueue_head(&f->wq);
	INIT_DELAYED_WORK(&f->park_work, cdev_park_work);
}

/*
 * A freed session's memory, kept per CPU for the next one: sessions come
 * and go at the rate of requests for consumers that make one per operation
 * (OpenSSL's engine does for every digest), and a new allocation costs
 * more than clearing a kept one. What the session owned (keys, buffers) is
 * freed before it is kept.
 */
static DEFINE_PER_CPU(struct cdev_session *, cdev_spare_session);

static struct cdev_session *cdev_session_alloc(void)
{
	struct cdev_session *cs = this_cpu_xchg(cdev_spare_session, NULL);

	if (!cs)
		return kzalloc(sizeof(*cs), GFP_KERNEL_ACCOUNT);
	*cs = (struct cdev_session){};	/* constant-size stores, inline */
	return cs;
}

static void cdev_session_free(struct cdev_session *cs)
{
	kfree(this_cpu_xchg(cdev_spare_session, cs));
}

/**
 * cdev_session_exit() - free the sessions the CPUs kept (module unload)
 */
void cdev_session_exit(void)
{
	int cpu;

	for_each_possible_cpu(cpu)
		kfree(xchg(per_cpu_ptr(&cdev_spare_session, cpu), NULL));
}

/*
 * What a session is counted as against max_memory: the memory it makes the
 * framework, its driver and the Linux transform hold is not /dev/crypto's
 * to measure, so a session counts as CDEV_SESSION_COST, and a compression
 * session as CDEV_COMP_SESSION_COST (on 6.1 and 6.12 each of the Linux
 * driver's four deflate requests has zlib workspaces: 0.8-1.1 MiB a
 * session measured; on 7.2, next to nothing).
 * Sessions are the one thing a caller can make without a buffer: without
 * this, files of 1024 sessions each could take the machine's memory.
 */
#define CDEV_SESSION_COST	SZ_4K
#define CDEV_COMP_SESSION_COST	SZ_1M

static size_t cdev_session_cost(const struct cdev_session *cs)
{
	return cs->compr ? CDEV_COMP_SESSION_COST : CDEV_SESSION_COST;
}

static void cdev_session_release(struct kref *ref)
{
	struct cdev_session *cs = container_of(ref, struct cdev_session, ref);

	if (cs->spare)
		cdev_job_stash(cs->spare);	/* for the next session, wiped */
	crypto_freesession(cs->ses);
	cdev_mem_uncharge(cs->acct, cdev_session_cost(cs));
	if (cs->hcap)
		cdev_mem_uncharge(cs->acct, cs->hcap);
	kvfree_sensitive(cs->hbuf, cs->hcap);
	kfree_sensitive(cs->mackey);
	cdev_acct_put(cs->acct);
	cdev_session_free(cs);
	atomic_dec(&cdev_stats.sessions);
}

/**
 * cdev_session_put() - drop a reference to a session
 * @cs: the session
 *
 * Context: process (the last reference frees the framework's session).
 */
void cdev_session_put(struct cdev_session *cs)
{
	kref_put(&cs->ref, cdev_session_release);
}

/* The session @id of @f, or NULL; under f->lock. */
static struct cdev_session *cdev_lookup(struct cdev_file *f, u32 id)
{
	struct cdev_session *cs;

	hash_for_each_possible(f->sessions, cs, node, id)
		if (cs->id == id)
			return cs;
	return NULL;
}

/**
 * cdev_session_get() - find a session of an open file
 * @f: the open file
 * @id: its id
 *
 * Return: the session, referenced, or NULL.
 */
struct cdev_session *cdev_session_get(struct cdev_file *f, u32 id)
{
	struct cdev_session *cs;

	mutex_lock(&f->lock);
	cs = cdev_lookup(f, id);
	if (cs)
		kref_get(&cs->ref);
	mutex_unlock(&f->lock);
	return cs;
}

/* The driver classes /dev/crypto may use. */
int cdev_crid_class(void)
{
	return cdev_allow_soft ? CRYPTOCAP_F_HARDWARE | CRYPTOCAP_F_SOFTWARE :
				 CRYPTOCAP_F_HARDWARE;
}

/* A user key: copied in, bounded. */
static int cdev_get_key(const u8 __user *ukey, u32 len, u32 max, u8 **key)
{
	*key = NULL;
	if (len > max)
		return -EINVAL;
	if (!len)
		return 0;
	*key = memdup_user(ukey, len);
	if (IS_ERR(*key)) {
		int err = PTR_ERR(*key);

		*key = NULL;
		return err;
	}
	return 0;
}

/* Check one algorithm of a session_op against its role. */
static int cdev_check_alg(int alg, struct crypto_alg_params *p, bool mac_role,
			  bool comp_role)
{
	if (!alg)
		return 0;
	if (crypto_alg_params(alg, p))
		return -EINVAL;
	if (comp_role)
		return p->cls == CRYPTO_CLASS_COMP ? 0 : -EINVAL;
	if (mac_role)
		return p->cls == CRYPTO_CLASS_HASH || p->cls == CRYPTO_CLASS_MAC ?
			0 : -EINVAL;
	return p->cls == CRYPTO_CLASS_CIPHER || p->cls == CRYPTO_CLASS_AEAD ?
		0 : -EINVAL;
}

static int cdev_insert(struct cdev_file *f, struct cdev_session *cs)
{
	mutex_lock(&f->lock);
	if (f->nsessions >= cdev_max_sessions) {
		mutex_unlock(&f->lock);
		return -ENOSPC;
	}
	/* the next id not in use (at most max_sessions of them are) */
	do
		cs->id = ++f->last_id;
	while (!cs->id || cdev_lookup(f, cs->id));
	hash_add(f->sessions, &cs->node, cs->id);
	f->nsessions++;
	mutex_unlock(&f->lock);
	return 0;
}

/* The algorithm a session is described by: its cipher, compressor or MAC. */
static int cdev_session_alg(const struct cdev_session *cs)
{
	return cs->cipher ? cs->cipher : cs->compr ? cs->compr : cs->mac;
}

/* The parked session, if any: the caller frees it. */
static struct cdev_session *cdev_park_take(struct cdev_file *f)
{
	struct cdev_session *cs;

	mutex_lock(&f->lock);
	cs = f->parked;
	WRITE_ONCE(f->parked, NULL);	/* read unlocked by cdev_unpark() */
	mutex_unlock(&f->lock);
	return cs;
}

/*
 * The parked session's time is up, unless it was parked after the work was
 * queued (the timer is not moved at every park): then its own time is
 * waited for.
 */
static void cdev_park_work(struct work_struct *work)
{
	struct cdev_file *f = container_of(to_delayed_work(work), struct cdev_file,
					   park_work);
	unsigned long due;
	struct cdev_session *cs;

	mutex_lock(&f->lock);
	cs = f->parked;
	due = f->parked_at + msecs_to_jiffies(CDEV_PARK_MS);
	if (cs && time_before(jiffies, due)) {
		queue_delayed_work(cdev_wq, &f->park_work, due - jiffies);
		cs = NULL;
	} else {
		WRITE_ONCE(f->parked, NULL);	/* read unlocked by cdev_unpark() */
	}
	mutex_unlock(&f->lock);
	if (cs)
		cdev_session_put(cs);
}

/*
 * Park @cs, held by the table alone, in place of the one parked before
 * (returned for the caller to put). Under f->lock. The work that frees it
 * is queued only when it is not already: a session per operation would
 * otherwise move a timer at every CIOCFSESSION.
 */
static struct cdev_session *cdev_park(struct cdev_file *f, struct cdev_session *cs)
{
	struct cdev_session *old = f->parked;

	WRITE_ONCE(f->parked, cs);
	f->parked_at = jiffies;
	if (!delayed_work_pending(&f->park_work))
		queue_delayed_work(cdev_wq, &f->park_work, msecs_to_jiffies(CDEV_PARK_MS));
	return old;
}

/*
 * Is the user's key @ukey of @len bytes @key? Compared in constant time, a
 * word at a time straight from user memory: no copy of it to wipe after
 * (a memset() is a byte at a time under emulation). Return: 1, 0, or
 * -EFAULT.
 */
static int cdev_user_key_eq(const u8 __user *ukey, const u8 *key, u32 len)
{
	u64 w, k, ne = 0;
	u32 off;
	u8 b;

	for (off = 0; off + sizeof(w) <= len; off += sizeof(w)) {
		if (get_user(w, (const u64 __user *)(ukey + off)))
			return -EFAULT;
		memcpy(&k, key + off, sizeof(k));	/* unaligned: one load */
		ne |= w ^ k;
	}
	for (; off < len; off++) {
		if (get_user(b, ukey + off))
			return -EFAULT;
		ne |= b ^ key[off];
	}
	return !ne;
}

/*
 * Are the keys of @sop the parked session's (their lengths are)? The
 * cipher key is the framework session's copy. Both keys are compared
 * whatever the other's answer. Return: 1, 0, or -EFAULT.
 */
static int cdev_park_keys_eq(struct cdev_session *cs, const struct session2_op *sop)
{
	const struct cryptoini *ini;
	int mac_eq = 1, key_eq = 1;

	if (cs->mackeylen)
		mac_eq = cdev_user_key_eq(sop->mackey, cs->mackey, cs->mackeylen);
	if (cs->keylen) {
		ini = crypto_session_ini(READ_ONCE(cs->ses), cs->cipher, 0);
		key_eq = ini && ini->cri_key && ini->cri_klen == cs->keylen * 8 ?
			 cdev_user_key_eq(sop->key, ini->cri_key, cs->keylen) : 0;
	}
	if (mac_eq < 0 || key_eq < 0)
		return -EFAULT;
	return mac_eq & key_eq;
}

/* The cipher key bytes of @sop (a length given with no cipher is none). */
static u32 cdev_cipher_keylen(const struct session2_op *sop)
{
	return sop->cipher ? sop->keylen : 0;
}

/* Does every algorithm of @cs still have a driver (a split session's parts too)? */
static bool cdev_session_served(struct cdev_session *cs)
{
	crypto_session_t ses = READ_ONCE(cs->ses);

	return (!cs->cipher || crypto_session_driver(ses, cs->cipher, 0) >= 0) &&
	       (!cs->mac || crypto_session_driver(ses, cs->mac, 0) >= 0) &&
	       (!cs->compr || crypto_session_driver(ses, cs->compr, 0) >= 0);
}

/*
 * The parked session for a CIOCGSESSION of @sop on @crid, if it has the
 * same algorithms and keys and each of them still has a driver.
 * One that differs only in its keys is freed: the caller is not making the
 * same session over again, and whoever shares the file (which can use its
 * sessions anyway) gets one guess at the keys per parked session, not a
 * way to search for them.
 */
static struct cdev_session *cdev_unpark(struct cdev_file *f,
					const struct session2_op *sop, int crid)
{
	struct cdev_session *cs;

	if (!READ_ONCE(f->parked))
		return NULL;
	mutex_lock(&f->lock);
	cs = f->parked;
	if (cs && cs->cipher == sop->cipher && cs->mac == sop->mac &&
	    cs->compr == sop->compr && cs->crid == crid &&
	    cs->keylen == cdev_cipher_keylen(sop) &&
	    cs->mackeylen == sop->mackeylen)
		WRITE_ONCE(f->parked, NULL);
	else
		cs = NULL;
	mutex_unlock(&f->lock);
	if (!cs)
		return NULL;
	if (cdev_park_keys_eq(cs, sop) <= 0 || !cdev_session_served(cs)) {
		cdev_session_put(cs);	/* other keys, or a driver is gone */
		return NULL;
	}
	return cs;
}

/* Make @cs, referenced once, the file's under a new id; crid for CIOCGSESSION2. */
static int cdev_publish(struct cdev_file *f, struct cdev_session *cs,
			struct session2_op *sop, bool ext)
{
	int err;

	if (ext)
		sop->crid = crypto_session_driver(READ_ONCE(cs->ses), cdev_session_alg(cs), 0);
	kref_get(&cs->ref);	/* visible once inserted: freeable by then */
	err = cdev_insert(f, cs);
	sop->ses = cs->id;
	cdev_session_put(cs);
	if (err)
		cdev_session_put(cs);
	return err;
}

/**
 * cdev_newsession() - CIOCGSESSION and CIOCGSESSION2
 * @f: the open file
 * @sop: the request (a session_op is its first part); ses and, for the
 *	extension, crid are filled in
 * @ext: CIOCGSESSION2: honour sop->crid
 *
 * Return: 0 or a negative errno.
 */
int cdev_newsession(struct cdev_file *f, struct session2_op *sop, bool ext)
{
	struct cryptoini cri[2] = {}, *first = NULL, **link = &first;
	u8 key[CRYPTO_CIPHER_MAX_KEY_LEN], *mackey = NULL;
	struct cdev_session *cs;
	int crid = cdev_crid_class(), err, i;

	if (ext) {
		for (i = 0; i < ARRAY_SIZE(sop->pad); i++)
			if (sop->pad[i])
				return -EINVAL;
		err = cdev_crid_select(sop->crid, &crid);
		if (err)
			return err;
	}
	cs = cdev_unpark(f, sop, crid);
	if (cs)
		return cdev_publish(f, cs, sop, ext);
	cs = cdev_session_alloc();
	if (!cs)
		return -ENOMEM;
	kref_init(&cs->ref);
	mutex_init(&cs->lock);
	cs->crid = crid;
	cs->cipher = sop->cipher;
	cs->mac = sop->mac;
	cs->compr = sop->compr;
	err = -EINVAL;
	if (!cs->cipher && !cs->mac && !cs->compr)
		goto out;
	if (cs->compr && (cs->cipher || cs->mac))
		goto out;
	if (cdev_check_alg(cs->cipher, &cs->cp, false, false) ||
	    cdev_check_alg(cs->mac, &cs->mp, true, false) ||
	    cdev_check_alg(cs->compr, &cs->cp, false, true))
		goto out;
	if (cs->cipher && cs->cp.cls == CRYPTO_CLASS_AEAD && cs->mac)
		goto out;
	/* the cipher key on the stack (sessions come and go per operation) */
	if (sop->keylen > sizeof(key))
		goto out;
	err = -EFAULT;
	if (copy_from_user(key, sop->key, sop->keylen))
		goto out;
	err = cdev_get_key(sop->mackey, sop->mackeylen,
			   CRYPTO_HMAC_MAX_KEY_LEN, &mackey);
	if (err)
		goto out;

	if (cs->mac) {
		cri[0].cri_alg = cs->mac;
		cri[0].cri_klen = sop->mackeylen * 8;
		cri[0].cri_key = mackey;
		cs->maclen = cs->mp.maclen;
		*link = &cri[0];
		link = &cri[0].cri_next;
	}
	if (cs->cipher || cs->compr) {
		cri[1].cri_alg = cs->cipher ? cs->cipher : cs->compr;
		cri[1].cri_klen = sop->keylen * 8;
		cri[1].cri_key = sop->keylen ? key : NULL;
		if (cs->cipher && cs->cp.cls == CRYPTO_CLASS_AEAD)
			cs->maclen = cs->cp.maclen;
		*link = &cri[1];
	}
	err = cdev_mem_charge(f->acct, cdev_session_cost(cs));
	if (err)
		goto out;
	err = -crypto_newsession(&cs->ses, first, crid);
	if (err) {
		cdev_mem_uncharge(f->acct, cdev_session_cost(cs));
		goto out;
	}
	cs->acct = cdev_acct_hold(f->acct);
	atomic_inc(&cdev_stats.sessions);
	cs->mackey = mackey;
	cs->mackeylen = sop->mackeylen;
	cs->keylen = cdev_cipher_keylen(sop);
	mackey = NULL;
	memzero_explicit(key, sizeof(key));
	return cdev_publish(f, cs, sop, ext);
out:
	memzero_explicit(key, sizeof(key));
	kfree_sensitive(mackey);
	kfree_sensitive(cs->mackey);
	cdev_session_free(cs);
	return err;
}

/**
 * cdev_freesession() - CIOCFSESSION
 * @f: the open file
 * @id: the session
 *
 * Requests running on it finish first; the framework's session goes with
 * the last of them.
 *
 * Return: 0, or -EINVAL for an id this file does not have.
 */
int cdev_freesession(struct cdev_file *f, u32 id)
{
	struct cdev_session *cs;

	mutex_lock(&f->lock);
	cs = cdev_lookup(f, id);
	if (!cs) {
		mutex_unlock(&f->lock);
		return -EINVAL;
	}
	hash_del(&cs->node);
	f->nsessions--;
	/*
	 * No request holds it (they take their reference through the table,
	 * under the lock) and no multi-call hash is under way: park it.
	 */
	if (kref_read(&cs->ref) == 1) {
		smp_rmb();	/* the last request's hash state after its put */
		if (!cs->hactive && !cs->hstream && !cs->hlen)
			cs = cdev_park(f, cs);
	}
	mutex_unlock(&f->lock);
	if (cs)
		cdev_session_put(cs);
	return 0;
}

/* Close: every session the file still has. */
void cdev_file_release(struct cdev_file *f)
{
	struct cdev_session *cs;
	struct hlist_node *tmp;
	int bkt;

	hash_for_each_safe(f->sessions, bkt, tmp, cs, node) {
		hash_del(&cs->node);
		cdev_session_put(cs);
	}
	f->nsessions = 0;
	cancel_delayed_work_sync(&f->park_work);
	cs = cdev_park_take(f);
	if (cs)
		cdev_session_put(cs);
}

static int cdev_describe(struct cdev_session *cs, int alg, struct alg_info *ai,
			 u32 *flags, u16 *alignmask)
{
	struct crypto_impl_desc d;
	int err, tries = 0;

	for (;;) {
		err = crypto_session_describe(cs->ses, alg, 0, &d);
		if (err != EAGAIN || ++tries >= 16)
			break;
		cond_resched();		/* a migration under way */
	}
	if (err)
		return -err;
	strscpy(ai->cra_name, d.alg_name, sizeof(ai->cra_name));
	strscpy(ai->cra_driver_name, d.impl_name, sizeof(ai->cra_driver_name));
	if (d.flags & CRYPTOCAP_F_HARDWARE)
		*flags |= SIOP_FLAG_KERNEL_DRIVER_ONLY;
	*alignmask = max_t(u16, *alignmask, d.alignmask);
	return 0;
}

/**
 * cdev_sessinfo() - CIOCGSESSINFO
 * @f: the open file
 * @sip: in: ses; out: what serves the session
 *
 * Return: 0 or a negative errno (-EINVAL: no such session).
 */
int cdev_sessinfo(struct cdev_file *f, struct session_info_op *sip)
{
	struct cdev_session *cs = cdev_session_get(f, sip->ses);
	int err = 0;

	if (!cs)
		return -EINVAL;
	memset(&sip->cipher_info, 0, sizeof(sip->cipher_info));
	memset(&sip->hash_info, 0, sizeof(sip->hash_info));
	sip->alignmask = 0;
	sip->flags = 0;
	if (mutex_lock_killable(&cs->lock)) {	/* see cdev_hash() */
		cdev_session_put(cs);
		return -EINTR;
	}
	if (cs->cipher || cs->compr)
		err = cdev_describe(cs, cs->cipher ? cs->cipher : cs->compr,
				    &sip->cipher_info, &sip->flags, &sip->alignmask);
	if (!err && cs->mac)
		err = cdev_describe(cs, cs->mac, &sip->hash_info, &sip->flags,
				    &sip->alignmask);
	mutex_unlock(&cs->lock);
	cdev_session_put(cs);
	return err;
}

/**
 * cdev_cphash() - CIOCCPHASH: copy the hash state of one session to another
 * @f: the open file
 * @cp: the sessions
 *
 * Both must be hash sessions of the same algorithm (and, for a MAC, key).
 *
 * Return: 0 or a negative errno.
 */
int cdev_cphash(struct cdev_file *f, const struct cphash_op *cp)
{
	struct cdev_session *src, *dst;
	u8 *buf = NULL;
	size_t len;
	bool active;
	int err = -EINVAL;

	src = cdev_session_get(f, cp->src_ses);
	dst = cdev_session_get(f, cp->dst_ses);
	if (!src || !dst || src == dst)
		goto out;
	if (!src->mac || src->cipher || src->mac != dst->mac || dst->cipher ||
	    src->mackeylen != dst->mackeylen ||
	    crypto_memneq(src->mackey, dst->mackey, src->mackeylen))
		goto out;
	/* a snapshot of the source, then installed: never both locks */
	err = -EINTR;
	if (mutex_lock_killable(&src->lock))	/* see cdev_hash() */
		goto out;
	len = src->hlen;
	active = src->hactive;
	err = src->hstream ? -E2BIG : 0;	/* its start is in the driver only */
	if (len && !err) {
		err = cdev_mem_charge(dst->acct, len);
		if (!err) {
			buf = kvmalloc(len, GFP_KERNEL_ACCOUNT);
			if (buf)
				memcpy(buf, src->hbuf, len);
			else
				cdev_mem_uncharge(dst->acct, len);
		}
	}
	mutex_unlock(&src->lock);
	if (err || (len && !buf)) {
		err = err ? err : -ENOMEM;
		goto out;
	}
	if (mutex_lock_killable(&dst->lock)) {
		if (buf)
			cdev_mem_uncharge(dst->acct, len);
		kvfree_sensitive(buf, len);
		err = -EINTR;
		goto out;
	}
	if (dst->hcap)
		cdev_mem_uncharge(dst->acct, dst->hcap);
	kvfree_sensitive(dst->hbuf, dst->hcap);
	dst->hbuf = buf;
	dst->hlen = len;
	dst->hcap = len;
	dst->hactive = active;
	dst->hstream = false;
	mutex_unlock(&dst->lock);
	err = 0;
out:
	if (src)
		cdev_session_put(src);
	if (dst)
		cdev_session_put(dst);
	return err;
}
