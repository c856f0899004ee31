/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * opencrypto: the crypto(9) kernel API of the BSDs, on the Linux crypto API.
 *
 * This header is for kernel consumers (who create sessions and dispatch
 * requests) and drivers (who register algorithms and process requests).
 * User space uses /dev/crypto and <crypto/cryptodev.h> instead; both share
 * one numbering of algorithms (CRYPTO_AES_CBC, ...), defined in the uapi
 * header included below.
 *
 * Symbols are exported in the OPENCRYPTO namespace: a module that uses them
 * declares MODULE_INFO(import_ns, "OPENCRYPTO").
 *
 * Error codes: as in the BSDs, this API reports errors as POSITIVE errno
 * values (crp_etype == EAGAIN, crypto_newsession() returning EINVAL), never
 * negative ones. Drivers' process methods return 0 or ERESTART.
 *
 * Contexts: crypto_dispatch(), crypto_kdispatch(), crypto_done(),
 * crypto_kdone(), crypto_unblock(), crypto_getreq() and crypto_freereq() may
 * be called from any context, softirq and hardirq included; they never
 * sleep. Session creation and teardown, driver registration and
 * unregistration may sleep (process context only).
 *
 * See Documentation/framework.md for the design: threads, queues, locking,
 * migration and flow control.
 */
#ifndef _OPENCRYPTO_CRYPTO_H
#define _OPENCRYPTO_CRYPTO_H

#include <linux/bvec.h>
#include <linux/list.h>
#include <linux/scatterlist.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include <uapi/crypto/cryptodev.h>

/* Queues, for crypto_unblock() */
#define CRYPTO_SYMQ	0x1
#define CRYPTO_ASYMQ	0x2

/* Driver capabilities (crypto_get_driverid()) and crid classes */
#define CRYPTOCAP_F_HARDWARE	0x01000000	/* off-CPU device */
#define CRYPTOCAP_F_SOFTWARE	0x02000000	/* runs on the CPU */
#define CRYPTOCAP_F_SYNC	0x04000000	/* completes in process() */

/* Hints to a driver's process/kprocess methods */
#define CRYPTO_HINT_MORE	0x1	/* more requests follow at once */
#define CRYPTO_HINT_CALLER	0x2	/* kprocess: in a CRYPTO_KF_MAYSLEEP dispatcher */

/* struct cryptkop.krp_flags (an extension) */
#define CRYPTO_KF_MAYSLEEP	0x1	/* crypto_kdispatch() may run it and sleep */

/* struct cryptop.crp_flags */
#define CRYPTO_F_IMBUF		0x0001	/* crp_sg: a scatterlist */
#define CRYPTO_F_IOV		0x0002	/* crp_uio: a struct crypto_uio */
#define CRYPTO_F_BATCH		0x0008	/* batch with others if possible */
#define CRYPTO_F_CBIMM		0x0010	/* callback in crypto_done()'s context */
#define CRYPTO_F_DONE		0x0020	/* set by the framework on completion */
#define CRYPTO_F_CBIFSYNC	0x0040	/* CBIMM if the driver is SYNC */
#define CRYPTO_F_ASYNC		0x0080	/* SYNC driver: process in a worker */
#define CRYPTO_F_ASYNC_KEEPORDER 0x0100	/* callbacks in submission order */

/* struct cryptodesc.crd_flags */
#define CRD_F_ENCRYPT		0x01	/* encrypt (else decrypt) */
#define CRD_F_IV_PRESENT	0x02	/* encrypt: do not write the IV */
#define CRD_F_IV_EXPLICIT	0x04	/* the IV is in crd_iv */
#define CRD_F_KEY_EXPLICIT	0x10	/* use crd_key/crd_klen, not cri_key */
#define CRD_F_COMP		0x20	/* compress (else decompress) */
/*
 * Extension: a hash or HMAC over several requests of one session, for
 * messages a consumer cannot hold whole. CRD_F_MAC_MORE: absorb the
 * descriptor's bytes into the session's running hash and write no result;
 * CRD_F_MAC_CONT: continue the running hash (without it a new one starts).
 * The last part has CONT without MORE and gets the result. Only on a
 * request of one descriptor, of a hash or HMAC, on a driver that registered
 * the algorithm with CRYPTO_ALG_F_MAC_PARTIAL (crypto_session_mac_partial());
 * one running hash per session, the consumer submitting its parts one
 * after the other. CONT with no running hash (a fresh or migrated session)
 * is EINVAL.
 */
#define CRD_F_MAC_MORE		0x100
#define CRD_F_MAC_CONT		0x200

/* crypto_register() flags (an extension) */
#define CRYPTO_ALG_F_MAC_PARTIAL 0x0001	/* takes CRD_F_MAC_MORE/CONT */

/**
 * struct cryptoini - one algorithm of a session, for crypto_newsession()
 * @cri_alg: algorithm (CRYPTO_*)
 * @cri_klen: key length in BITS
 * @cri_mlen: MAC algorithms: truncate the result to this many bytes (0: full)
 * @cri_key: the key (copied by the framework; may be freed after the call)
 * @cri_iv: explicit IV; ignored by crypto_newsession()
 * @cri_next: the next algorithm of the session (cipher + MAC, ...), or NULL
 *
 * The framework neither modifies nor keeps a pointer into the chain: it is
 * the caller's again when crypto_newsession() returns.
 */
struct cryptoini {
	int cri_alg;
	int cri_klen;
	int cri_mlen;
	u8 *cri_key;
	u8 cri_iv[EALG_MAX_BLOCK_LEN];
	struct cryptoini *cri_next;
};

/**
 * struct cryptodesc - one operation of a request
 * @crd_skip: offset in the buffer where processing starts
 * @crd_len: bytes to process from @crd_skip
 * @crd_inject: ciphers: where the IV is (decrypt) or is written (encrypt,
 *	unless CRD_F_IV_PRESENT); MACs: where the result is written (unless
 *	the request has crp_mac)
 * @crd_flags: CRD_F_*
 * @CRD_INI: the algorithm, explicit IV and key (crd_alg, crd_iv, crd_key,
 *	crd_klen); crd_alg must be one of the session's algorithms. The k-th
 *	descriptor of algorithm A in a request is served by the k-th
 *	cryptoini of algorithm A of the session. With CRD_F_KEY_EXPLICIT,
 *	crd_key (crd_klen bits) keys this descriptor only: the session keeps
 *	its key for requests without the flag; a key the algorithm cannot
 *	take fails the request (EINVAL).
 * @crd_next: the next operation, applied after this one, or NULL
 * @crd_aadlen: AEAD algorithms (AES-GCM, AES-CCM, ChaCha20-Poly1305), a
 *	Linux extension: the first @crd_aadlen bytes of the @crd_len at
 *	@crd_skip are authenticated only (associated data), the rest is the
 *	payload; the tag is written at (encrypt) or checked against (decrypt:
 *	EBADMSG when wrong) @crd_inject. AEAD descriptors need
 *	CRD_F_IV_EXPLICIT. After a failed decryption the payload holds no
 *	unverified plaintext, but need not hold the ciphertext any more.
 */
struct cryptodesc {
	int crd_skip;
	int crd_len;
	int crd_inject;
	int crd_flags;
	struct cryptoini CRD_INI;
#define crd_iv		CRD_INI.cri_iv
#define crd_key		CRD_INI.cri_key
#define crd_alg		CRD_INI.cri_alg
#define crd_klen	CRD_INI.cri_klen
	struct cryptodesc *crd_next;
	int crd_aadlen;
};

/**
 * struct crypto_uio - a buffer made of page segments (CRYPTO_F_IOV)
 * @uio_bvec: the segments, in order
 * @uio_nr: number of segments
 *
 * The Linux counterpart of the BSDs' struct uio in kernel space: segments
 * of pages, so that pinned user memory (zero-copy) and kernel memory are
 * described alike and map directly onto scatterlists for the crypto API.
 */
struct crypto_uio {
	const struct bio_vec *uio_bvec;
	unsigned int uio_nr;
};

struct crypto_session;
struct ocf_driver;
/** typedef crypto_session_t - opaque session handle, never NULL when valid */
typedef struct crypto_session *crypto_session_t;

/**
 * struct cryptop - a symmetric request
 * @crp_next: list entry, free for the owner's use while the request is not
 *	dispatched (the framework uses it while it is)
 * @crp_session: the session; on EAGAIN, the new handle to use from now on
 * @crp_ilen: total length of the buffer in bytes
 * @crp_olen: on completion, length of the result (compression: the output)
 * @crp_etype: on completion, 0 or a positive errno (see crypto_dispatch())
 * @crp_flags: CRYPTO_F_*
 * @crp_buf: the data, a flat kernel buffer (no CRYPTO_F_IMBUF/IOV)
 * @crp_sg: the data as a scatterlist (CRYPTO_F_IMBUF): the Linux
 *	counterpart of an mbuf chain; network consumers make one from an
 *	sk_buff with skb_to_sgvec(), and it is what the crypto API consumes
 * @crp_uio: the data as page segments (CRYPTO_F_IOV)
 * @crp_opaque: the consumer's cookie, untouched
 * @crp_desc: the operations, applied in list order
 * @crp_callback: called once on completion, with crp_etype set; its return
 *	value is ignored
 * @crp_mac: if not NULL, MAC results go here instead of at crd_inject
 *
 * The remaining fields are the framework's.
 */
struct cryptop {
	struct list_head crp_next;
	crypto_session_t crp_session;
	int crp_ilen;
	int crp_olen;
	int crp_etype;
	int crp_flags;
	union {
		void *crp_buf;
		struct scatterlist *crp_sg;
		struct crypto_uio *crp_uio;
	};
	void *crp_opaque;
	struct cryptodesc *crp_desc;
	int (*crp_callback)(struct cryptop *crp);
	u8 *crp_mac;

	/* private: framework state while dispatched */
	struct crypto_session *crp_top;		/* the consumer's session */
	struct crypto_session *crp_run;		/* bound session being run */
	struct cryptodesc *crp_desc_all;	/* split: the whole list */
	struct cryptodesc *crp_stage_last;	/* split: end of this stage */
	struct cryptodesc *crp_stage_next;	/* split: what followed it */
	u64 crp_seq;				/* ASYNC_KEEPORDER order */
	u64 crp_tstamp;				/* dispatch time, ns */
	unsigned int crp_state;
	struct work_struct crp_work;		/* CRYPTO_F_ASYNC */
};

#define crp_mbuf	crp_sg

/**
 * struct crparam - one parameter of a keying operation
 * @crp_p: the number, little-endian bytes
 * @crp_nbits: its size in bits (the buffer holds (crp_nbits + 7) / 8 bytes)
 */
struct crparam {
	u8 *crp_p;
	u32 crp_nbits;
};

/**
 * struct cryptkop - a keying (asymmetric) request, sessionless
 * @krp_next: list entry, as crp_next
 * @krp_op: CRK_*
 * @krp_status: on completion, 0 or a positive errno
 * @krp_iparams: number of input parameters (first in @krp_param)
 * @krp_oparams: number of output parameters (after the inputs)
 * @krp_crid: extension: the driver id or CRYPTOCAP_F_* class to use; 0
 *	means hardware or software, hardware preferred
 * @krp_hid: on completion, the id of the driver that served it
 * @krp_param: the parameters
 * @krp_callback: called once on completion; return value ignored
 * @krp_opaque: the consumer's cookie, untouched
 * @krp_flags: extension: CRYPTO_KF_MAYSLEEP: the dispatching thread is a
 *	process that may sleep and waits for the result anyway; a software
 *	driver may then compute in it (CRYPTO_HINT_CALLER), so that the time
 *	is the caller's (its CPU accounting, its cgroup, its fatal signals)
 *	and not a worker's. Only crypto_kdispatch()'s own call of kprocess
 *	gets the hint, never one from a queue or a retry. Not from a
 *	callback: it runs in the framework's return thread, which the work
 *	would hold up (clear the flag before dispatching a request again
 *	from there).
 */
struct cryptkop {
	struct list_head krp_next;
	u32 krp_op;
	u32 krp_status;
	u16 krp_iparams;
	u16 krp_oparams;
	u32 krp_crid;
	u32 krp_hid;
	struct crparam krp_param[CRK_MAXPARAM];
	int (*krp_callback)(struct cryptkop *krp);
	void *krp_opaque;
	u32 krp_flags;

	/* private: */
	u64 krp_tried;				/* drivers tried (ids < 64) */
	struct ocf_driver *krp_drv;		/* driver serving it */
	u64 krp_tstamp;
	bool krp_cancelled;			/* crypto_kcancel() */
};

/**
 * crypto_kcancel() - say that nobody waits for a keying request's result
 * @krp: a dispatched request whose callback has not run yet
 *
 * An extension: a driver may then stop working on it (a large modular
 * exponentiation takes seconds) and complete it with ECANCELED. The
 * callback still comes, once, as for any request.
 *
 * Context: any.
 */
static inline void crypto_kcancel(struct cryptkop *krp)
{
	WRITE_ONCE(krp->krp_cancelled, true);
}

/**
 * crypto_kcancelled() - for drivers: has crypto_kcancel() been called?
 * @krp: a request the driver holds
 *
 * Context: any.
 * Return: true when the driver may complete @krp with ECANCELED now.
 */
static inline bool crypto_kcancelled(const struct cryptkop *krp)
{
	return READ_ONCE(krp->krp_cancelled);
}

/* Drivers */

struct crypto_device;

/**
 * struct crypto_driver_methods - what a driver provides
 * @newsession: set up driver session memory (crypto_get_driver_session())
 *	for the chain @cri, which holds only algorithms the driver
 *	registered, each at most once. May sleep. Returns 0 or a positive
 *	errno.
 * @freesession: release what newsession set up (optional). May sleep.
 * @process: start or perform a request. Must not sleep. Returns 0 when the
 *	request was taken (it then calls crypto_done(), possibly before
 *	returning), or ERESTART when it cannot take it now (the framework
 *	queues it, marks the driver blocked and waits for crypto_unblock()).
 *	Per-request errors go in crp_etype, then crypto_done().
 * @kprocess: the same for keying requests, with crypto_kdone().
 * @describe: fill in what implements @alg in session @cses (optional; the
 *	framework fills in its own names otherwise). Must not sleep.
 */
struct crypto_impl_desc;

struct crypto_driver_methods {
	int (*newsession)(struct crypto_device *dev, crypto_session_t cses,
			  const struct cryptoini *cri);
	void (*freesession)(struct crypto_device *dev, crypto_session_t cses);
	int (*process)(struct crypto_device *dev, struct cryptop *crp, int hint);
	int (*kprocess)(struct crypto_device *dev, struct cryptkop *krp, int hint);
	int (*describe)(struct crypto_device *dev, crypto_session_t cses, int alg,
			struct crypto_impl_desc *d);
};

/**
 * struct crypto_device - a driver instance (the BSDs' device_t)
 * @name: driver name, e.g. "virtio_crypto"; crypto_find_driver() matches it
 *	alone or with @unit ("virtio_crypto0")
 * @unit: unit number (>= 0)
 * @methods: the driver's methods
 * @priv: the driver's own data
 */
struct crypto_device {
	const char *name;
	int unit;
	const struct crypto_driver_methods *methods;
	void *priv;
};

/* Consumer API */
int crypto_newsession(crypto_session_t *cses, const struct cryptoini *cri, int crid);
int crypto_freesession(crypto_session_t cses);
int crypto_dispatch(struct cryptop *crp);
int crypto_kdispatch(struct cryptkop *krp);
struct cryptop *crypto_getreq(int num);
void crypto_freereq(struct cryptop *crp);
void crypto_clearreq(struct cryptop *crp, int num);
int crypto_find_driver(const char *match);

/* Driver API */
s32 crypto_get_driverid(struct crypto_device *dev, size_t session_size, int flags);
void *crypto_get_driver_session(crypto_session_t cses);
int crypto_register(u32 driverid, int alg, u16 maxoplen, u32 flags);
int crypto_kregister(u32 driverid, int kalg, u32 flags);
int crypto_unregister(u32 driverid, int alg);
int crypto_unregister_all(u32 driverid);
int crypto_unblock(u32 driverid, int what);
void crypto_done(struct cryptop *crp);
void crypto_kdone(struct cryptkop *krp);

/**
 * struct crypto_cursor - a position in a request's buffer that copies move on
 * @cc_crp: the request
 * @cc_off: the position, bytes from the buffer's start
 * @cc_seg: CRYPTO_F_IOV: the page segment it is in (or before)
 * @cc_seg_off: CRYPTO_F_IOV: the offset from that segment's start
 *
 * As FreeBSD's struct crypto_buffer_cursor: crypto_cursor_init(), then
 * crypto_cursor_copydata() and crypto_cursor_copyback().
 */
struct crypto_cursor {
	struct cryptop *cc_crp;
	int cc_off;
	unsigned int cc_seg;
	unsigned int cc_seg_off;
};

/* Helpers for drivers: buffers, IVs, MACs */
int crypto_copydata(const struct cryptop *crp, int off, int len, void *dst);
int crypto_copyback(struct cryptop *crp, int off, int len, const void *src);
void crypto_cursor_init(struct crypto_cursor *cc, struct cryptop *crp, int off);
int crypto_cursor_copydata(struct crypto_cursor *cc, int len, void *dst);
int crypto_cursor_copyback(struct crypto_cursor *cc, int len, const void *src);
int crypto_desc_iv(struct cryptop *crp, const struct cryptodesc *crd,
		   u8 *iv, unsigned int ivlen);
int crypto_desc_key(crypto_session_t cses, const struct cryptodesc *crd,
		    const u8 **key, int *klen_bits);
int crypto_mac_result(struct cryptop *crp, const struct cryptodesc *crd,
		      const u8 *mac, unsigned int maclen);
const struct cryptoini *crypto_session_ini(crypto_session_t cses, int alg, int nth);

/* Introspection (stats, /dev/crypto driver listing) */

/**
 * struct crypto_driver_info - what crypto_driver_info() reports
 * @id: driver id
 * @name: name with unit, e.g. "virtio_crypto0" ("chacha_x86_64-0": a '-'
 *	between them when the name ends in a digit)
 * @flags: CRYPTOCAP_F_*
 * @dead: unregistered, sessions migrated
 * @sessions: sessions on the driver now
 * @ops, @errors, @kops, @kerrors: requests completed, of which failed
 * @blocks, @unblocks: ERESTART flow-control events
 * @queued: requests waiting in the framework's queues for it now
 * @migrations: sessions moved away from it
 * @cb_count, @cb_ns_total, @cb_ns_max: dispatch-to-callback latency
 */
struct crypto_driver_info {
	u32 id;
	char name[48];
	u32 flags;
	bool dead;
	u32 sessions;
	u64 ops, errors, kops, kerrors;
	u64 blocks, unblocks, queued, migrations;
	u64 cb_count, cb_ns_total, cb_ns_max;
};

int crypto_driver_info(u32 driverid, struct crypto_driver_info *info);
int crypto_driver_flags(u32 driverid);
bool crypto_driver_supports(u32 driverid, int alg);
bool crypto_driver_ksupports(u32 driverid, int kalg);
u64 crypto_driver_cost(u32 driverid, int alg);
int crypto_session_driver(crypto_session_t cses, int alg, int nth);
bool crypto_session_mac_partial(crypto_session_t cses, int alg);

/**
 * enum crypto_alg_class - what kind of algorithm a CRYPTO_* number names
 * @CRYPTO_CLASS_NONE: no algorithm
 * @CRYPTO_CLASS_CIPHER: a block or stream cipher (key, IV)
 * @CRYPTO_CLASS_HASH: a hash, keyless or optionally keyed (BLAKE2)
 * @CRYPTO_CLASS_MAC: a keyed MAC
 * @CRYPTO_CLASS_AEAD: a cipher and MAC in one
 * @CRYPTO_CLASS_COMP: compression
 */
enum crypto_alg_class {
	CRYPTO_CLASS_NONE = 0,
	CRYPTO_CLASS_CIPHER,
	CRYPTO_CLASS_HASH,
	CRYPTO_CLASS_MAC,
	CRYPTO_CLASS_AEAD,
	CRYPTO_CLASS_COMP,
};

/**
 * struct crypto_alg_params - what the framework knows of an algorithm
 * @name: short name, e.g. "aes-cbc"
 * @cls: its class
 * @blocksize: ciphers: the block size (1 for stream ciphers and modes)
 * @ivlen: IV or nonce length, 0 if none
 * @maclen: full MAC or digest length, 0 if none
 * @min_key: shortest key in bytes (0: a keyless algorithm may take none)
 * @max_key: longest key in bytes (0/0: keyless)
 */
struct crypto_alg_params {
	const char *name;
	enum crypto_alg_class cls;
	u16 blocksize, ivlen, maclen, min_key, max_key;
};

int crypto_alg_params(int alg, struct crypto_alg_params *p);

/**
 * struct crypto_impl_desc - what implements one algorithm of a session
 * @alg_name: the Linux crypto API's cra_name, or the framework's own name
 * @impl_name: the implementation (Linux cra_driver_name, or driver name)
 * @alignmask: buffer alignment the implementation wants (Linux alignmask)
 * @driverid: the opencrypto driver serving it
 * @flags: that driver's CRYPTOCAP_F_* flags
 */
struct crypto_impl_desc {
	char alg_name[64];
	char impl_name[64];
	u32 alignmask;
	u32 driverid;
	u32 flags;
};

int crypto_session_describe(crypto_session_t cses, int alg, int nth,
			    struct crypto_impl_desc *d);
int crypto_session_nparts(crypto_session_t cses);
void crypto_recalibrate(void);

/** CRYPTO_COST_UNKNOWN - crypto_driver_cost() of a pair never measured */
#define CRYPTO_COST_UNKNOWN	U64_MAX

const char *opencrypto_version(void);

#endif /* _OPENCRYPTO_CRYPTO_H */
