// SPDX-License-Identifier: GPL-2.0-only
/*
 * Symmetric sessions on Linux transforms: skcipher for ciphers, ahash for
 * hashes and HMACs, aead for AEADs, GMAC and CBC-MAC. Requests go through
 * the asynchronous API over scatterlists built on the request's own buffer
 * (no bounce for flat kernel memory, scatterlists or page segments; an
 * AEAD's only when its tag is not right after its data, see
 * ocf_lx_start_aead()); descriptors run one after the other, each started
 * from the completion of the previous one. Nothing
 * sleeps in process(): a full hardware queue on the first descriptor
 * returns ERESTART, and the next completion of the driver unblocks it.
 *
 * Per-request keys (CRD_F_KEY_EXPLICIT). A session's transforms are shared
 * by all its requests and keep the session's key: changing it under
 * requests in flight would give them the wrong key, and setkey may sleep
 * (virtio_crypto's waits for its device to create a session) while
 * process() and the completions that start later descriptors run in atomic
 * context. So a descriptor with its own key runs:
 *
 * - on the session's transform when the key is the session's own (same
 *   bytes), or when the algorithm takes no key (hashes, compression: only
 *   an empty explicit key is accepted);
 * - otherwise on a second transform of the same implementation, the key
 *   transform (struct ocf_lx_kx), at once when it already has that key and
 *   no request waits for it;
 * - otherwise it waits in the key transform's list, in arrival order, for
 *   a work item (ocf_lx_kx_work(), process context). The work makes the
 *   transform if needed, waits for the requests running on it to finish
 *   (it does not sleep for them: the last one out queues the work again),
 *   calls setkey, and submits the waiters that want that key, in order,
 *   with CRYPTO_TFM_REQ_MAY_BACKLOG (the request is taken already: a full
 *   queue backlogs it instead of returning ERESTART).
 *
 * As in FreeBSD since its crypto_session_params rework (crp_cipher_key),
 * an explicit key applies to its descriptor only: requests without the
 * flag keep the session's key, and a session's requests without it never
 * wait behind a rekey. A bad key fails its own request (setkey's error,
 * EINVAL for a wrong length) and nothing else. One key transform per
 * algorithm of a session: a consumer alternating two explicit keys
 * serializes on it (crypto(9): "it is recommended that often used keys are
 * given their own session"); callback order is the framework's business
 * (CRYPTO_F_ASYNC_KEEPORDER reorders completions). A request waiting for
 * the work is inside the driver as far as the framework knows (it was
 * taken and has not completed), so session teardown and migration wait
 * for it, and freesession cancels the work before the memory goes.
 */
#include <crypto/acompress.h>
#include <crypto/aead.h>
#include <crypto/algapi.h>
#include <crypto/hash.h>
#include <crypto/scatterwalk.h>
#include <crypto/skcipher.h>
#include <linux/mm.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "linux.h"

/* scatterlist entries in a request; more: a table kept with it (sgx) */
#define OCF_LX_MAX_SG 8

struct workqueue_struct *ocf_lx_wq;	/* ocf_lx_kx_work(), keying requests */

/* One request in flight: what it runs now, and the Linux request after it. */
struct ocf_lx_req {
	struct cryptop *crp;
	struct crypto_device *dev;
	struct ocf_lx_sess *ss;
	struct cryptodesc *crd;		/* the descriptor running */
	struct ocf_lx_tfm *t;
	bool kx;			/* it runs on t->kx, counted in its busy */
	struct list_head kx_node;	/* waiting for t->kx */
	unsigned int subsize;		/* bytes at @sub */
	u8 iv[EALG_MAX_BLOCK_LEN] __aligned(16);	/* else the walk copies it */
	u8 mac[HASH_MAX_LEN];
	u8 *bounce;			/* AEAD: AAD, payload, tag in one piece */
	int creq;			/* acomp: the pool entry in use */
	struct scatterlist sg[OCF_LX_MAX_SG];
	struct scatterlist *sgx;	/* when sg is too short */
	unsigned int nsgx;
	struct scatterlist dst;		/* compression output */
	/* the skcipher_request or ahash_request follows, aligned */
	u8 sub[] __aligned(CRYPTO_MINALIGN);
};

static struct ocf_lx_tfm *ocf_lx_tfm_of(struct ocf_lx_sess *ss, int alg)
{
	int i;

	for (i = 0; i < ss->n; i++)
		if (ss->t[i].alg == alg)
			return &ss->t[i];
	return NULL;
}

static void ocf_lx_free_comp(struct ocf_lx_tfm *t)
{
	int i;

	for (i = 0; i < OCF_LX_NCREQ && t->creq[i]; i++)	/* NULL from a failure */
		acomp_request_free(t->creq[i]);
	crypto_free_acomp(t->ac);
}

/*
 * The key transform of @t. No request is inside the driver any more (the
 * framework waited for them): none waits for it, and its work, if queued
 * or still returning, must be done before the session memory goes.
 */
static void ocf_lx_free_kx(struct ocf_lx_tfm *t)
{
	struct ocf_lx_kx *kx = t->kx;

	if (!kx)
		return;
	cancel_work_sync(&kx->work);
	WARN_ON_ONCE(!list_empty(&kx->wait) || kx->busy);
	if (t->kind == OCF_LX_SKCIPHER)
		crypto_free_skcipher(kx->sk);
	else if (t->kind == OCF_LX_AEAD || t->kind == OCF_LX_GMAC)
		crypto_free_aead(kx->ae);
	else if (t->kind == OCF_LX_HMAC)
		crypto_free_ahash(kx->ah);
	kfree_sensitive(kx->key);
	kfree(kx);
	t->kx = NULL;
}

/* Free a session's transforms, or give them to the driver to keep. */
static void ocf_lx_free_tfms(struct ocf_lx_dev *d, struct ocf_lx_sess *ss)
{
	int i;

	for (i = 0; i < ss->n; i++) {
		struct ocf_lx_tfm *t = &ss->t[i];

		ocf_lx_free_kx(t);
		if (t->kind == OCF_LX_SKCIPHER) {
			if (!ocf_lx_idle_keep(d, t->kind, t->sk, t->key, t->klen))
				crypto_free_skcipher(t->sk);
		} else if (t->kind == OCF_LX_AEAD || t->kind == OCF_LX_GMAC) {
			if (!ocf_lx_idle_keep(d, t->kind, t->ae, t->key, t->klen))
				crypto_free_aead(t->ae);
		} else if (t->kind == OCF_LX_COMP) {
			ocf_lx_free_comp(t);
		} else {
			kfree_sensitive(t->hstate);	/* a running hash, if any */
			t->hstate = NULL;
			if (!ocf_lx_idle_keep(d, t->kind, t->ah, t->key, t->klen))
				crypto_free_ahash(t->ah);
		}
	}
	ss->n = 0;
	if (ss->t != ss->tin)
		kfree(ss->t);
	ss->t = NULL;
}

static void ocf_lx_kx_work(struct work_struct *work);

/* Free a request no one uses (NULL: nothing). */
static void ocf_lx_req_free(struct ocf_lx_req *rq)
{
	if (rq) {
		kfree(rq->sgx);
		kfree_sensitive(rq);
	}
}

/*
 * Wipe what a request held of the data: IV, MAC and the Linux request's
 * context. subsize is a multiple of 8: a word at a time (memset64(), rep
 * stosq) rather than a byte at a time (memset(), rep stosb: a cost per
 * byte under emulation).
 */
static void ocf_lx_req_wipe(struct ocf_lx_req *rq)
{
	memzero_explicit(rq->iv, sizeof(rq->iv));
	memzero_explicit(rq->mac, sizeof(rq->mac));
	memset64((u64 *)rq->sub, 0, rq->subsize / sizeof(u64));
	barrier_data(rq->sub);
}

/* The Linux transform of @t, as a crypto_tfm. */
static struct crypto_tfm *ocf_lx_crypto_tfm(const struct ocf_lx_tfm *t)
{
	switch (t->kind) {
	case OCF_LX_SKCIPHER:
		return crypto_skcipher_tfm(t->sk);
	case OCF_LX_AEAD:
	case OCF_LX_GMAC:
		return crypto_aead_tfm(t->ae);
	case OCF_LX_COMP:
		return crypto_acomp_tfm(t->ac);
	default:
		return crypto_ahash_tfm(t->ah);
	}
}

/* ocf_lx_tfm.qflags of @t, its transform made. */
static u8 ocf_lx_qflags_of(const struct ocf_lx_tfm *t)
{
	if (!(ocf_lx_crypto_tfm(t)->__crt_alg->cra_flags & CRYPTO_ALG_ASYNC))
		return 0;
	return t->kind == OCF_LX_COMP ? OCF_LX_QUEUES : OCF_LX_QUEUES | OCF_LX_NOSPC_FULL;
}

static int ocf_lx_newsession(struct crypto_device *dev, crypto_session_t cses,
			     const struct cryptoini *cri)
{
	struct ocf_lx_dev *d = dev->priv;
	struct ocf_lx_sess *ss = crypto_get_driver_session(cses);
	const struct cryptoini *c;
	int err = 0, i, n = 0;

	for (c = cri; c; c = c->cri_next)
		n++;
	if (n > OCF_LX_MAX_TFMS)
		return EOPNOTSUPP;
	ss->t = ss->tin;
	if (n > OCF_LX_INLINE_TFMS) {
		ss->t = kcalloc(n, sizeof(*ss->t), GFP_KERNEL);
		if (!ss->t)
			return ENOMEM;
	}
	for (; cri && !err; cri = cri->cri_next) {
		const struct ocf_lx_map *m = ocf_lx_map_get(cri->cri_alg);
		struct ocf_lx_tfm *t = &ss->t[ss->n];
		const char *name = d->impl[cri->cri_alg];
		bool keyed;

		if (!m || !name) {
			err = EOPNOTSUPP;
			break;
		}
		t->alg = cri->cri_alg;
		t->kind = m->kind;
		t->klen = cri->cri_klen / 8;
		if (m->kind == OCF_LX_SKCIPHER) {
			t->sk = ocf_lx_idle_take(d, m->kind, name, cri->cri_key, t->klen,
						 &keyed) ?: crypto_alloc_skcipher(name, 0, 0);
			if (IS_ERR(t->sk)) {
				err = EOPNOTSUPP;
				break;
			}
			t->reqsize = sizeof(struct skcipher_request) +
				     crypto_skcipher_reqsize(t->sk);
			ss->n++;
			if (!keyed && crypto_skcipher_setkey(t->sk, cri->cri_key, t->klen))
				err = EINVAL;
		} else if (m->kind == OCF_LX_COMP) {
			t->ac = crypto_alloc_acomp(name, 0, 0);
			if (IS_ERR(t->ac)) {
				err = EOPNOTSUPP;
				break;
			}
			t->reqsize = 0;
			ss->n++;
			for (i = 0; i < OCF_LX_NCREQ && !err; i++) {
				t->creq[i] = acomp_request_alloc(t->ac);
				if (!t->creq[i])
					err = ENOMEM;
			}
			t->cfree = GENMASK(OCF_LX_NCREQ - 1, 0);
		} else if (m->kind == OCF_LX_AEAD || m->kind == OCF_LX_GMAC) {
			t->ae = ocf_lx_idle_take(d, m->kind, name, cri->cri_key, t->klen,
						 &keyed) ?: crypto_alloc_aead(name, 0, 0);
			if (IS_ERR(t->ae)) {
				err = EOPNOTSUPP;
				break;
			}
			t->reqsize = sizeof(struct aead_request) + crypto_aead_reqsize(t->ae);
			/* GMAC truncates in crypto_mac_result(): the full tag here */
			t->taglen = cri->cri_mlen && m->kind == OCF_LX_AEAD ? cri->cri_mlen :
				    crypto_aead_maxauthsize(t->ae);
			ss->n++;
			if ((!keyed && crypto_aead_setkey(t->ae, cri->cri_key, t->klen)) ||
			    crypto_aead_setauthsize(t->ae, t->taglen))
				err = EINVAL;
		} else {
			t->ah = ocf_lx_idle_take(d, m->kind, name, cri->cri_key, t->klen,
						 &keyed) ?: crypto_alloc_ahash(name, 0, 0);
			if (IS_ERR(t->ah)) {
				err = EOPNOTSUPP;
				break;
			}
			t->reqsize = sizeof(struct ahash_request) + crypto_ahash_reqsize(t->ah);
			ss->n++;
			if (m->kind == OCF_LX_HMAC && !keyed &&
			    crypto_ahash_setkey(t->ah, cri->cri_key, t->klen))
				err = EINVAL;
		}
		if (!err) {	/* the key it holds, kept beside it when it is freed */
			t->key = cri->cri_key;
			t->qflags = ocf_lx_qflags_of(t);
		}
	}
	if (err) {
		ocf_lx_free_tfms(d, ss);
		return err;
	}
	for (i = 0; i < ss->n; i++)
		ss->reqsize = max(ss->reqsize, ss->t[i].reqsize);
	ss->reqsize = ALIGN(ss->reqsize, sizeof(u64));	/* ocf_lx_req_wipe() */
	return 0;
}

static void ocf_lx_freesession(struct crypto_device *dev, crypto_session_t cses)
{
	struct ocf_lx_sess *ss = crypto_get_driver_session(cses);
	struct ocf_lx_dev *d = dev->priv;
	int i;

	for (i = 0; i < OCF_LX_NCACHE; i++) {
		struct ocf_lx_req *rq = xchg(&ss->cache[i], NULL);

		if (!rq)
			continue;
		/* one goes to the driver for its next session, wiped */
		ocf_lx_req_wipe(rq);
		ocf_lx_req_free(xchg(&d->spare_rq, rq));
	}
	ocf_lx_free_tfms(d, ss);
}

/* How many scatterlist entries bytes [off, off + len) of the buffer need. */
static unsigned int ocf_lx_sg_count(const struct cryptop *crp, int off, int len)
{
	unsigned int n = 0;

	if (crp->crp_flags & CRYPTO_F_IOV) {
		const struct crypto_uio *uio = crp->crp_uio;
		unsigned int i;

		for (i = 0; i < uio->uio_nr && len > 0; i++) {
			const struct bio_vec *bv = &uio->uio_bvec[i];

			if (off >= bv->bv_len) {
				off -= bv->bv_len;
				continue;
			}
			n++;
			len -= bv->bv_len - off;
			off = 0;
		}
		return n;
	}
	/* a flat buffer outside the direct map (ocf_lx_sg() takes the rest) */
	return DIV_ROUND_UP(offset_in_page((const u8 *)crp->crp_buf + off) + len,
			    PAGE_SIZE);
}

/*
 * A bounce buffer of a request's size, or a scatterlist as long as its
 * pages: sizes the consumer chose (up to /dev/crypto's max_request).
 * GFP_NOWAIT, not GFP_ATOMIC: a consumer asking again and again must not
 * drain the reserves kept for interrupt handlers and the network; under
 * memory pressure the request fails with ENOMEM instead. One per request
 * in flight, as large as its data: a bound on the one bounds the other.
 */
#define OCF_LX_GFP_DATA (GFP_NOWAIT | __GFP_NOWARN)

static void *ocf_lx_bounce_alloc(size_t size)
{
	return kmalloc(size, OCF_LX_GFP_DATA);
}

/* An entry table of @n: the request's own, or a larger one kept with it. */
static struct scatterlist *ocf_lx_sg_table(struct ocf_lx_req *rq, unsigned int n)
{
	if (n <= OCF_LX_MAX_SG) {
		sg_init_table(rq->sg, n);
		return rq->sg;
	}
	if (n > rq->nsgx) {
		kfree(rq->sgx);
		rq->sgx = kmalloc_array(n, sizeof(*rq->sgx), OCF_LX_GFP_DATA);
		rq->nsgx = rq->sgx ? n : 0;
		if (!rq->sgx)
			return NULL;
	}
	sg_init_table(rq->sgx, n);
	return rq->sgx;
}

/* A scatterlist for bytes [off, off + len) of the request's buffer. */
static struct scatterlist *ocf_lx_sg(struct ocf_lx_req *rq, int off, int len)
{
	struct cryptop *crp = rq->crp;
	struct scatterlist *sg;
	int n = 0;

	if (!len)
		return NULL;
	if (crp->crp_flags & CRYPTO_F_IMBUF)
		return scatterwalk_ffwd(rq->sg, crp->crp_sg, off);
	if (!(crp->crp_flags & CRYPTO_F_IOV) &&
	    virt_addr_valid((const u8 *)crp->crp_buf + off)) {
		/* the direct map is physically contiguous: one entry (inline) */
		sg = rq->sg;
		*sg = (struct scatterlist){};
		sg_init_marker(sg, 1);
		sg_set_buf(sg, (const u8 *)crp->crp_buf + off, len);
		return sg;
	}

	sg = ocf_lx_sg_table(rq, ocf_lx_sg_count(crp, off, len));
	if (!sg)
		return ERR_PTR(-ENOMEM);
	if (crp->crp_flags & CRYPTO_F_IOV) {
		const struct crypto_uio *uio = crp->crp_uio;
		unsigned int i;

		for (i = 0; i < uio->uio_nr && len; i++) {
			const struct bio_vec *bv = &uio->uio_bvec[i];
			unsigned int c;

			if (off >= bv->bv_len) {
				off -= bv->bv_len;
				continue;
			}
			c = min_t(unsigned int, bv->bv_len - off, len);
			sg_set_page(&sg[n++], bv->bv_page, c, bv->bv_offset + off);
			len -= c;
			off = 0;
		}
	} else {
		/* vmalloc, vmapped stacks, module data: page by page */
		const u8 *p = (const u8 *)crp->crp_buf + off;

		while (len) {
			unsigned int po = offset_in_page(p);
			unsigned int c = min_t(unsigned int, len, PAGE_SIZE - po);

			sg_set_page(&sg[n++], vmalloc_to_page(p), c, po);
			p += c;
			len -= c;
		}
	}
	sg_mark_end(&sg[n - 1]);
	return sg;
}

/*
 * Hardware drivers get at most OCF_LX_HW_MAX_SG entries per scatterlist,
 * like AF_ALG's 16 pages: virtio_crypto under QEMU 7.2 loses a request of
 * 32 scattered pages (it never completes). A longer list is copied into
 * one linear buffer, and back by ocf_lx_step_done().
 */
#define OCF_LX_HW_MAX_SG 16

static struct scatterlist *ocf_lx_hw_linear(struct ocf_lx_req *rq,
					    struct scatterlist *sg)
{
	struct ocf_lx_dev *d = rq->dev->priv;
	const struct cryptodesc *crd = rq->crd;
	int err;

	if (likely(!d->hw) || IS_ERR_OR_NULL(sg) || sg_nents(sg) <= OCF_LX_HW_MAX_SG)
		return sg;
	rq->bounce = ocf_lx_bounce_alloc(crd->crd_len);
	if (!rq->bounce)
		return ERR_PTR(-ENOMEM);
	err = crypto_copydata(rq->crp, crd->crd_skip, crd->crd_len, rq->bounce);
	if (err) {
		kfree(rq->bounce);
		rq->bounce = NULL;
		return ERR_PTR(-err);
	}
	sg_init_one(rq->sg, rq->bounce, crd->crd_len);
	return rq->sg;
}

/* Lift our ERESTART once a request leaves the Linux driver. */
static void ocf_lx_unblock(struct ocf_lx_dev *d)
{
	if (READ_ONCE(d->blocked)) {
		WRITE_ONCE(d->blocked, false);
		crypto_unblock(d->id, CRYPTO_SYMQ);
	}
}

/*
 * A request for @crp: one the session kept, or a new one. Requests are
 * reused rather than allocated and zeroed each time; what one holds of the
 * data (IV, MAC, the Linux request's context) stays in memory of the same
 * session, like the key in its transform, and is wiped when the session
 * frees it (ocf_lx_freesession()).
 */
static struct ocf_lx_req *ocf_lx_req_get(struct ocf_lx_sess *ss,
					 struct crypto_device *dev,
					 struct cryptop *crp)
{
	struct ocf_lx_dev *d = dev->priv;
	struct ocf_lx_req *rq = NULL;
	int i;

	for (i = 0; i < OCF_LX_NCACHE && !rq; i++)
		if (READ_ONCE(ss->cache[i]))
			rq = xchg(&ss->cache[i], NULL);
	if (!rq && READ_ONCE(d->spare_rq)) {	/* a freed session's, if it fits */
		rq = xchg(&d->spare_rq, NULL);
		if (rq && rq->subsize < ss->reqsize) {
			ocf_lx_req_free(rq);
			rq = NULL;
		}
	}
	if (!rq) {
		rq = kmalloc(sizeof(*rq) + ss->reqsize, GFP_ATOMIC | __GFP_NOWARN);
		if (!rq)
			return NULL;
		rq->subsize = ss->reqsize;
		rq->sgx = NULL;
		rq->nsgx = 0;
	}
	rq->crp = crp;
	rq->dev = dev;
	rq->ss = ss;
	rq->crd = crp->crp_desc;
	rq->t = NULL;
	rq->kx = false;
	INIT_LIST_HEAD(&rq->kx_node);
	rq->bounce = NULL;
	rq->creq = -1;
	return rq;
}

/* Give a request back to its session (before the request completes). */
static void ocf_lx_req_put(struct ocf_lx_req *rq)
{
	struct ocf_lx_sess *ss = rq->ss;
	int i;

	if (unlikely(rq->bounce))
		kfree_sensitive(rq->bounce);
	for (i = 0; i < OCF_LX_NCACHE; i++)
		if (!cmpxchg(&ss->cache[i], NULL, rq))
			return;
	kfree(rq->sgx);
	kfree_sensitive(rq);
}

static void ocf_lx_finish(struct ocf_lx_req *rq, int err)
{
	struct ocf_lx_dev *d = rq->dev->priv;
	struct cryptop *crp = rq->crp;
	bool first = rq->crd == crp->crp_desc;	/* nothing written before it */

	ocf_lx_req_put(rq);
	atomic_dec(&d->inflight);
	/*
	 * The count before reading blocked: pairs with the barrier between
	 * setting blocked and the count in ocf_lx_process(), so that one of
	 * the two unblocks (atomic_dec() orders nothing on weakly-ordered
	 * CPUs).
	 */
	smp_mb__after_atomic();
	/* before crypto_done(): the last one lets a withdrawal free @d */
	ocf_lx_unblock(d);
	/*
	 * An implementation's own EAGAIN (its resources busy) is no
	 * migration, which is what EAGAIN tells a consumer: ENOBUFS, try
	 * later, when nothing has changed the buffer yet (the first
	 * descriptor); after that, tried again, the earlier ones would run
	 * twice: EIO.
	 */
	if (err == -EAGAIN)
		err = first ? -ENOBUFS : -EIO;
	crp->crp_etype = err < 0 ? -err : err;
	crypto_done(crp);
}

static int ocf_lx_start(struct ocf_lx_req *rq, bool first);

/* A descriptor that ran on the key transform is over. */
static void ocf_lx_kx_put(struct ocf_lx_req *rq)
{
	struct ocf_lx_kx *kx = rq->t->kx;
	unsigned long flags;

	rq->kx = false;
	spin_lock_irqsave(&kx->lock, flags);
	/* the last one out lets the work rekey it (queued under the lock) */
	if (!--kx->busy && !list_empty(&kx->wait))
		queue_work(ocf_lx_wq, &kx->work);
	spin_unlock_irqrestore(&kx->lock, flags);
}

/* The descriptor that was running is complete: finish it, start the next. */
static void ocf_lx_step_done(struct ocf_lx_req *rq, int err)
{
	const struct cryptodesc *crd = rq->crd;

	if (rq->kx)
		ocf_lx_kx_put(rq);
	if (!err && rq->bounce && rq->t->kind == OCF_LX_AEAD) {
		/* back into the request: the payload, and the tag when encrypting */
		err = crypto_copyback(rq->crp, crd->crd_skip + crd->crd_aadlen,
				      crd->crd_len - crd->crd_aadlen,
				      rq->bounce + crd->crd_aadlen);
		if (!err && (crd->crd_flags & CRD_F_ENCRYPT))
			err = crypto_copyback(rq->crp, crd->crd_inject, rq->t->taglen,
					      rq->bounce + crd->crd_len);
		kfree_sensitive(rq->bounce);
		rq->bounce = NULL;
	} else if (rq->t && rq->t->kind == OCF_LX_COMP && rq->creq >= 0) {
		struct acomp_req *req = rq->t->creq[rq->creq];

		/* the output replaces the input at crd_skip; crp_olen ends it */
		if (!err)
			err = crypto_copyback(rq->crp, crd->crd_skip, req->dlen, rq->bounce);
		if (!err)
			rq->crp->crp_olen = crd->crd_skip + req->dlen;
		smp_mb__before_atomic();	/* done with it before it is free */
		set_bit(rq->creq, &rq->t->cfree);
		rq->creq = -1;
		kfree_sensitive(rq->bounce);
		rq->bounce = NULL;
	} else if (!err && rq->bounce && rq->t->kind == OCF_LX_GMAC) {
		err = crypto_mac_result(rq->crp, crd, rq->bounce + crd->crd_len, rq->t->taglen);
		kfree_sensitive(rq->bounce);
		rq->bounce = NULL;
	} else if (rq->bounce) {
		/* a hardware request made linear (ocf_lx_hw_linear()) */
		if (!err && rq->t->kind == OCF_LX_SKCIPHER)
			err = crypto_copyback(rq->crp, crd->crd_skip, crd->crd_len,
					      rq->bounce);
		kfree_sensitive(rq->bounce);
		rq->bounce = NULL;
	}
	if (!err && rq->t && rq->t->kind != OCF_LX_SKCIPHER &&
	    rq->t->kind != OCF_LX_AEAD && rq->t->kind != OCF_LX_GMAC &&
	    rq->t->kind != OCF_LX_COMP && !(crd->crd_flags & CRD_F_MAC_MORE))
		err = crypto_mac_result(rq->crp, crd, rq->mac,
					crypto_ahash_digestsize(rq->t->ah));
	if (err || !crd->crd_next) {
		ocf_lx_finish(rq, err);
		return;
	}
	rq->crd = crd->crd_next;
	err = ocf_lx_start(rq, false);
	if (err != -EINPROGRESS)
		ocf_lx_step_done(rq, err);
}

static OCF_COMPLETION(ocf_lx_complete)
{
	struct ocf_lx_req *rq = OCF_COMPLETION_DATA();

	if (err == -EINPROGRESS)	/* left the backlog; not done yet */
		return;
	ocf_lx_step_done(rq, err);
}

/* The transforms the current descriptor runs on: the session's or its key's. */
static struct crypto_skcipher *ocf_lx_sk(struct ocf_lx_req *rq)
{
	return rq->kx ? rq->t->kx->sk : rq->t->sk;
}

static struct crypto_ahash *ocf_lx_ah(struct ocf_lx_req *rq)
{
	return rq->kx ? rq->t->kx->ah : rq->t->ah;
}

static struct crypto_aead *ocf_lx_ae(struct ocf_lx_req *rq)
{
	return rq->kx ? rq->t->kx->ae : rq->t->ae;
}

/*
 * Can the AEAD descriptor run in place on the request's buffer? Linux wants
 * AAD, payload and tag one after the other: so does the common layout
 * (/dev/crypto's AAD | data | tag), with the tag at crd_inject right after
 * the range and inside the buffer. GMAC and CBC-MAC write their tag there
 * only when crypto_mac_result() would write all of it at crd_inject too:
 * no crp_mac, no cri_mlen truncating it.
 */
static bool ocf_lx_aead_direct(const struct ocf_lx_req *rq, const struct ocf_lx_tfm *t)
{
	const struct cryptodesc *crd = rq->crd;
	const struct cryptop *crp = rq->crp;
	const struct cryptoini *ini;

	if ((s64)crd->crd_skip + crd->crd_len != crd->crd_inject ||
	    (s64)crd->crd_inject + t->taglen > crp->crp_ilen)
		return false;
	if (t->kind != OCF_LX_GMAC)
		return true;
	ini = crypto_session_ini(crp->crp_session, crd->crd_alg, 0);
	return !crp->crp_mac && !(ini && ini->cri_mlen && ini->cri_mlen < t->taglen);
}

/*
 * A decryption in place that failed: Linux may have written the unverified
 * plaintext over the payload already; leave zeros instead.
 */
static void ocf_lx_aead_wipe(struct ocf_lx_req *rq)
{
	static const u8 zero[256];
	const struct cryptodesc *crd = rq->crd;
	int off = crd->crd_skip + crd->crd_aadlen;
	int end = crd->crd_skip + crd->crd_len;
	struct crypto_cursor cc;

	crypto_cursor_init(&cc, rq->crp, off);
	for (; off < end; off += sizeof(zero))
		crypto_cursor_copyback(&cc, min_t(int, end - off, sizeof(zero)), zero);
}

static OCF_COMPLETION(ocf_lx_complete_inplace)
{
	struct ocf_lx_req *rq = OCF_COMPLETION_DATA();

	if (err == -EINPROGRESS)	/* left the backlog; not done yet */
		return;
	if (err)
		ocf_lx_aead_wipe(rq);
	ocf_lx_step_done(rq, err);
}

/*
 * Our own answer for "the implementation's queue is full": no errno, so
 * that an implementation's own -EAGAIN is not taken for it.
 */
#define OCF_LX_FULL	(-(MAX_ERRNO + 1))

/*
 * What @err from an implementation with ocf_lx_tfm.qflags @qflags means for
 * flow control: OCF_LX_FULL, it refused a request made without
 * CRYPTO_TFM_REQ_MAY_BACKLOG (@first) for a full queue; -EINPROGRESS, it
 * backlogged one made with it (-EBUSY, the callback comes); 0, @err is its
 * answer. Only an asynchronous implementation queues: a synchronous one's
 * -EBUSY or -ENOSPC is an answer (7.2's deflate says -ENOSPC for output
 * that does not fit: taken for a full queue, the request would be tried
 * again for ever), and so is a compressor's -ENOSPC. @qflags, not the
 * transform: a backlogged request may be over, and its session freed, by
 * the time its submitter reads @err.
 */
static int ocf_lx_busy(u8 qflags, int err, bool first)
{
	if (!(qflags & OCF_LX_QUEUES))
		return 0;
	if (err != -EBUSY && (err != -ENOSPC || !first || !(qflags & OCF_LX_NOSPC_FULL)))
		return 0;
	return first ? OCF_LX_FULL : -EINPROGRESS;
}

/*
 * An AEAD descriptor runs in place on the request's buffer when its layout
 * is Linux's (ocf_lx_aead_direct()): one scatterlist over AAD, payload and
 * tag, src == dst, encryption writing the tag after the payload. Any other
 * layout runs on a linear copy of AAD, payload and tag, copied back by
 * ocf_lx_step_done(); so does a hardware driver's request that would need
 * more than OCF_LX_HW_MAX_SG entries. A failed decryption leaves the
 * payload untouched (copy) or zeroed (in place), never the unverified
 * plaintext. The IV must be explicit: crd_inject holds the tag, not an IV.
 * GMAC and CCM's CBC-MAC are the same with all of the range as associated
 * data and no payload: the 16-byte tag of GCM or CCM (B0 says 16), which
 * crypto_mac_result() truncates to cri_mlen, as FreeBSD's cryptosoft did
 * up to 13 (14 puts the shorter length in B0 instead: another tag).
 */
static int ocf_lx_start_aead(struct ocf_lx_req *rq, struct ocf_lx_tfm *t, u32 flags)
{
	const struct cryptodesc *crd = rq->crd;
	struct aead_request *req = (void *)rq->sub;
	struct crypto_aead *ae = ocf_lx_ae(rq);
	struct ocf_lx_dev *d = rq->dev->priv;
	bool gmac = t->kind == OCF_LX_GMAC;
	bool enc = gmac || (crd->crd_flags & CRD_F_ENCRYPT);
	int aadlen = gmac ? crd->crd_len : crd->crd_aadlen;
	int payload = crd->crd_len - aadlen;
	struct scatterlist *sg = NULL;
	int err;
	u8 qflags = t->qflags;	/* before the request is handed over */

	if (!(crd->crd_flags & CRD_F_IV_EXPLICIT))
		return -EINVAL;
	/*
	 * CCM's 12-byte nonce leaves 3 bytes for the payload's length (Linux's
	 * generic ccm takes 2^24 and writes 0 there: another tag)
	 */
	if (t->alg == CRYPTO_AES_CCM_16 && payload >= SZ_16M)
		return -EINVAL;
	/* the tag goes (or is read) at crd_inject: refused before any data changes */
	if (!gmac && (s64)crd->crd_inject + t->taglen > rq->crp->crp_ilen)
		return -EINVAL;
	if (ocf_lx_aead_direct(rq, t)) {
		sg = ocf_lx_sg(rq, crd->crd_skip, crd->crd_len + t->taglen);
		if (IS_ERR(sg))
			return PTR_ERR(sg);
		if (d->hw && sg_nents(sg) > OCF_LX_HW_MAX_SG)
			sg = NULL;
	}
	if (!sg) {
		rq->bounce = ocf_lx_bounce_alloc(crd->crd_len + t->taglen);
		if (!rq->bounce)
			return -ENOMEM;
		err = crypto_copydata(rq->crp, crd->crd_skip, crd->crd_len, rq->bounce);
		if (!err && !enc)
			err = crypto_copydata(rq->crp, crd->crd_inject, t->taglen,
					      rq->bounce + crd->crd_len);
		if (err)
			return -err;
		sg_init_one(rq->sg, rq->bounce, crd->crd_len + t->taglen);
		sg = rq->sg;
	}
	memset(rq->iv, 0, sizeof(rq->iv));
	if (t->alg == CRYPTO_AES_CCM_16 || t->alg == CRYPTO_AES_CCM_CBC_MAC) {
		/* Linux's ccm(aes) takes the counter block: L' = 15 - 12 - 1 */
		rq->iv[0] = 2;
		memcpy(rq->iv + 1, crd->crd_iv, 12);
	} else {
		memcpy(rq->iv, crd->crd_iv, crypto_aead_ivsize(ae));
	}
	aead_request_set_tfm(req, ae);
	aead_request_set_ad(req, aadlen);
	aead_request_set_crypt(req, sg, sg, enc ? payload : payload + t->taglen, rq->iv);
	if (enc) {
		aead_request_set_callback(req, flags, ocf_lx_complete, rq);
		return crypto_aead_encrypt(req);
	}
	if (rq->bounce) {
		aead_request_set_callback(req, flags, ocf_lx_complete, rq);
		return crypto_aead_decrypt(req);
	}
	aead_request_set_callback(req, flags, ocf_lx_complete_inplace, rq);
	err = crypto_aead_decrypt(req);
	/* over already (not queued, backlogged or refused for a full queue) */
	if (err && err != -EINPROGRESS &&
	    !ocf_lx_busy(qflags, err, !(flags & CRYPTO_TFM_REQ_MAY_BACKLOG)))
		ocf_lx_aead_wipe(rq);
	return err;
}

/*
 * Compression (CRD_F_COMP) or decompression of [crd_skip, crd_skip + crd_len):
 * the output, at most what the buffer holds from crd_skip on, is written
 * at crd_skip and crp_olen is set to where it ends; output that does not
 * fit is the implementation's error (7.2's deflate: ENOSPC; 6.1's and
 * 6.12's: EINVAL). The output goes to a bounce buffer first: it may be
 * longer than the input.
 */
static int ocf_lx_start_comp(struct ocf_lx_req *rq, struct ocf_lx_tfm *t, u32 flags)
{
	const struct cryptodesc *crd = rq->crd;
	unsigned int room = rq->crp->crp_ilen - crd->crd_skip;
	struct scatterlist *src;
	struct acomp_req *req;
	int i;

	if (!crd->crd_len || !room)
		return -EINVAL;
	src = ocf_lx_sg(rq, crd->crd_skip, crd->crd_len);
	if (IS_ERR(src))
		return PTR_ERR(src);
	rq->bounce = ocf_lx_bounce_alloc(room);
	if (!rq->bounce)
		return -ENOMEM;
	do {
		i = find_first_bit(&t->cfree, OCF_LX_NCREQ);
		if (i >= OCF_LX_NCREQ)	/* all in use: flow control, if we can */
			return flags & CRYPTO_TFM_REQ_MAY_BACKLOG ? -ENOBUFS : OCF_LX_FULL;
	} while (!test_and_clear_bit(i, &t->cfree));
	rq->creq = i;
	req = t->creq[i];
	sg_init_one(&rq->dst, rq->bounce, room);
	acomp_request_set_callback(req, flags, ocf_lx_complete, rq);
	acomp_request_set_params(req, src, &rq->dst, crd->crd_len, room);
	return crd->crd_flags & CRD_F_COMP ? crypto_acomp_compress(req) :
					     crypto_acomp_decompress(req);
}

/*
 * A part of a hash over several requests (CRD_F_MAC_MORE/CONT): between
 * parts the running hash is exported into the session's transform entry.
 * The implementation completes synchronously (ocf_lx_partial()), so each
 * step is over when it returns. Not with a per-request key.
 */
static int ocf_lx_hash_part(struct ocf_lx_req *rq, struct ahash_request *req)
{
	const struct cryptodesc *crd = rq->crd;
	struct ocf_lx_tfm *t = rq->t;
	bool more = crd->crd_flags & CRD_F_MAC_MORE;
	unsigned int size = crypto_ahash_statesize(t->ah);
	int err;

	if (rq->kx)
		return -EINVAL;
	if (crd->crd_flags & CRD_F_MAC_CONT) {
		if (!t->hrunning)
			return -EINVAL;	/* nothing to continue (or it migrated) */
		err = crypto_ahash_import(req, t->hstate);
	} else {
		if (!READ_ONCE(t->hstate)) {
			u8 *p = kmalloc(size, GFP_ATOMIC | __GFP_NOWARN);

			if (!p)
				return -ENOMEM;
			if (cmpxchg(&t->hstate, NULL, p))
				kfree(p);	/* a consumer racing itself: one state */
		}
		t->hrunning = false;
		err = crypto_ahash_init(req);
	}
	if (!err)
		err = more ? crypto_ahash_update(req) : crypto_ahash_finup(req);
	if (err == -EINPROGRESS || err == -EBUSY)
		err = -EIO;	/* not synchronous after all: cannot go on */
	if (!err && more)
		err = crypto_ahash_export(req, t->hstate);
	t->hrunning = !err && more;
	if (!t->hrunning)
		memzero_explicit(t->hstate, size);
	return err;
}

/*
 * Run the current descriptor on rq->t, on its key transform when rq->kx.
 * Returns as ocf_lx_start().
 */
static int ocf_lx_run(struct ocf_lx_req *rq, bool first)
{
	struct cryptodesc *crd = rq->crd;
	struct ocf_lx_tfm *t = rq->t;
	u32 flags = first ? 0 : CRYPTO_TFM_REQ_MAY_BACKLOG;
	u8 qflags = t->qflags;	/* before the request is handed over */
	struct scatterlist *sg;
	int err;

	if (t->kind == OCF_LX_AEAD || t->kind == OCF_LX_GMAC) {
		err = ocf_lx_start_aead(rq, t, flags);
	} else if (t->kind == OCF_LX_COMP) {
		err = ocf_lx_start_comp(rq, t, flags);
	} else if (t->kind == OCF_LX_SKCIPHER) {
		struct skcipher_request *req = (void *)rq->sub;
		struct crypto_skcipher *sk = ocf_lx_sk(rq);
		unsigned int ivlen = crypto_skcipher_ivsize(sk);

		sg = ocf_lx_hw_linear(rq, ocf_lx_sg(rq, crd->crd_skip, crd->crd_len));
		if (IS_ERR(sg))
			return PTR_ERR(sg);
		if (ivlen) {
			err = crypto_desc_iv(rq->crp, crd, rq->iv, ivlen);
			if (err)
				return -err;
		}
		skcipher_request_set_tfm(req, sk);
		skcipher_request_set_callback(req, flags, ocf_lx_complete, rq);
		skcipher_request_set_crypt(req, sg, sg, crd->crd_len, rq->iv);
		err = crd->crd_flags & CRD_F_ENCRYPT ? crypto_skcipher_encrypt(req) :
						       crypto_skcipher_decrypt(req);
	} else {
		struct ahash_request *req = (void *)rq->sub;

		sg = ocf_lx_hw_linear(rq, ocf_lx_sg(rq, crd->crd_skip, crd->crd_len));
		if (IS_ERR(sg))
			return PTR_ERR(sg);
		ahash_request_set_tfm(req, ocf_lx_ah(rq));
		ahash_request_set_callback(req, flags, ocf_lx_complete, rq);
		ahash_request_set_crypt(req, sg, rq->mac, crd->crd_len);
		if (crd->crd_flags & (CRD_F_MAC_MORE | CRD_F_MAC_CONT))
			err = ocf_lx_hash_part(rq, req);
		else
			err = crypto_ahash_digest(req);
	}
	return ocf_lx_busy(qflags, err, first) ?: err;
}

/* Does the key transform have the key of @crd? Under its lock. */
static bool ocf_lx_kx_has(const struct ocf_lx_kx *kx, const struct cryptodesc *crd)
{
	return kx->keyed && kx->klen == crd->crd_klen / 8 &&
	       !crypto_memneq(kx->key, crd->crd_key, kx->klen);
}

/*
 * A descriptor with CRD_F_KEY_EXPLICIT (atomic context). Returns 0 to run
 * it on the session's transform, 1 to run it on the key transform now
 * (counted in its busy), -EINPROGRESS when it waits for the work, or an
 * error.
 */
/* @t's key transform's state, made at its first use (atomic context). */
static struct ocf_lx_kx *ocf_lx_kx_get(struct ocf_lx_tfm *t)
{
	struct ocf_lx_kx *kx = READ_ONCE(t->kx);

	if (kx)
		return kx;
	kx = kzalloc(sizeof(*kx), GFP_ATOMIC | __GFP_NOWARN);
	if (!kx)
		return NULL;
	kx->t = t;
	spin_lock_init(&kx->lock);
	INIT_LIST_HEAD(&kx->wait);
	INIT_WORK(&kx->work, ocf_lx_kx_work);
	if (cmpxchg(&t->kx, NULL, kx)) {	/* another request made it first */
		kfree(kx);
		kx = READ_ONCE(t->kx);
	}
	return kx;
}

static int ocf_lx_key_explicit(struct ocf_lx_req *rq, struct ocf_lx_tfm *t)
{
	const struct cryptodesc *crd = rq->crd;
	const struct cryptoini *ini;
	struct ocf_lx_kx *kx;
	unsigned int klen = crd->crd_klen / 8;
	unsigned long flags;
	int ret;

	if (t->kind == OCF_LX_HASH || t->kind == OCF_LX_COMP)
		return klen ? -EINVAL : 0;	/* keyless: only no key at all */
	ini = crypto_session_ini(rq->crp->crp_session, t->alg, 0);
	if (ini && ini->cri_klen / 8 == klen &&
	    !crypto_memneq(ini->cri_key, crd->crd_key, klen))
		return 0;			/* the session's own key */

	kx = ocf_lx_kx_get(t);
	if (!kx)
		return -ENOMEM;
	spin_lock_irqsave(&kx->lock, flags);
	if (list_empty(&kx->wait) && !kx->keying && ocf_lx_kx_has(kx, crd) &&
	    kx->reqsize <= rq->subsize) {
		kx->busy++;
		ret = 1;
	} else {
		list_add_tail(&rq->kx_node, &kx->wait);
		/* under the lock: the session cannot go before this is done */
		queue_work(ocf_lx_wq, &kx->work);
		ret = -EINPROGRESS;
	}
	spin_unlock_irqrestore(&kx->lock, flags);
	return ret;
}

/*
 * Give @t's key transform the key of @crd, making the transform first if
 * need be. Process context, with no descriptor running on it and
 * kx->keying set, so nothing else looks at it meanwhile.
 */
static int ocf_lx_kx_setkey(struct ocf_lx_tfm *t, const struct cryptodesc *crd)
{
	struct ocf_lx_kx *kx = t->kx;
	unsigned int klen = crd->crd_klen / 8;
	const char *name;
	u8 *copy;
	int err;

	kfree_sensitive(kx->key);
	kx->key = NULL;
	kx->keyed = false;
	if (t->kind == OCF_LX_SKCIPHER) {
		if (!kx->sk) {
			name = crypto_tfm_alg_driver_name(crypto_skcipher_tfm(t->sk));
			kx->sk = crypto_alloc_skcipher(name, 0, 0);
			if (IS_ERR(kx->sk)) {
				err = PTR_ERR(kx->sk);
				kx->sk = NULL;
				return err;
			}
			kx->reqsize = sizeof(struct skcipher_request) +
				      crypto_skcipher_reqsize(kx->sk);
		}
		err = crypto_skcipher_setkey(kx->sk, crd->crd_key, klen);
	} else if (t->kind == OCF_LX_HMAC) {
		if (!kx->ah) {
			name = crypto_tfm_alg_driver_name(crypto_ahash_tfm(t->ah));
			kx->ah = crypto_alloc_ahash(name, 0, 0);
			if (IS_ERR(kx->ah)) {
				err = PTR_ERR(kx->ah);
				kx->ah = NULL;
				return err;
			}
			kx->reqsize = sizeof(struct ahash_request) +
				      crypto_ahash_reqsize(kx->ah);
		}
		err = crypto_ahash_setkey(kx->ah, crd->crd_key, klen);
	} else {
		if (!kx->ae) {
			name = crypto_tfm_alg_driver_name(crypto_aead_tfm(t->ae));
			kx->ae = crypto_alloc_aead(name, 0, 0);
			if (IS_ERR(kx->ae)) {
				err = PTR_ERR(kx->ae);
				kx->ae = NULL;
				return err;
			}
			kx->reqsize = sizeof(struct aead_request) +
				      crypto_aead_reqsize(kx->ae);
			err = crypto_aead_setauthsize(kx->ae, t->taglen);
			if (err) {
				crypto_free_aead(kx->ae);
				kx->ae = NULL;
				return err;
			}
		}
		err = crypto_aead_setkey(kx->ae, crd->crd_key, klen);
	}
	if (err)
		return err;
	/* without a copy to compare with, the next waiter rekeys: slower, right */
	copy = klen ? kmemdup(crd->crd_key, klen, GFP_KERNEL) : NULL;
	if (copy || !klen) {
		kx->key = copy;
		kx->klen = klen;
		kx->keyed = true;
	}
	return 0;
}

/*
 * Hand the first waiter the key transform (it has the waiter's key): count
 * it busy and run it. Its request may need more room for the key
 * transform's Linux request than process() gave it (another instance of
 * the implementation may want more): then it moves, nothing points into
 * it between two descriptors. Process context.
 */
static void ocf_lx_kx_submit(struct ocf_lx_req *rq)
{
	struct ocf_lx_kx *kx = rq->t->kx;
	struct ocf_lx_req *big;
	int err;

	rq->kx = true;
	if (kx->reqsize > rq->subsize) {
		size_t subsize = ALIGN(kx->reqsize, sizeof(u64));

		big = kmalloc(sizeof(*rq) + subsize, GFP_KERNEL);
		if (!big) {
			ocf_lx_step_done(rq, -ENOMEM);
			return;
		}
		memcpy(big, rq, sizeof(*rq) + rq->subsize);
		kfree_sensitive(rq);
		rq = big;
		rq->subsize = subsize;
		INIT_LIST_HEAD(&rq->kx_node);
	}
	err = ocf_lx_run(rq, false);
	if (err != -EINPROGRESS)
		ocf_lx_step_done(rq, err);
}

/*
 * The key transform's work: key it for the first waiter once nothing runs
 * on it, then submit, in order, the waiters that want that key. A waiter
 * that wants another key stops the loop while some run; the last of them
 * to finish queues the work again (ocf_lx_kx_put()).
 */
static void ocf_lx_kx_work(struct work_struct *work)
{
	struct ocf_lx_kx *kx = container_of(work, struct ocf_lx_kx, work);
	struct ocf_lx_tfm *t = kx->t;
	struct ocf_lx_req *rq;
	int err;

	spin_lock_irq(&kx->lock);
	while ((rq = list_first_entry_or_null(&kx->wait, struct ocf_lx_req, kx_node))) {
		err = 0;
		if (!ocf_lx_kx_has(kx, rq->crd)) {
			if (kx->busy)
				break;
			kx->keying = true;
			spin_unlock_irq(&kx->lock);
			err = ocf_lx_kx_setkey(t, rq->crd);
			spin_lock_irq(&kx->lock);
			kx->keying = false;
		}
		list_del_init(&rq->kx_node);
		if (!err)
			kx->busy++;
		spin_unlock_irq(&kx->lock);
		if (err)
			ocf_lx_step_done(rq, err);	/* that request only */
		else
			ocf_lx_kx_submit(rq);
		spin_lock_irq(&kx->lock);
	}
	spin_unlock_irq(&kx->lock);
}

/*
 * Start the current descriptor. Returns -EINPROGRESS when it completes
 * later (ocf_lx_complete, or the key transform's work), 0 or an error
 * when it is already over, and OCF_LX_FULL when the first descriptor finds
 * the hardware queue full.
 */
static int ocf_lx_start(struct ocf_lx_req *rq, bool first)
{
	struct cryptodesc *crd = rq->crd;
	struct ocf_lx_tfm *t = ocf_lx_tfm_of(rq->ss, crd->crd_alg);
	int err;

	if (!t)
		return -EOPNOTSUPP;
	rq->t = t;
	if (crd->crd_flags & CRD_F_KEY_EXPLICIT) {
		err = ocf_lx_key_explicit(rq, t);
		if (err < 0)
			return err;
		rq->kx = err;
	}
	return ocf_lx_run(rq, first);
}

static int ocf_lx_process(struct crypto_device *dev, struct cryptop *crp, int hint)
{
	struct ocf_lx_sess *ss = crypto_get_driver_session(crp->crp_session);
	struct ocf_lx_dev *d = dev->priv;
	struct ocf_lx_req *rq;
	int err;

	rq = ocf_lx_req_get(ss, dev, crp);
	if (!rq) {
		crp->crp_etype = ENOMEM;
		crypto_done(crp);
		return 0;
	}
	atomic_inc(&d->inflight);
	err = ocf_lx_start(rq, true);
	if (err == -EINPROGRESS)
		return 0;
	if (err == OCF_LX_FULL) {
		if (rq->kx)
			ocf_lx_kx_put(rq);
		if (rq->creq >= 0) {	/* the acomp request back to the pool */
			smp_mb__before_atomic();	/* done with it before it is free */
			set_bit(rq->creq, &rq->t->cfree);
		}
		ocf_lx_req_put(rq);
		WRITE_ONCE(d->blocked, true);
		/* blocked before the count: a completion in between unblocks */
		smp_mb__before_atomic();
		if (atomic_dec_and_test(&d->inflight))
			ocf_lx_unblock(d);	/* nothing left to complete: retry */
		return ERESTART;
	}
	ocf_lx_step_done(rq, err);
	return 0;
}

/* The Linux transform behind @alg: its names and alignment. */
static int ocf_lx_describe(struct crypto_device *dev, crypto_session_t cses,
			   int alg, struct crypto_impl_desc *d)
{
	struct ocf_lx_tfm *t = ocf_lx_tfm_of(crypto_get_driver_session(cses), alg);
	struct crypto_tfm *tfm;

	if (!t)
		return EINVAL;
	tfm = ocf_lx_crypto_tfm(t);
	strscpy(d->alg_name, crypto_tfm_alg_name(tfm), sizeof(d->alg_name));
	strscpy(d->impl_name, crypto_tfm_alg_driver_name(tfm), sizeof(d->impl_name));
	d->alignmask = crypto_tfm_alg_alignmask(tfm);
	return 0;
}

const struct crypto_driver_methods ocf_lx_methods = {
	.newsession = ocf_lx_newsession,
	.freesession = ocf_lx_freesession,
	.process = ocf_lx_process,
	.kprocess = ocf_lx_kprocess,
	.describe = ocf_lx_describe,
};

/**
 * ocf_lx_dev_sym_exit() - free what a driver keeps for its requests
 * @d: the driver, all of its sessions freed
 */
void ocf_lx_dev_sym_exit(struct ocf_lx_dev *d)
{
	ocf_lx_req_free(xchg(&d->spare_rq, NULL));
}

/**
 * ocf_lx_sym_init() - set up what the Linux drivers' requests need
 *
 * The workqueue that keys the transforms of per-request keys and runs the
 * keying requests (linux_key.c).
 *
 * Context: process.
 * Return: 0 or -ENOMEM.
 */
int ocf_lx_sym_init(void)
{
	ocf_lx_wq = alloc_workqueue("ocf_lx_key", WQ_UNBOUND, 0);
	return ocf_lx_wq ? 0 : -ENOMEM;
}

/**
 * ocf_lx_sym_exit() - undo ocf_lx_sym_init()
 *
 * Context: process, after every session on a Linux driver is freed (their
 * freesession cancelled the work items).
 */
void ocf_lx_sym_exit(void)
{
	if (ocf_lx_wq)
		destroy_workqueue(ocf_lx_wq);
	ocf_lx_wq = NULL;
}
