// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fake opencrypto drivers for the framework's tests. They register real
 * algorithm ids but compute a toy transform (a keyed byte-wise mix for
 * ciphers, a keyed checksum for MACs), through the framework's helpers, so
 * that results are checkable and every buffer kind is exercised.
 */
#include <linux/delay.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/workqueue.h>

#include "ocft.h"

static const struct ocft_alginfo ocft_algs[] = {
	{ CRYPTO_CAMELLIA_CBC, OCFT_CIPHER, 16, 0, 16 },
	{ CRYPTO_BLF_CBC, OCFT_CIPHER, 8, 0, 16 },
	{ CRYPTO_CAST_CBC, OCFT_CIPHER, 8, 0, 16 },
	{ CRYPTO_3DES_CBC, OCFT_CIPHER, 8, 0, 24 },
	{ CRYPTO_DES_CBC, OCFT_CIPHER, 8, 0, 8 },
	{ CRYPTO_SKIPJACK_CBC, OCFT_CIPHER, 8, 0, 10 },
	{ CRYPTO_AES_CBC, OCFT_CIPHER, 16, 0, 16 },
	{ CRYPTO_SHA2_384_HMAC, OCFT_MAC, 0, 48, 20 },
	{ CRYPTO_SHA2_512_HMAC, OCFT_MAC, 0, 64, 20 },
	{ CRYPTO_RIPEMD160_HMAC, OCFT_MAC, 0, 20, 20 },
	{ CRYPTO_SHA2_224_HMAC, OCFT_MAC, 0, 28, 20 },
	{ CRYPTO_MD5_HMAC, OCFT_MAC, 0, 16, 20 },
	{ CRYPTO_SHA1_HMAC, OCFT_MAC, 0, 20, 20 },
	{ CRYPTO_NULL_HMAC, OCFT_MAC, 0, 12, 20 },
	{ CRYPTO_SHA2_256_HMAC, OCFT_MAC, 0, 32, 20 },
	{ CRYPTO_DEFLATE_COMP, OCFT_COMP, 0, 0, 0 },
};

const struct ocft_alginfo *ocft_alg(int alg)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ocft_algs); i++)
		if (ocft_algs[i].alg == alg)
			return &ocft_algs[i];
	return NULL;
}

int ocft_pick_alg(enum ocft_kind kind, int class, const int *exclude, int nexcl)
{
	unsigned int i;
	int j;

	for (i = 0; i < ARRAY_SIZE(ocft_algs); i++) {
		if (ocft_algs[i].kind != kind)
			continue;
		for (j = 0; j < nexcl; j++)
			if (exclude[j] == ocft_algs[i].alg)
				break;
		if (j < nexcl || ocft_alg_used(ocft_algs[i].alg, class))
			continue;
		return ocft_algs[i].alg;
	}
	return -1;
}

/* The keystream byte at position @j of a descriptor's range. */
static u8 ocft_ks(int alg, const u8 *key, int klen, const u8 *iv,
		  unsigned int ivlen, int j)
{
	u8 k = klen > 0 ? key[j % klen] : 0;
	u8 v = ivlen ? iv[j % ivlen] : 0;

	return (u8)(k + j + v * 3 + alg);
}

void ocft_toy_cipher(int alg, const u8 *key, int klen, const u8 *iv,
		     unsigned int ivlen, bool encrypt, u8 *data, int len, int pos)
{
	int i;

	for (i = 0; i < len; i++) {
		u8 k = ocft_ks(alg, key, klen, iv, ivlen, pos + i);
		u8 m = (u8)(k * 7 + 1);

		if (encrypt)
			data[i] = (u8)((data[i] ^ k) + m);
		else
			data[i] = (u8)(data[i] - m) ^ k;
	}
}

u32 ocft_mac_init(int alg, const u8 *key, int klen)
{
	return ocft_mac_update(0x811c9dc5u ^ (u32)alg, key, klen);
}

u32 ocft_mac_update(u32 h, const u8 *data, int len)
{
	int i;

	for (i = 0; i < len; i++)
		h = (h ^ data[i]) * 16777619u;
	return h;
}

void ocft_mac_final(u32 h, u8 *mac, unsigned int maclen)
{
	unsigned int j;

	for (j = 0; j < maclen; j++) {
		h = h * 1103515245u + 12345u + j;
		mac[j] = h >> 24;
	}
}

void ocft_toy_mac(int alg, const u8 *key, int klen, const u8 *data, int len,
		  u8 *mac, unsigned int maclen)
{
	ocft_mac_final(ocft_mac_update(ocft_mac_init(alg, key, klen), data, len),
		       mac, maclen);
}

/* Drivers */

static DEFINE_MUTEX(ocft_drivers_lock);
static struct ocft_drv *ocft_all[64];
static unsigned int ocft_nall;
static struct workqueue_struct *ocft_wq;

bool ocft_is_ours(u32 id)
{
	unsigned int i;

	for (i = 0; i < ocft_nall; i++)
		if (ocft_all[i]->id >= 0 && (u32)ocft_all[i]->id == id)
			return true;
	return false;
}

bool ocft_alg_used(int alg, int class)
{
	struct crypto_driver_info info;
	u32 id;

	for (id = 0; id < 64; id++) {
		memset(&info, 0, sizeof(info));
		if (crypto_driver_info(id, &info) || info.dead)
			continue;
		if (class && !(info.flags & class))
			continue;
		if (crypto_driver_supports(id, alg))
			return true;
	}
	return false;
}

static bool ring_push(struct ocft_ring *r, void *p)
{
	if (r->head - r->tail >= OCFT_RING)
		return false;
	r->slot[r->head++ % OCFT_RING] = p;
	return true;
}

static void *ring_pop(struct ocft_ring *r)
{
	if (r->head == r->tail)
		return NULL;
	return r->slot[r->tail++ % OCFT_RING];
}

static int ocft_slot(struct ocft_drv *d, int alg)
{
	int i;

	for (i = 0; i < d->nalgs; i++)
		if (d->algs[i] == alg)
			return i;
	return -1;
}

int ocft_drv_ndesc(struct ocft_drv *d, int alg)
{
	int i = ocft_slot(d, alg);

	return i < 0 ? 0 : atomic_read(&d->ndesc[i]);
}

static void ocft_helper_err(struct ocft_drv *d, int rc)
{
	atomic_inc(&d->helper_err);
	WRITE_ONCE(d->last_helper_rc, rc);
}

/*
 * Toy compression: CRD_F_COMP keeps the bytes at even offsets of the range
 * (the output is half as long, rounded up); decompression writes each byte
 * twice. The result starts at crd_skip; crp_olen is crd_skip + its length.
 */
static int ocft_toy_comp(struct ocft_drv *d, struct cryptop *crp,
			 const struct cryptodesc *crd)
{
	u8 in[128], out[256];
	int i, n, rc;

	if (crd->crd_len > sizeof(in))
		return EINVAL;
	rc = crypto_copydata(crp, crd->crd_skip, crd->crd_len, in);
	if (rc)
		goto helper;
	if (crd->crd_flags & CRD_F_COMP) {
		for (i = 0, n = 0; i < crd->crd_len; i += 2)
			out[n++] = in[i];
	} else {
		for (i = 0, n = 0; i < crd->crd_len; i++) {
			out[n++] = in[i];
			out[n++] = in[i];
		}
	}
	if (crd->crd_skip + n > crp->crp_ilen)
		return ENOSPC;
	rc = crypto_copyback(crp, crd->crd_skip, n, out);
	if (rc)
		goto helper;
	crp->crp_olen = crd->crd_skip + n;
	return 0;
helper:
	ocft_helper_err(d, rc);
	return rc;
}

static int ocft_do_desc(struct ocft_drv *d, struct cryptop *crp,
			const struct cryptodesc *crd)
{
	const struct ocft_alginfo *ai = ocft_alg(crd->crd_alg);
	int slot = ocft_slot(d, crd->crd_alg);
	u8 buf[256], iv[EALG_MAX_BLOCK_LEN], mac[64];
	const u8 *key = NULL;
	int kbits = 0, klen, off, n, rc;
	unsigned long flags;

	if (!ai || slot < 0) {
		atomic_inc(&d->bad_desc);
		return EINVAL;
	}
	atomic_inc(&d->ndesc[slot]);

	rc = crypto_desc_key(crp->crp_session, crd, &key, &kbits);
	if (rc) {
		ocft_helper_err(d, rc);
		return rc;
	}
	klen = kbits / 8;

	if (ai->kind == OCFT_COMP)
		return ocft_toy_comp(d, crp, crd);
	if (ai->kind == OCFT_CIPHER) {
		memset(iv, 0, sizeof(iv));
		rc = crypto_desc_iv(crp, crd, iv, ai->ivlen);
		if (rc) {
			ocft_helper_err(d, rc);
			return rc;
		}
		spin_lock_irqsave(&d->lock, flags);
		memcpy(d->last_iv, iv, sizeof(iv));
		spin_unlock_irqrestore(&d->lock, flags);
		for (off = 0; off < crd->crd_len; off += n) {
			n = min_t(int, sizeof(buf), crd->crd_len - off);
			rc = crypto_copydata(crp, crd->crd_skip + off, n, buf);
			if (rc)
				goto helper;
			ocft_toy_cipher(crd->crd_alg, key, klen, iv, ai->ivlen,
					crd->crd_flags & CRD_F_ENCRYPT, buf, n, off);
			rc = crypto_copyback(crp, crd->crd_skip + off, n, buf);
			if (rc)
				goto helper;
		}
		return 0;
	}

	{
		u32 h = ocft_mac_init(crd->crd_alg, key, klen);

		for (off = 0; off < crd->crd_len; off += n) {
			n = min_t(int, sizeof(buf), crd->crd_len - off);
			rc = crypto_copydata(crp, crd->crd_skip + off, n, buf);
			if (rc)
				goto helper;
			h = ocft_mac_update(h, buf, n);
		}
		ocft_mac_final(h, mac, ai->maclen);
		rc = crypto_mac_result(crp, crd, mac, ai->maclen);
		if (rc)
			goto helper;
	}
	return 0;
helper:
	ocft_helper_err(d, rc);
	return rc;
}

static void ocft_do_request(struct ocft_drv *d, struct cryptop *crp)
{
	const struct ocft_sess *sm = crypto_get_driver_session(crp->crp_session);
	struct cryptodesc *crd;
	int rc;

	if (!sm || sm->magic != OCFT_SESS_MAGIC || sm->drv != d)
		atomic_inc(&d->bad_sess);
	for (crd = crp->crp_desc; crd; crd = crd->crd_next) {
		rc = ocft_do_desc(d, crp, crd);
		if (rc) {
			crp->crp_etype = rc;
			break;
		}
	}
}

static u64 ocft_mulmod(u64 a, u64 b, u64 m)
{
	u64 r = 0;

	a %= m;
	while (b) {
		if (b & 1)
			r = (r >= m - a) ? r - (m - a) : r + a;
		a = (a >= m - a) ? a - (m - a) : a + a;
		b >>= 1;
	}
	return r;
}

static u64 ocft_param_get(const struct crparam *p)
{
	unsigned int i, n = min_t(unsigned int, (p->crp_nbits + 7) / 8, 8);
	u64 v = 0;

	for (i = 0; i < n; i++)
		v |= (u64)p->crp_p[i] << (8 * i);
	return v;
}

static void ocft_do_krequest(struct cryptkop *krp)
{
	u64 b, e, m, r = 1;
	unsigned int i, n;
	struct crparam *out;

	if (krp->krp_op != CRK_MOD_EXP || krp->krp_iparams != 3 ||
	    krp->krp_oparams != 1) {
		krp->krp_status = EINVAL;
		return;
	}
	b = ocft_param_get(&krp->krp_param[0]);
	e = ocft_param_get(&krp->krp_param[1]);
	m = ocft_param_get(&krp->krp_param[2]);
	if (!m) {
		krp->krp_status = EINVAL;
		return;
	}
	b %= m;
	while (e) {
		if (e & 1)
			r = ocft_mulmod(r, b, m);
		b = ocft_mulmod(b, b, m);
		e >>= 1;
	}
	r %= m;
	out = &krp->krp_param[3];
	n = (out->crp_nbits + 7) / 8;
	for (i = 0; i < n; i++)
		out->crp_p[i] = i < 8 ? (u8)(r >> (8 * i)) : 0;
	krp->krp_status = 0;
}

static void ocft_log(struct ocft_drv *d, void *req, int hint)
{
	unsigned long flags;

	spin_lock_irqsave(&d->lock, flags);
	d->last_task = current;
	if (d->nlog < OCFT_LOG) {
		d->log_req[d->nlog] = req;
		d->log_hint[d->nlog] = hint;
	}
	d->nlog++;
	spin_unlock_irqrestore(&d->lock, flags);
}

void ocft_drv_log_reset(struct ocft_drv *d)
{
	unsigned long flags;

	spin_lock_irqsave(&d->lock, flags);
	d->nlog = 0;
	d->last_task = NULL;
	d->done_task = NULL;
	spin_unlock_irqrestore(&d->lock, flags);
}

static int ocft_process(struct crypto_device *dev, struct cryptop *crp, int hint)
{
	struct ocft_drv *d = dev->priv;
	unsigned long flags;
	bool queued;

	atomic_inc(&d->nprocess);
	if (READ_ONCE(d->blocked)) {
		atomic_inc(&d->nrestart);
		return ERESTART;
	}
	if (READ_ONCE(d->restart_unblock) > 0) {
		/* the unblock an interrupt would send before we return */
		WRITE_ONCE(d->restart_unblock, d->restart_unblock - 1);
		atomic_inc(&d->nrestart);
		crypto_unblock(d->id, CRYPTO_SYMQ);
		return ERESTART;
	}
	if (d->jitter_us)
		udelay(get_random_u32() % d->jitter_us);
	if (d->delay_us)
		udelay(d->delay_us);

	if (d->mode == OCFT_MODE_SYNC) {
		ocft_log(d, crp, hint);
		ocft_do_request(d, crp);
		crypto_done(crp);
		return 0;
	}

	spin_lock_irqsave(&d->lock, flags);
	queued = ring_push(READ_ONCE(d->hold) ? &d->held : &d->pending, crp);
	if (!queued)
		d->self_blocked = true;
	spin_unlock_irqrestore(&d->lock, flags);
	if (!queued) {
		atomic_inc(&d->nrestart);
		queue_delayed_work(ocft_wq, &d->dwork, 0);
		return ERESTART;
	}
	ocft_log(d, crp, hint);
	if (READ_ONCE(d->hold))
		return 0;
	if (d->mode == OCFT_MODE_IRQ)
		irq_work_queue(&d->iw);
	else
		queue_delayed_work(ocft_wq, &d->dwork, d->async_delay);
	return 0;
}

/* OCFT_MODE_IRQ: complete from hard interrupt context, as a device would. */
static void ocft_irq_work(struct irq_work *iw)
{
	struct ocft_drv *d = container_of(iw, struct ocft_drv, iw);
	struct cryptop *crp;
	unsigned long flags;

	for (;;) {
		spin_lock_irqsave(&d->lock, flags);
		crp = ring_pop(&d->pending);
		d->done_task = current;
		spin_unlock_irqrestore(&d->lock, flags);
		if (!crp)
			break;
		ocft_do_request(d, crp);
		crypto_done(crp);
	}
}

static int ocft_kprocess(struct crypto_device *dev, struct cryptkop *krp, int hint)
{
	struct ocft_drv *d = dev->priv;
	unsigned long flags;
	bool queued;

	atomic_inc(&d->nkprocess);
	if (READ_ONCE(d->blocked)) {
		atomic_inc(&d->nrestart);
		return ERESTART;
	}
	if (READ_ONCE(d->krefuse)) {
		krp->krp_status = EOPNOTSUPP;
		crypto_kdone(krp);
		return 0;
	}
	if (d->mode == OCFT_MODE_SYNC) {
		ocft_log(d, krp, hint);
		ocft_do_krequest(krp);
		crypto_kdone(krp);
		return 0;
	}
	spin_lock_irqsave(&d->lock, flags);
	queued = ring_push(&d->kpending, krp);
	if (!queued)
		d->self_blocked = true;
	spin_unlock_irqrestore(&d->lock, flags);
	if (!queued) {
		atomic_inc(&d->nrestart);
		queue_delayed_work(ocft_wq, &d->dwork, 0);
		return ERESTART;
	}
	ocft_log(d, krp, hint);
	queue_delayed_work(ocft_wq, &d->dwork, d->async_delay);
	return 0;
}

static void ocft_work(struct work_struct *work)
{
	struct ocft_drv *d = container_of(to_delayed_work(work), struct ocft_drv,
					  dwork);
	struct cryptkop *krp;
	struct cryptop *crp;
	unsigned long flags;
	bool unblock;

	for (;;) {
		spin_lock_irqsave(&d->lock, flags);
		crp = ring_pop(&d->pending);
		d->done_task = current;
		spin_unlock_irqrestore(&d->lock, flags);
		if (!crp)
			break;
		ocft_do_request(d, crp);
		crypto_done(crp);
	}
	for (;;) {
		spin_lock_irqsave(&d->lock, flags);
		krp = ring_pop(&d->kpending);
		spin_unlock_irqrestore(&d->lock, flags);
		if (!krp)
			break;
		ocft_do_krequest(krp);
		crypto_kdone(krp);
	}
	spin_lock_irqsave(&d->lock, flags);
	unblock = d->self_blocked;
	d->self_blocked = false;
	spin_unlock_irqrestore(&d->lock, flags);
	if (unblock)
		crypto_unblock(d->id, CRYPTO_SYMQ | CRYPTO_ASYMQ);
}

void ocft_drv_release(struct ocft_drv *d)
{
	unsigned long flags;
	void *p;

	spin_lock_irqsave(&d->lock, flags);
	WRITE_ONCE(d->hold, false);
	while ((p = ring_pop(&d->held)))
		ring_push(&d->pending, p);
	spin_unlock_irqrestore(&d->lock, flags);
	queue_delayed_work(ocft_wq, &d->dwork, 0);
}

static int ocft_newsession(struct crypto_device *dev, crypto_session_t cses,
			   const struct cryptoini *cri)
{
	struct ocft_drv *d = dev->priv;
	struct ocft_sess *sm;
	int n = 0, i, rc = 0;

	atomic_inc(&d->inside);
	if (d->sleep_new_ms)
		msleep(d->sleep_new_ms);
	if (READ_ONCE(d->fail_new)) {
		rc = EINVAL;
		goto out;
	}
	sm = crypto_get_driver_session(cses);
	if (!sm) {
		atomic_inc(&d->bad_cri);
		rc = EINVAL;
		goto out;
	}
	if (memchr_inv(sm, 0, d->sess_size))
		atomic_inc(&d->nonzero_sess);
	memset(sm, 0x5a, d->sess_size);
	sm->magic = OCFT_SESS_MAGIC;
	sm->drv = d;
	for (; cri; cri = cri->cri_next) {
		if (n >= OCFT_MAXALG || ocft_slot(d, cri->cri_alg) < 0) {
			atomic_inc(&d->bad_cri);
			rc = EINVAL;
			break;
		}
		for (i = 0; i < n; i++)
			if (sm->algs[i] == cri->cri_alg)
				atomic_inc(&d->bad_cri);
		sm->algs[n++] = cri->cri_alg;
	}
	sm->nalg = n;
	if (!rc)
		atomic_inc(&d->nnew);
out:
	atomic_dec(&d->inside);
	return rc;
}

static void ocft_freesession(struct crypto_device *dev, crypto_session_t cses)
{
	struct ocft_drv *d = dev->priv;
	struct ocft_sess *sm;

	atomic_inc(&d->inside);
	if (d->sleep_free_ms)
		msleep(d->sleep_free_ms);
	sm = crypto_get_driver_session(cses);
	if (!sm || sm->magic != OCFT_SESS_MAGIC || sm->drv != d ||
	    memchr_inv((u8 *)sm + sizeof(*sm), 0x5a, d->sess_size - sizeof(*sm)))
		atomic_inc(&d->tail_bad);
	atomic_inc(&d->nfree);
	atomic_dec(&d->inside);
}

static const struct crypto_driver_methods ocft_methods = {
	.newsession = ocft_newsession,
	.freesession = ocft_freesession,
	.process = ocft_process,
	.kprocess = ocft_kprocess,
};

/* Only what a driver must have: no freesession, no kprocess. */
static const struct crypto_driver_methods ocft_methods_min = {
	.newsession = ocft_newsession,
	.process = ocft_process,
};

static struct ocft_drv *ocft_drv_make(const char *name, int unit, int flags,
				      size_t sess_size, enum ocft_mode mode,
				      const struct crypto_driver_methods *methods)
{
	struct ocft_drv *d;

	if (sess_size < sizeof(struct ocft_sess))
		sess_size = sizeof(struct ocft_sess);
	d = kvzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return NULL;
	strscpy(d->name, name, sizeof(d->name));
	d->dev.name = d->name;
	d->dev.unit = unit;
	d->dev.methods = methods;
	d->dev.priv = d;
	d->flags = flags;
	d->sess_size = sess_size;
	d->mode = mode;
	spin_lock_init(&d->lock);
	INIT_DELAYED_WORK(&d->dwork, ocft_work);
	init_irq_work(&d->iw, ocft_irq_work);

	mutex_lock(&ocft_drivers_lock);
	if (ocft_nall >= ARRAY_SIZE(ocft_all)) {
		mutex_unlock(&ocft_drivers_lock);
		kvfree(d);
		return NULL;
	}
	ocft_all[ocft_nall++] = d;
	d->id = crypto_get_driverid(&d->dev, sess_size, flags);
	d->alive = d->id >= 0;
	mutex_unlock(&ocft_drivers_lock);
	if (!d->alive)
		ocft_diag("crypto_get_driverid(%s%d, %zu, %#x) == %d", name, unit,
			  sess_size, flags, d->id);
	return d;
}

struct ocft_drv *ocft_drv_new(const char *name, int unit, int flags,
			      size_t sess_size, enum ocft_mode mode)
{
	return ocft_drv_make(name, unit, flags, sess_size, mode, &ocft_methods);
}

struct ocft_drv *ocft_drv_new_min(const char *name, int flags)
{
	return ocft_drv_make(name, 0, flags, 0, OCFT_MODE_SYNC, &ocft_methods_min);
}

int ocft_drv_register(struct ocft_drv *d, int alg)
{
	int rc;

	if (!d || !d->alive)
		return -1;
	if (ocft_slot(d, alg) < 0 && d->nalgs < OCFT_MAXALG)
		d->algs[d->nalgs++] = alg;
	rc = crypto_register(d->id, alg, 0, 0);
	if (rc)
		ocft_diag("crypto_register(%s, %d) == %d", d->name, alg, rc);
	return rc;
}

void ocft_drv_kill(struct ocft_drv *d)
{
	if (!d || !d->alive)
		return;
	WRITE_ONCE(d->blocked, false);
	ocft_drv_release(d);
	crypto_unregister_all(d->id);
	d->alive = false;
	flush_delayed_work(&d->dwork);
	irq_work_sync(&d->iw);
}

void ocft_drv_free(struct ocft_drv *d)
{
	if (!d)
		return;
	ocft_drv_kill(d);
	cancel_delayed_work_sync(&d->dwork);
	irq_work_sync(&d->iw);
	kvfree(d);
}

int ocft_drivers_init(void)
{
	ocft_wq = alloc_workqueue("ocft_wq", WQ_UNBOUND, 0);
	return ocft_wq ? 0 : -ENOMEM;
}

void ocft_drivers_exit(void)
{
	unsigned int i;

	/* Newest first: nothing migrates onto a driver about to go. */
	for (i = ocft_nall; i-- > 0;)
		ocft_drv_kill(ocft_all[i]);
	for (i = 0; i < ocft_nall; i++)
		ocft_drv_free(ocft_all[i]);
	ocft_nall = 0;
	destroy_workqueue(ocft_wq);
}
