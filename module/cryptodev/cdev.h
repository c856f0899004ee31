/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * /dev/crypto: shared declarations of the files of module/cryptodev/.
 *
 * One struct cdev_file per open file description (CRIOGET's fd shares it),
 * holding its sessions by id; one struct cdev_job per request, on a kernel
 * copy of the user's data; every request goes through crypto_dispatch().
 */
#ifndef OPENCRYPTO_CRYPTODEV_CDEV_H
#define OPENCRYPTO_CRYPTODEV_CDEV_H

#include <linux/completion.h>
#include <linux/hashtable.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include <opencrypto/crypto.h>

/* Limits (module parameters, main.c) */
extern unsigned int cdev_max_request;	/* bytes of data per request */
extern unsigned int cdev_max_sessions;	/* per open file */
extern unsigned int cdev_async_depth;	/* async requests per open file */
extern unsigned long cdev_max_memory;	/* bytes of kernel buffers in all */
extern unsigned long cdev_max_user_memory;	/* ... for one user's files */
extern int cdev_allow_soft;		/* 0: hardware drivers only */
extern int cdev_allow_asym;		/* 0: no keying operations */
extern unsigned int cdev_zc_min;	/* smallest request mapped, not copied */

struct cdev_acct;

struct cdev_file {
	struct cdev_acct *acct;		/* its opener's user's (account.c) */
	struct mutex lock;		/* sessions, nsessions */
	DECLARE_HASHTABLE(sessions, 6);	/* struct cdev_session, by id */
	unsigned int nsessions;
	u32 last_id;			/* the id handed out last */
	/* the session freed last, for the next one like it (session.c) */
	struct cdev_session *parked;
	unsigned long parked_at;	/* jiffies when it was parked */
	struct delayed_work park_work;	/* frees it if none comes in time */

	spinlock_t alock;		/* the fields below */
	struct list_head done;		/* finished async jobs, oldest first */
	unsigned int async;		/* async jobs not yet fetched */
	unsigned int running;		/* async jobs not yet finished */
	wait_queue_head_t wq;		/* poll, and release waiting */
};

struct cdev_session {
	u32 id;
	struct hlist_node node;		/* in cdev_file.sessions */
	struct kref ref;		/* the table's, and each job's */
	struct mutex lock;		/* the hash accumulator */
	/*
	 * The framework's handle, following EAGAIN (READ_ONCE/WRITE_ONCE: an
	 * old handle stays valid and answers EAGAIN again until freesession)
	 */
	crypto_session_t ses;
	struct cdev_acct *acct;		/* its file's, referenced */
	int crid;			/* what crypto_newsession() was asked for */
	int cipher, mac, compr;		/* CRYPTO_* or 0 */
	struct crypto_alg_params cp, mp;
	unsigned int maclen;		/* hash/MAC result bytes */
	u8 *mackey;			/* a copy, for CIOCCPHASH's check */
	unsigned int mackeylen;
	unsigned int keylen;		/* cipher key bytes (the framework has the key) */

	struct cdev_job *spare;		/* a finished job kept for reuse (job.c) */

	/*
	 * multi-call hashing (COP_FLAG_UPDATE): the data so far; past
	 * max_request, the driver's running hash holds what came before
	 * (hstream, crypt.c)
	 */
	u8 *hbuf;
	size_t hlen, hcap;
	bool hactive;
	bool hstream;
};

/* What a request's result goes back to. */
struct cdev_out {
	u8 __user *dst;
	u8 __user *mac;
	u8 __user *iv;
	u8 __user *tag;
};

enum cdev_job_state { CDEV_RUNNING, CDEV_FINISHED, CDEV_ORPHANED, CDEV_FINISHED_INLINE };

/* Waiting for a request, killably (waiter.c). */
struct cdev_waiter {
	atomic_t state;			/* enum cdev_job_state */
	struct task_struct *submitter;	/* inside the dispatch, or NULL */
	struct completion done;
	struct work_struct free_work;	/* frees the request once orphaned */
	work_func_t free_fn;		/* what free_work runs */
};

void cdev_waiter_arm(struct cdev_waiter *w, work_func_t free_fn);
void cdev_waiter_submitted(struct cdev_waiter *w);
void cdev_waiter_done(struct cdev_waiter *w);
int cdev_waiter_wait(struct cdev_waiter *w, void (*killed)(struct cdev_waiter *w));

struct cdev_job {
	/* kept when the job is reused for another request (job.c) */
	struct cryptop *crp;
	int ndesc;			/* descriptors of crp */
	u8 *buf;			/* the data, kvmalloc'ed */
	size_t bufcap;			/* its size, charged to acct */
	struct cdev_acct *acct;		/* bufcap is charged to; NULL: uncharged */
	size_t bufused;			/* the most of it any request used */
	u8 mac[AALG_MAX_RESULT_LEN];
	u8 iv[EALG_MAX_BLOCK_LEN];	/* next IV for COP_FLAG_WRITE_IV */
	struct crypt_op cop;		/* async: what CIOCASYNCFETCH returns */

	/* from here on, zero for each request: memset_startat(j, 0, cs) */
	struct cdev_session *cs;
	struct cdev_file *f;		/* async jobs only */
	struct cdev_job *parent;	/* owns the buffer we use: freed after us */
	struct cdev_waiter wait;	/* synchronous jobs */
	struct list_head node;		/* on cdev_file.done */
	bool async;
	int tries;			/* EAGAIN resubmissions */
	size_t buflen;			/* bytes of buf this request uses */
	/* zero-copy: the user's pages, pinned, as the request's buffer */
	struct page **pages;
	struct bio_vec *bvec;
	unsigned int npages;
	bool pinned_write;
	struct crypto_uio uio;
	unsigned int datalen;		/* bytes of data in the buffer */
	unsigned int outoff, outlen;	/* what goes to dst */
	int ivalg;			/* the cipher it continues */
	bool enc;
	unsigned int ivlen;		/* 0: COP_FLAG_WRITE_IV not asked */
	unsigned int ivlen_out;		/* 0: nothing to write back */
	unsigned int maclen_out;
	struct cdev_out out;
};

/* What /dev/crypto holds now (debugfs cryptodev/stats, main.c) */
struct cdev_stats {
	atomic_t files, sessions, jobs;
	atomic_long_t memory;		/* bytes charged: buffers and pins */
	atomic_long_t pinned;		/* user pages pinned */
};

extern struct cdev_stats cdev_stats;

/* account.c */
struct cdev_acct *cdev_acct_open(void);
struct cdev_acct *cdev_acct_hold(struct cdev_acct *a);
void cdev_acct_put(struct cdev_acct *a);
unsigned int cdev_acct_users(void);
int cdev_mem_charge(struct cdev_acct *a, size_t n);
void cdev_mem_uncharge(struct cdev_acct *a, size_t n);

/* session.c */
void cdev_file_init(struct cdev_file *f);
void cdev_file_release(struct cdev_file *f);
struct cdev_session *cdev_session_get(struct cdev_file *f, u32 id);
void cdev_session_put(struct cdev_session *cs);
void cdev_session_exit(void);
int cdev_newsession(struct cdev_file *f, struct session2_op *sop, bool ext);
int cdev_freesession(struct cdev_file *f, u32 id);
int cdev_sessinfo(struct cdev_file *f, struct session_info_op *sip);
int cdev_cphash(struct cdev_file *f, const struct cphash_op *cp);
int cdev_crid_class(void);

/* job.c */
struct cdev_job *cdev_job_alloc(struct cdev_session *cs, int ndesc, size_t buflen);
void cdev_job_free(struct cdev_job *j);
void cdev_job_destroy(struct cdev_job *j);
void cdev_job_stash(struct cdev_job *j);
void cdev_job_exit(void);
int cdev_job_pin(struct cdev_job *j, u8 __user *uaddr, size_t len, bool write,
		 bool longterm);
int cdev_job_fill_pinned(struct cdev_job *j, const u8 __user *src);
int cdev_job_run(struct cdev_job *j);
int cdev_job_submit(struct cdev_job *j);
void cdev_job_follow(struct cdev_job *j);
int cdev_job_copyout(struct cdev_job *j);
extern struct workqueue_struct *cdev_wq;

/* crypt.c */
int cdev_crypt(struct cdev_file *f, struct crypt_op *cop, bool async);
bool cdev_is_cbc(int alg);
void cdev_job_next_iv(struct cdev_job *j);

/* aead.c, composite.c */
int cdev_authcrypt(struct cdev_file *f, struct crypt_auth_op *caop);
int cdev_composite(struct cdev_session *cs, struct crypt_auth_op *caop);

/* async.c */
int cdev_async_submit(struct cdev_file *f, struct cdev_job *j);
void cdev_async_done(struct cdev_job *j);
int cdev_async_fetch(struct cdev_file *f, struct crypt_op *cop);
__poll_t cdev_async_poll(struct cdev_file *f);
void cdev_async_release(struct cdev_file *f);

/* key.c */
int cdev_key(struct crypt_kop *kop, bool ext);
u32 cdev_asymfeat(void);

/* drivers.c */
int cdev_finddev(struct crypt_find_op *fop);
int cdev_getdriver(struct crypt_driver_op *dop);
bool cdev_driver_allowed(u32 flags);
int cdev_crid_select(s32 ucrid, int *crid);

/* ioctl.c */
long cdev_ioctl(struct file *file, unsigned int cmd, unsigned long arg);
#ifdef CONFIG_COMPAT
long cdev_compat_ioctl(struct file *file, unsigned int cmd, unsigned long arg);
#endif

#endif /* OPENCRYPTO_CRYPTODEV_CDEV_H */
