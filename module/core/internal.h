/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * opencrypto framework internals, shared by the files of module/core.
 * Documentation/framework.md explains the design.
 */
#ifndef OPENCRYPTO_CORE_INTERNAL_H
#define OPENCRYPTO_CORE_INTERNAL_H

#include <linux/atomic.h>
#include <linux/kref.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include <opencrypto/crypto.h>

/* Algorithm table (algs.c) */
enum ocf_alg_type {
	OCF_ALG_NONE = CRYPTO_CLASS_NONE,
	OCF_ALG_CIPHER = CRYPTO_CLASS_CIPHER,	/* key, IV, block size */
	OCF_ALG_HASH = CRYPTO_CLASS_HASH,	/* no key */
	OCF_ALG_MAC = CRYPTO_CLASS_MAC,		/* keyed hash */
	OCF_ALG_AEAD = CRYPTO_CLASS_AEAD,	/* cipher and MAC in one */
	OCF_ALG_COMP = CRYPTO_CLASS_COMP,	/* compression */
};

struct ocf_alg {
	const char *name;
	enum ocf_alg_type type;
	u16 blocksize;		/* ciphers; 1 for stream ciphers */
	u16 ivlen;
	u16 maclen;		/* full MAC/hash length */
	u16 min_key, max_key;	/* bytes; 0/0 = keyless */
	u16 calib_key;		/* key bytes used to calibrate */
};

const struct ocf_alg *ocf_alg_get(int alg);
bool ocf_alg_key_ok(const struct ocf_alg *a, int klen, const void *key);
bool ocf_kalg_valid(int kalg);

/* Drivers (driver.c) */
#define OCF_NQUEUES 2		/* SYMQ, ASYMQ */
#define OCF_MAX_DRIVERS 64	/* ids 0..63: krp_tried bitmaps */

struct ocf_driver;

struct ocf_queue {
	spinlock_t lock;		/* list, len, blocked, unblock_gen */
	struct list_head list;		/* cryptop.crp_next / cryptkop.krp_next */
	unsigned int len;
	unsigned int busy;		/* taken off the list, not yet submitted */
	bool blocked;
	unsigned int unblock_gen;	/* bumped by crypto_unblock() */
	struct work_struct work;	/* drains the list */
	struct ocf_driver *drv;
	int which;			/* 0 = SYMQ, 1 = ASYMQ */
};

/* Nothing queued, in the worker's hands or blocked: a request may go direct. */
static inline bool ocf_queue_idle(struct ocf_queue *q)
{
	return !READ_ONCE(q->blocked) && !READ_ONCE(q->len) && !READ_ONCE(q->busy);
}

struct ocf_alg_entry {
	u16 maxoplen;
	u32 flags;
	u64 cost;			/* ns; CRYPTO_COST_UNKNOWN until measured */
	u64 cost_small, cost_large;
};

struct ocf_driver {
	u32 id;
	char name[48];			/* name + unit */
	struct crypto_device *dev;	/* immutable */
	size_t session_size;		/* immutable */
	u32 flags;			/* immutable: CRYPTOCAP_F_* */
	struct kref ref;
	struct rcu_head rcu;

	spinlock_t lock;		/* the fields below up to sessions */
	bool dead;
	DECLARE_BITMAP(algs, CRYPTO_ALGORITHM_ALL);
	DECLARE_BITMAP(kalgs, CRK_ALGORITHM_ALL);
	struct ocf_alg_entry alg[CRYPTO_ALGORITHM_ALL];
	struct list_head sessions;	/* bound sessions, crypto_session.drv_node */
	unsigned int nsessions;

	struct rw_semaphore methods_rwsem; /* newsession/freesession vs unregister */
	atomic_t inflight;		/* requests inside the driver */
	wait_queue_head_t drain_wq;

	struct ocf_queue q[OCF_NQUEUES];

	/* statistics: per request per CPU, the rare ones shared */
	struct ocf_counters __percpu *pc;
	atomic64_t blocks, unblocks, migrations, cb_ns_max;
};

struct ocf_driver *ocf_driver_get(u32 id);	/* takes a reference */
void ocf_driver_put(struct ocf_driver *drv);
bool ocf_driver_usable(struct ocf_driver *drv, int alg);
int ocf_driver_candidates(int crid, const int *algs, int nalgs, bool keying,
			  struct ocf_driver **out, int max);
void ocf_drivers_shutdown(void);
void __ocf_driver_stat_latency(struct ocf_driver *drv, u64 stamp);

/* A request stamped by ocf_lat_stamp() is done (0: it was not sampled). */
static inline void ocf_driver_stat_latency(struct ocf_driver *drv, u64 stamp)
{
	if (unlikely(stamp))
		__ocf_driver_stat_latency(drv, stamp);
}

typedef void (*ocf_driver_fn)(struct ocf_driver *drv, void *arg);
void ocf_visit_drivers(void *arg, ocf_driver_fn fn);

/* Sessions (session.c) */
#define OCF_MAX_CHAIN 8		/* algorithms in one session */

struct ocf_lineage;

struct crypto_session {
	struct kref ref;		/* lineage membership, requests in flight */
	struct ocf_lineage *lin;	/* shared by the migrations of one session */
	struct crypto_session *parent;	/* split: the session this is part of */
	int part;			/* split: our index in the parent */

	size_t size;			/* bytes allocated (ocf_session_alloc()) */
	int nini;			/* algorithms in ini[] (at the end) */
	int crid;			/* as asked for at creation */

	/* bound session (nparts == 0) */
	struct ocf_driver *drv;
	void *softc;
	struct list_head drv_node;	/* on drv->sessions, under drv->lock */
	atomic_t inflight;		/* requests on this session in the driver */

	/* split session */
	int nparts;
	struct crypto_session *parts[OCF_MAX_CHAIN];
	int part_of[OCF_MAX_CHAIN];	/* ini index -> part */

	/* migration and teardown */
	struct list_head lin_node;	/* on lin->members, ocf_session_mutex */
	struct crypto_session *moved_to; /* set once (release), then read-only; a ref */
	bool closing;			/* being freed; ocf_session_mutex */
	bool freed_by_driver;		/* the driver's freesession ran */
	int dead_err;			/* requests fail with this (ENXIO, EBADF) */

	/* the algorithms, a private copy (keys zeroed on free) */
	struct cryptoini ini[];
};

/* guards split-session part slots against replacement by migration */
extern spinlock_t ocf_session_lock;
extern wait_queue_head_t ocf_drain_wq;

/* The session @s migrated to, or NULL. */
static inline struct crypto_session *ocf_moved_to(struct crypto_session *s)
{
	return smp_load_acquire(&s->moved_to);	/* pairs with ocf_session_replace() */
}

/**
 * ocf_session_head() - where requests on @s go now
 * @s: a session handle
 *
 * Inline, as ocf_session_put(): both are on every request's path.
 *
 * Context: any.
 * Return: @s, or the session it migrated to (followed to the end).
 */
static inline struct crypto_session *ocf_session_head(struct crypto_session *s)
{
	struct crypto_session *next;

	while ((next = ocf_moved_to(s)))
		s = next;
	return s;
}

void ocf_session_release(struct kref *ref);

static inline void ocf_session_put(struct crypto_session *s)
{
	kref_put(&s->ref, ocf_session_release);
}

void ocf_session_exit(void);
void ocf_choice_changed(void);

/* A request (or a look at the driver) left bound session @bs of @drv. */
static inline void ocf_inflight_dec(struct crypto_session *bs,
				    struct ocf_driver *drv)
{
	if (atomic_dec_and_test(&bs->inflight) && wq_has_sleeper(&ocf_drain_wq))
		wake_up_all(&ocf_drain_wq);
	if (atomic_dec_and_test(&drv->inflight) && wq_has_sleeper(&drv->drain_wq))
		wake_up_all(&drv->drain_wq);
}

/*
 * Enter bound session @bs of @drv as a request (or a look at the driver)
 * does: false, with nothing held, when the driver is dead or the session
 * moved or died; true otherwise, to be left with ocf_inflight_dec().
 */
static inline bool ocf_session_enter(struct crypto_session *bs,
				     struct ocf_driver *drv)
{
	atomic_inc(&bs->inflight);
	atomic_inc(&drv->inflight);
	smp_mb__after_atomic();	/* inflight before the checks: pairs with migration */
	if (READ_ONCE(drv->dead) || ocf_moved_to(bs) || READ_ONCE(bs->dead_err)) {
		ocf_inflight_dec(bs, drv);
		return false;
	}
	return true;
}

/* May bound session @s take CRD_F_MAC_MORE/CONT for @alg? */
static inline bool ocf_mac_partial(struct crypto_session *s, int alg)
{
	const struct ocf_alg *a = ocf_alg_get(alg);

	return a && (a->type == OCF_ALG_HASH || a->type == OCF_ALG_MAC) &&
	       (READ_ONCE(s->drv->alg[alg].flags) & CRYPTO_ALG_F_MAC_PARTIAL);
}

int ocf_session_map_desc(struct crypto_session *s, struct cryptodesc *first,
			 struct cryptodesc *crd, int *ini_idx);
void ocf_migrate_driver(struct ocf_driver *drv, int alg);
int ocf_session_create_on(struct ocf_driver *drv, const struct cryptoini *ini,
			  int nini, struct crypto_session **out);
void ocf_session_destroy_bound(struct crypto_session *s, bool locked);
struct crypto_session *ocf_session_part(struct crypto_session *s, int part);

/* Dispatch (dispatch.c) */
int ocf_dispatch_init(void);
void ocf_dispatch_exit(void);
void ocf_queue_init(struct ocf_queue *q, struct ocf_driver *drv, int which);
void ocf_queue_flush_sym(struct ocf_driver *drv);
void ocf_complete(struct cryptop *crp, int err);
void ocf_kqueue_reroute(struct ocf_driver *drv);
void ocf_kqueue_run(struct ocf_queue *q);
void ocf_queue_kick(struct ocf_queue *q);
void ocf_kret_queue(struct cryptkop *krp);

/* Keying (kdispatch.c) */
void ocf_kdispatch_retry(struct cryptkop *krp);

/* Calibration (calibrate.c) */
u64 ocf_calibrate(struct ocf_driver *drv, int alg);

/* Statistics (stats.c) */

/*
 * What every request counts: per CPU, so that no cache line bounces between
 * CPUs on the fast path, and summed when read (ocf_counter_read()).
 * Latency (cb_*) is sampled: one request in OCF_LAT_SAMPLE per CPU.
 */
struct ocf_counters {
	u64 ops, errors, kops, kerrors, eagain, cb_count, cb_ns_total;
	unsigned int lat_tick;
};

#define OCF_LAT_SAMPLE 256

DECLARE_PER_CPU(struct ocf_counters, ocf_counters);	/* the framework's */
u64 ocf_counters_sum(struct ocf_counters __percpu *pc, size_t off);
#define ocf_counter_read(pc, field) \
	ocf_counters_sum(pc, offsetof(struct ocf_counters, field))

/* A timestamp for this request's latency, or 0 when it is not sampled. */
static inline u64 ocf_lat_stamp(void)
{
	if (this_cpu_inc_return(ocf_counters.lat_tick) % OCF_LAT_SAMPLE)
		return 0;
	return ktime_get_ns() ?: 1;
}

struct ocf_stats {
	atomic64_t sessions, migrations;
};

extern struct ocf_stats ocf_stats;
extern unsigned int ocf_max_queue;
extern struct dentry *ocf_debugfs;
int ocf_stats_init(void);
void ocf_stats_exit(void);

/* crp_state bits */
#define OCF_CRP_ORDERED		0x1	/* counted in the keep-order sequence */
#define OCF_CRP_INDRIVER	0x2	/* counted in drv->inflight */
#define OCF_CRP_STAGED		0x4	/* split session: stage in progress */
#define OCF_CRP_DRIVER_DONE	0x10	/* counted by crypto_done() (calibrate.c) */

#endif /* OPENCRYPTO_CORE_INTERNAL_H */
