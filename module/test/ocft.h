/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * opencrypto_test: the framework's in-kernel test module. Fake drivers
 * (drivers.c) compute a deterministic toy transform so that results are
 * checkable without real cryptography; the test cases (tests_*.c) drive the
 * framework through them and report KTAP (main.c).
 */
#ifndef OPENCRYPTO_TEST_OCFT_H
#define OPENCRYPTO_TEST_OCFT_H

#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/irq_work.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include <opencrypto/crypto.h>

/* Waits: every one is bounded; a timeout is a test failure. */
#define OCFT_TIMEOUT		(5 * HZ)
#define OCFT_LONG_TIMEOUT	(30 * HZ)

/* Toy algorithms: what the fake drivers know of the ids they register. */
enum ocft_kind { OCFT_NONE, OCFT_CIPHER, OCFT_MAC, OCFT_COMP };

struct ocft_alginfo {
	int alg;
	enum ocft_kind kind;
	unsigned int ivlen;	/* ciphers */
	unsigned int maclen;	/* MACs: full length */
	unsigned int keylen;	/* bytes, a valid length for tests */
};

const struct ocft_alginfo *ocft_alg(int alg);

/* The toy transforms, shared by the drivers and the checks. */
void ocft_toy_cipher(int alg, const u8 *key, int klen, const u8 *iv,
		     unsigned int ivlen, bool encrypt, u8 *data, int len, int pos);
u32 ocft_mac_init(int alg, const u8 *key, int klen);
u32 ocft_mac_update(u32 h, const u8 *data, int len);
void ocft_mac_final(u32 h, u8 *mac, unsigned int maclen);
void ocft_toy_mac(int alg, const u8 *key, int klen, const u8 *data, int len,
		  u8 *mac, unsigned int maclen);

/* Fake drivers */
enum ocft_mode {
	OCFT_MODE_SYNC,		/* crypto_done() inside process() */
	OCFT_MODE_ASYNC,	/* crypto_done() from a work item */
	OCFT_MODE_IRQ,		/* crypto_done() from hard interrupt context */
};

#define OCFT_RING	2048
#define OCFT_LOG	1024
#define OCFT_MAXALG	8

struct ocft_ring {
	void *slot[OCFT_RING];
	unsigned int head, tail;	/* head == tail: empty */
};

struct ocft_drv {
	struct crypto_device dev;
	char name[24];
	int flags;
	size_t sess_size;
	s32 id;
	bool alive;			/* got an id, not unregistered_all yet */

	/* knobs, set by the tests */
	enum ocft_mode mode;
	bool blocked;			/* process/kprocess return ERESTART */
	bool krefuse;			/* kprocess: EOPNOTSUPP at once */
	bool hold;			/* async: keep requests until released */
	unsigned int delay_us;		/* process: fixed udelay */
	unsigned int jitter_us;		/* process: udelay(rand % jitter_us) */
	unsigned long async_delay;	/* async: jiffies before completing */
	unsigned int sleep_new_ms;	/* newsession: msleep */
	bool fail_new;			/* newsession: EINVAL (after the sleep) */
	unsigned int sleep_free_ms;	/* freesession: msleep */
	int restart_unblock;		/* process: this many times, unblock then ERESTART */

	/* counters */
	atomic_t nprocess, nrestart, nnew, nfree, nkprocess;
	atomic_t inside;		/* threads in newsession/freesession */
	atomic_t bad_sess;		/* session memory not ours in process */
	atomic_t nonzero_sess;		/* newsession: memory not zeroed */
	atomic_t bad_cri;		/* newsession: chain not as promised */
	atomic_t bad_desc;		/* process: algorithm not ours */
	atomic_t helper_err;		/* a framework helper failed */
	atomic_t tail_bad;		/* freesession: memory overwritten */
	atomic_t ndesc[OCFT_MAXALG];	/* descriptors processed, per alg */
	int algs[OCFT_MAXALG];		/* registered, for ndesc */
	int nalgs;

	/* logs (under lock) */
	spinlock_t lock;
	struct task_struct *last_task;	/* that ran process */
	struct task_struct *done_task;	/* that called crypto_done (async) */
	u8 last_iv[EALG_MAX_BLOCK_LEN];
	int last_helper_rc;
	unsigned int nlog;
	void *log_req[OCFT_LOG];	/* process order (taken requests) */
	int log_hint[OCFT_LOG];

	/* async */
	struct ocft_ring pending, held, kpending;
	bool self_blocked;
	struct delayed_work dwork;
	struct irq_work iw;
};

struct ocft_drv *ocft_drv_new(const char *name, int unit, int flags,
			      size_t sess_size, enum ocft_mode mode);
/* A synchronous driver with newsession and process only (no freesession, kprocess) */
struct ocft_drv *ocft_drv_new_min(const char *name, int flags);
int ocft_drv_register(struct ocft_drv *d, int alg);
void ocft_drv_kill(struct ocft_drv *d);	/* unregister_all, if alive */
void ocft_drv_free(struct ocft_drv *d);	/* kill and free */
void ocft_drv_release(struct ocft_drv *d); /* held requests: complete them */
void ocft_drv_log_reset(struct ocft_drv *d);
int ocft_drv_ndesc(struct ocft_drv *d, int alg);
bool ocft_is_ours(u32 id);
int ocft_drivers_init(void);
void ocft_drivers_exit(void);

/* The session memory of the fake drivers */
#define OCFT_SESS_MAGIC	0x6f636674
struct ocft_sess {
	u32 magic;
	struct ocft_drv *drv;
	int nalg;
	int algs[OCFT_MAXALG];
};

/* Does a live driver of @class (0: any) serve @alg? */
bool ocft_alg_used(int alg, int class);

/* KTAP reporting (main.c) */
__printf(1, 2) void ocft_diag(const char *fmt, ...);

#define OCFT_PASS	0
#define OCFT_FAIL	1
#define OCFT_SKIP	2
extern char ocft_skip_reason[128];
int ocft_skip(const char *reason);

/* A test case fails when a check fails; checks log where and why. */
#define CHECK(cond) ({							\
	bool __c = !!(cond);						\
	if (!__c) {							\
		ocft_diag("%s:%d: check failed: %s", __func__, __LINE__, #cond); \
		ok = false;						\
	}								\
	__c;								\
})

#define CHECK_EQ(a, b) ({						\
	long long __a = (long long)(a), __b = (long long)(b);		\
	bool __c = __a == __b;						\
	if (!__c) {							\
		ocft_diag("%s:%d: %s == %lld, expected %s == %lld",	\
			  __func__, __LINE__, #a, __a, #b, __b);	\
		ok = false;						\
	}								\
	__c;								\
})

/* Requests */
enum ocft_bufkind { OCFT_BUF_FLAT, OCFT_BUF_SG, OCFT_BUF_IOV };

#define OCFT_NSEG 4

struct ocft_group {
	atomic_t remaining;
	atomic_t order;			/* callbacks so far */
	struct completion all;
	struct list_head grave;		/* freed: kept until the module goes */
};

struct ocft_req {
	struct cryptop crp;
	struct cryptodesc crd[4];
	int len;
	enum ocft_bufkind kind;
	u8 *flat;
	u8 *seg[OCFT_NSEG];
	struct scatterlist sg[OCFT_NSEG];
	struct page *pg[OCFT_NSEG];
	struct bio_vec bv[OCFT_NSEG];
	struct crypto_uio uio;
	u8 mac[64];

	struct ocft_group *group;
	struct completion done;
	atomic_t ncb;
	int idx;
	int cb_order;
	int cb_etype;
	int cb_flags;
	crypto_session_t cb_session;
	struct task_struct *cb_task;
	bool cb_in_dispatch;
	bool leaked;			/* timed out: never freed */
	int ncb_at_free;
	struct list_head grave;		/* freed: kept until the module goes */
};

struct ocft_req *ocft_req_new(int len, enum ocft_bufkind kind, gfp_t gfp);
void ocft_req_free(struct ocft_req *r);
int ocft_graveyard_check(int *total);
void ocft_graveyard_exit(void);
void ocft_req_reset(struct ocft_req *r);	/* for a resubmission */
void ocft_req_write(struct ocft_req *r, const u8 *src);
void ocft_req_read(struct ocft_req *r, u8 *dst);
int ocft_dispatch(struct ocft_req *r);	/* crypto_dispatch, marks "in dispatch" */
bool ocft_wait(struct ocft_req *r);	/* false (and leaked) on timeout */
bool ocft_group_wait(struct ocft_group *g, unsigned long timeout);
struct ocft_group *ocft_group_new(int n);
void ocft_group_free(struct ocft_group *g);
int ocft_submit_wait(struct ocft_req *r, bool *ok);

extern struct task_struct *ocft_tester;
extern bool ocft_in_dispatch;

/* Long-lived drivers, set up before the tests */
extern struct ocft_drv *ocft_zero, *ocft_sync, *ocft_hw, *ocft_block, *ocft_jitter, *ocft_key;

/* Helpers for sessions */
int ocft_session(crypto_session_t *s, int crid, const int *algs,
		 u8 keys[][32], const int *mlen, int n);
void ocft_fill(u8 *buf, int len, u32 seed);
void ocft_key_fill(u8 *key, int len, u32 seed);
int ocft_pick_alg(enum ocft_kind kind, int class, const int *exclude, int nexcl);

/* One request of one descriptor on one driver (tests_linux.c) */
int ocft_lx_one(int id, int alg, const u8 *key, int klen, u8 *buf, int ilen,
		bool sg, const struct cryptodesc *d, int *olen);

/*
 * Vectors of the known answers (tests_linux.c, which says where they come
 * from), also used by tests_soft.c. Skipjack: the key of the NIST
 * specification's vector, and four blocks of CBC made with it. KPDK: the
 * text, and its MD5_KPDK with 16 bytes 0x0b as key, SHA1_KPDK with 20.
 */
#define SKIPJACK_KEY "00998877665544332211"
#define SKIPJACK_IV "0102030405060708"
/* "Skipjack, 80-bit key, CBC mode!!" */
#define SKIPJACK_PT "536b69706a61636b2c2038302d626974206b65792c20434243206d6f64652121"
#define SKIPJACK_CT "9ae8b8ffced084af6571d1de5f08eb17b925bd269efb1322fb4cb18f2bb72005"
#define KPDK_TEXT "what do ya want for nothing?"
#define KPDK_MD5_0B16 "6ba02009746e69bd54fee3d3f4a916fc"
#define KPDK_SHA1_0B20 "6bfa1784a23231d1c841ce8d42679b72e489fca0"

/* Test cases */
struct ocft_case {
	const char *name;
	int (*fn)(void);
};

extern const struct ocft_case ocft_cases_api[];
extern const unsigned int ocft_ncases_api;
extern const struct ocft_case ocft_cases_req[];
extern const unsigned int ocft_ncases_req;
extern const struct ocft_case ocft_cases_mig[];
extern const unsigned int ocft_ncases_mig;
extern const struct ocft_case ocft_cases_linux[];
extern const unsigned int ocft_ncases_linux;
extern const struct ocft_case ocft_cases_soft[];
extern const unsigned int ocft_ncases_soft;
extern const struct ocft_case ocft_cases_pk[];
extern const unsigned int ocft_ncases_pk;
extern const struct ocft_case ocft_cases_lxkey[];
extern const unsigned int ocft_ncases_lxkey;
#endif /* OPENCRYPTO_TEST_OCFT_H */
