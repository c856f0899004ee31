/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The Linux crypto API implementations as opencrypto drivers: shared
 * declarations of module/drivers/linux_*.c.
 */
#ifndef OPENCRYPTO_DRIVERS_LINUX_H
#define OPENCRYPTO_DRIVERS_LINUX_H

#include <linux/crypto.h>
#include <linux/debugfs.h>
#include <linux/list.h>
#include <linux/rwsem.h>
#include <linux/spinlock.h>
#include <linux/uidgid.h>
#include <linux/workqueue.h>

#include <opencrypto/crypto.h>

/*
 * Exported by the crypto API on every supported kernel, but declared only in
 * its private crypto/internal.h: walk under down_read(&crypto_alg_sem).
 */
extern struct list_head crypto_alg_list;
extern struct rw_semaphore crypto_alg_sem;

enum ocf_lx_kind {
	OCF_LX_NONE,
	OCF_LX_SKCIPHER,
	OCF_LX_HASH,		/* ahash, keyless */
	OCF_LX_HMAC,		/* ahash, keyed */
	OCF_LX_AEAD,
	OCF_LX_GMAC,		/* an AEAD's tag over AAD only: GMAC, CBC-MAC */
	OCF_LX_COMP,		/* acomp */
};

/* How one opencrypto algorithm maps onto the Linux crypto API. */
struct ocf_lx_map {
	int alg;
	enum ocf_lx_kind kind;
	const char *name;	/* cra_name, e.g. "cbc(aes)" */
	const char *tmpl;	/* its driver name from @inner's, e.g. "cbc(%s)" */
	const char *inner;	/* cra_name of what the template wraps */
	u32 inner_type;		/* CRYPTO_ALG_TYPE_* of @inner */
};

extern const struct ocf_lx_map ocf_lx_maps[];
extern const unsigned int ocf_lx_nmaps;
const struct ocf_lx_map *ocf_lx_map_get(int alg);

/*
 * Implementations are kept per slot: the symmetric algorithms (CRYPTO_*),
 * then the keying operations (CRK_*) at OCF_LX_KSLOT().
 */
#define OCF_LX_KSLOT(op)	(CRYPTO_ALGORITHM_ALL + (op))
#define OCF_LX_NSLOTS		OCF_LX_KSLOT(CRK_ALGORITHM_ALL)

/* A transform of a freed session, kept for the next (linux_idle.c) */
#define OCF_LX_IDLE 8
#define OCF_LX_IDLE_KEY 64		/* the longest key kept beside one */

struct ocf_lx_idle_tfm {
	enum ocf_lx_kind kind;
	void *tfm;			/* NULL: a free entry */
	unsigned int klen;		/* bytes of the key it may still hold */
	bool dirty;			/* the freed session's key is not wiped yet */
	bool key_known;			/* dirty, and @key is that key */
	kuid_t owner;			/* who freed it: only they take @key as is */
	u8 key[OCF_LX_IDLE_KEY];
};

/* One opencrypto driver: the implementations of one provider module. */
struct ocf_lx_dev {
	struct crypto_device dev;
	char name[MODULE_NAME_LEN];
	struct module *mod;		/* NULL: built in */
	s32 id;
	bool hw;
	bool sync;			/* registered CRYPTOCAP_F_SYNC */
	bool blocked;			/* we returned ERESTART */
	atomic_t inflight;		/* requests inside the Linux driver */
	char *impl[OCF_LX_NSLOTS];	/* Linux driver name per slot */
	struct list_head node;

	struct ocf_lx_req *spare_rq;	/* a freed session's request (linux_sym.c) */

	spinlock_t idle_lock;		/* idle[], idle_closed */
	struct ocf_lx_idle_tfm idle[OCF_LX_IDLE];
	bool idle_closed;		/* the driver is going: keep none */
	struct delayed_work idle_work;	/* frees them once unused a while */
	struct delayed_work idle_wipe;	/* wipes the keys of those not taken */
	unsigned long idle_wiped;	/* keys wiped (zero key, or freed), all told */
	unsigned long idle_rekeyed;	/* unwiped ones a session took and rekeyed */
	unsigned long idle_same;	/* unwiped ones a session took with their key */
};

/* A session: one Linux transform per algorithm of the chain. */
#define OCF_LX_MAX_TFMS 8
#define OCF_LX_INLINE_TFMS 2
#define OCF_LX_NCREQ 4

struct acomp_req;

/*
 * Per-request keys (CRD_F_KEY_EXPLICIT) of one algorithm of a session: a
 * second transform of the same implementation, made and keyed by a work
 * item, and only while no request runs on it (linux_sym.c explains).
 */
struct ocf_lx_kx {
	struct ocf_lx_tfm *t;		/* whose key transform this is */
	spinlock_t lock;		/* the fields below */
	union {
		struct crypto_skcipher *sk;
		struct crypto_ahash *ah;
		struct crypto_aead *ae;
	};				/* NULL until a request needs it */
	unsigned int reqsize;		/* what its requests need */
	u8 *key;			/* a copy of its key, when @keyed */
	unsigned int klen;		/* bytes */
	bool keyed;			/* it has @key */
	bool keying;			/* the work is changing its key */
	unsigned int busy;		/* descriptors running on it */
	struct list_head wait;		/* requests waiting for it, in order */
	struct work_struct work;	/* keys it for the first waiter */
};

struct ocf_lx_tfm {
	int alg;
	enum ocf_lx_kind kind;
	union {
		struct crypto_skcipher *sk;
		struct crypto_ahash *ah;
		struct crypto_aead *ae;
		struct crypto_acomp *ac;
	};
	u8 qflags;			/* OCF_LX_QUEUES, OCF_LX_NOSPC_FULL */
	unsigned int taglen;		/* AEAD */
	unsigned int klen;		/* bytes of the session's key */
	const u8 *key;			/* it, in the framework's session, once set */
	union {
		/*
		 * acomp: requests made ahead (acomp_request_alloc() sleeps, and
		 * an scomp-backed request needs its context from it), taken by
		 * bit.
		 */
		struct {
			struct acomp_req *creq[OCF_LX_NCREQ];
			unsigned long cfree;
		};
		/* hash, HMAC: the running hash of CRD_F_MAC_MORE/CONT, exported */
		struct {
			u8 *hstate;		/* crypto_ahash_statesize() bytes */
			bool hrunning;		/* @hstate holds one */
		};
	};
	unsigned int reqsize;
	struct ocf_lx_kx *kx;		/* made by the first request that needs it */
};

/*
 * ocf_lx_tfm.qflags: what the implementation's refusals mean, known when the
 * session is made (ocf_lx_busy(): read after a request is handed over,
 * @t itself may be gone)
 */
#define OCF_LX_QUEUES		BIT(0)	/* asynchronous: -EBUSY is a full queue */
#define OCF_LX_NOSPC_FULL	BIT(1)	/* and so is -ENOSPC (not a compressor) */

struct ocf_lx_req;

/* Requests kept for reuse by a session (linux_sym.c) */
#define OCF_LX_NCACHE 4

struct ocf_lx_sess {
	int n;
	unsigned int reqsize;		/* the largest Linux request of t[] */
	struct ocf_lx_req *cache[OCF_LX_NCACHE];	/* free, taken by xchg() */
	struct ocf_lx_tfm *t;		/* tin[], or allocated for a longer chain */
	/*
	 * Most sessions have one or two algorithms: their transforms fit here,
	 * keeping the session (which the framework zeroes, and wipes when it
	 * is freed) small. Up to OCF_LX_MAX_TFMS are allocated apart.
	 */
	struct ocf_lx_tfm tin[OCF_LX_INLINE_TFMS];
};

extern const struct crypto_driver_methods ocf_lx_methods;
extern struct workqueue_struct *ocf_lx_wq;

int ocf_lx_kprocess(struct crypto_device *dev, struct cryptkop *krp, int hint);
u8 *ocf_lx_rsa_pubkey_der(const struct crparam *n, const struct crparam *e,
			  unsigned int *len);

struct seq_file;
void ocf_lx_idle_init(struct ocf_lx_dev *d);
void ocf_lx_idle_show(struct seq_file *m, struct ocf_lx_dev *d);
void ocf_lx_idle_exit(struct ocf_lx_dev *d);
void *ocf_lx_idle_take(struct ocf_lx_dev *d, enum ocf_lx_kind kind, const char *name,
		       const u8 *key, unsigned int klen, bool *keyed);
bool ocf_lx_idle_keep(struct ocf_lx_dev *d, enum ocf_lx_kind kind, void *tfm,
		      const u8 *key, unsigned int klen);

void ocf_lx_dev_sym_exit(struct ocf_lx_dev *d);
int ocf_lx_sym_init(void);
void ocf_lx_sym_exit(void);

int ocf_lx_registry_init(struct dentry *debugfs);
void ocf_lx_registry_exit(void);

#endif /* OPENCRYPTO_DRIVERS_LINUX_H */
