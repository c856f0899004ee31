// SPDX-License-Identifier: GPL-2.0-only
/*
 * Path "ocf" of the symmetric algorithms: the same work as path "tfm"
 * through crypto_dispatch(), as a kernel consumer does it. One session,
 * made before the clock starts; per slot one request from crypto_getreq()
 * with one descriptor and a flat buffer, reused by every operation, with
 * CRYPTO_F_CBIMM (the callback in crypto_done()'s context, for a
 * synchronous driver within crypto_dispatch()).
 *
 * Descriptors: ciphers encrypt in place with the IV in the descriptor
 * (CRD_F_IV_EXPLICIT | CRD_F_IV_PRESENT: nothing written besides the
 * data); GCM is one AEAD descriptor with no AAD (crd_aadlen 0) and its tag
 * written after the data (crd_inject); hashes and HMAC write their result
 * to crp_mac.
 */
#include <linux/slab.h>
#include <linux/string.h>

#include <opencrypto/crypto.h>

#include "kbench.h"

struct bench_ocf_slot {
	struct bench_run *r;
	unsigned int idx;
	struct cryptop *crp;
	u8 *buf;
	u8 mac[HASH_MAX_LEN];
};

struct bench_ocf {
	crypto_session_t ses;
	struct bench_ocf_slot slot[];
};

static int bench_ocf_cb(struct cryptop *crp)
{
	struct bench_ocf_slot *s = crp->crp_opaque;
	int err = crp->crp_etype;

	/* EAGAIN: the session moved (crp_session follows); ENOBUFS: queue full */
	bench_done(s->r, s->idx, err == EAGAIN || err == ENOBUFS ? -EAGAIN : -err);
	return 0;
}

static int bench_ocf_submit(struct bench_run *r, unsigned int i)
{
	struct bench_ocf *o = r->priv;

	return -crypto_dispatch(o->slot[i].crp);
}

static int bench_ocf_slot_init(const struct bench_cmd *cmd, struct bench_ocf *o,
			       struct bench_ocf_slot *s)
{
	const struct bench_alg *a = cmd->alg;
	unsigned int len = cmd->size;
	struct cryptodesc *crd;
	struct cryptop *crp;

	if (a->kind == BENCH_AEAD)
		len += BENCH_TAG_BYTES;
	s->buf = bench_buf_alloc(len);
	if (!s->buf)
		return -ENOMEM;
	bench_fill_data(s->buf, cmd->size);
	s->crp = crypto_getreq(1);
	if (!s->crp)
		return -ENOMEM;
	crp = s->crp;
	crp->crp_session = o->ses;
	crp->crp_ilen = len;
	crp->crp_flags = CRYPTO_F_CBIMM;
	crp->crp_buf = s->buf;
	crp->crp_opaque = s;
	crp->crp_callback = bench_ocf_cb;
	crd = crp->crp_desc;
	crd->crd_alg = a->ocf;
	crd->crd_skip = 0;
	crd->crd_len = cmd->size;
	switch (a->kind) {
	case BENCH_CIPHER:
		crd->crd_flags = CRD_F_ENCRYPT | CRD_F_IV_EXPLICIT | CRD_F_IV_PRESENT;
		bench_fill_iv(crd->crd_iv, a->ivlen);
		break;
	case BENCH_AEAD:
		crd->crd_flags = CRD_F_ENCRYPT | CRD_F_IV_EXPLICIT;
		crd->crd_aadlen = 0;
		crd->crd_inject = cmd->size;
		bench_fill_iv(crd->crd_iv, a->ivlen);
		break;
	default:
		crp->crp_mac = s->mac;
		break;
	}
	return 0;
}

static void bench_ocf_free(struct bench_ocf *o, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		crypto_freereq(o->slot[i].crp);
		kvfree(o->slot[i].buf);
	}
	if (o->ses)
		crypto_freesession(o->ses);
	kfree(o);
}

/* The opencrypto driver's name serving the session's algorithm. */
static void bench_ocf_driver(struct bench_ocf *o, int alg, struct bench_result *res)
{
	struct crypto_driver_info info;
	int id = crypto_session_driver(o->ses, alg, 0);

	if (id >= 0 && !crypto_driver_info(id, &info))
		strscpy(res->driver, info.name, sizeof(res->driver));
	else
		strscpy(res->driver, "?", sizeof(res->driver));
}

/**
 * bench_ocf() - run a command on path "ocf" (ciphers, AEAD, hashes)
 * @cmd: the command
 * @res: the result
 *
 * Context: process; sleeps.
 * Return: 0 or a negative errno.
 */
int bench_ocf(const struct bench_cmd *cmd, struct bench_result *res)
{
	const struct bench_alg *a = cmd->alg;
	struct cryptoini cri = { .cri_alg = a->ocf, .cri_klen = a->klen * 8 };
	struct bench_ocf_slot *s0;
	struct bench_run r;
	struct bench_ocf *o;
	unsigned int i;
	u8 key[32];
	int err;

	o = kzalloc(struct_size(o, slot, cmd->depth), GFP_KERNEL);
	if (!o)
		return -ENOMEM;
	bench_fill_key(key, a->klen);
	cri.cri_key = a->klen ? key : NULL;
	err = -crypto_newsession(&o->ses, &cri, cmd->crid);
	if (err) {
		o->ses = NULL;
		goto out;
	}
	bench_run_init(&r, bench_ocf_submit, o);
	for (i = 0; i < cmd->depth && !err; i++) {
		o->slot[i].r = &r;
		o->slot[i].idx = i;
		err = bench_ocf_slot_init(cmd, o, &o->slot[i]);
	}
	if (err)
		goto out;

	/* the check value, from one operation on the patterns */
	err = bench_loop(&r, 1, BENCH_MAX_MSECS, 1, &res->ops, &res->ns);
	if (err)
		goto out;
	bench_ocf_driver(o, a->ocf, res);
	s0 = &o->slot[0];
	if (a->kind == BENCH_CIPHER)
		bench_check_tail(res->out, s0->buf, cmd->size);
	else if (a->kind == BENCH_AEAD)
		memcpy(res->out, s0->buf + cmd->size, BENCH_CHECK_BYTES);
	else
		memcpy(res->out, s0->mac, BENCH_CHECK_BYTES);

	err = bench_loop(&r, cmd->depth, cmd->msecs, U64_MAX, &res->ops, &res->ns);
out:
	bench_ocf_free(o, cmd->depth);
	return err;
}
