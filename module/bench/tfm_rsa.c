// SPDX-License-Identifier: GPL-2.0-only
/*
 * Path "tfm" of modexp-2048: the Linux akcipher "rsa" driven directly.
 *
 * It computes base^exponent mod modulus as the framework's Linux driver
 * does (module/drivers/linux_key.c): the modulus and the exponent become
 * the RSAPublicKey { n, e } of crypto_akcipher_set_pub_key(), encoded by
 * the same code, and raw RSA encryption of the base gives the power. With
 * a 2048-bit exponent that is the work of a private-key operation without
 * CRT, and it is the very operation the "ocf" path runs on that driver.
 * The transform is keyed once; per slot one request and its buffers.
 */
#include <crypto/akcipher.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "drivers/linux.h"
#include "kbench.h"

struct bench_rsa_slot {
	struct bench_run *r;
	unsigned int idx;
	struct akcipher_request *req;
	struct scatterlist src, dst;
	u8 in[BENCH_MODEXP_BYTES];	/* the base, big-endian */
	u8 out[BENCH_MODEXP_BYTES];
};

struct bench_rsa {
	struct crypto_akcipher *tfm;
	struct bench_rsa_slot slot[];
};

static OCF_COMPLETION(bench_rsa_done)
{
	struct bench_rsa_slot *s = OCF_COMPLETION_DATA();

	if (err == -EINPROGRESS)
		return;
	bench_done(s->r, s->idx, err);
}

static int bench_rsa_submit(struct bench_run *r, unsigned int i)
{
	struct bench_rsa *t = r->priv;
	struct bench_rsa_slot *s = &t->slot[i];
	int err;

	/* the request's dst_len is the result's length after an operation */
	akcipher_request_set_crypt(s->req, &s->src, &s->dst, BENCH_MODEXP_BYTES,
				   BENCH_MODEXP_BYTES);
	err = crypto_akcipher_encrypt(s->req);
	if (err != -EINPROGRESS && err != -EBUSY)
		bench_done(r, i, err);
	return 0;
}

/* Key the transform: n = the modulus, e = the exponent. */
static int bench_rsa_key(struct crypto_akcipher *tfm)
{
	struct crparam n = { .crp_nbits = BENCH_MODEXP_BYTES * 8 };
	struct crparam e = { .crp_nbits = BENCH_MODEXP_BYTES * 8 };
	unsigned int len;
	u8 *num, *der;
	int err;

	num = kmalloc(2 * BENCH_MODEXP_BYTES, GFP_KERNEL);
	if (!num)
		return -ENOMEM;
	n.crp_p = num;
	e.crp_p = num + BENCH_MODEXP_BYTES;
	bench_modexp_le(n.crp_p, bench_modulus_byte);
	bench_modexp_le(e.crp_p, bench_exp_byte);
	der = ocf_lx_rsa_pubkey_der(&n, &e, &len);
	err = der ? crypto_akcipher_set_pub_key(tfm, der, len) : -ENOMEM;
	kfree_sensitive(der);
	kfree(num);
	return err;
}

static void bench_rsa_free(struct bench_rsa *t, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		akcipher_request_free(t->slot[i].req);
	if (!IS_ERR_OR_NULL(t->tfm))
		crypto_free_akcipher(t->tfm);
	kfree(t);
}

/**
 * bench_tfm_rsa() - run a command on path "tfm" for modexp-2048
 * @cmd: the command
 * @res: the result
 *
 * Context: process; sleeps.
 * Return: 0 or a negative errno.
 */
int bench_tfm_rsa(const struct bench_cmd *cmd, struct bench_result *res)
{
	const char *name = cmd->driver[0] ? cmd->driver : cmd->alg->lx;
	struct bench_rsa_slot *s;
	struct bench_run r;
	struct bench_rsa *t;
	unsigned int i, len;
	int err;

	t = kzalloc(struct_size(t, slot, cmd->depth), GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	t->tfm = crypto_alloc_akcipher(name, 0, 0);
	if (IS_ERR(t->tfm)) {
		err = PTR_ERR(t->tfm);
		goto out;
	}
	err = -EINVAL;		/* driver=: it must be an "rsa" */
	if (strcmp(crypto_tfm_alg_name(crypto_akcipher_tfm(t->tfm)), cmd->alg->lx))
		goto out;
	err = bench_rsa_key(t->tfm);
	if (err)
		goto out;
	bench_run_init(&r, bench_rsa_submit, t);
	for (i = 0; i < cmd->depth; i++) {
		s = &t->slot[i];
		s->r = &r;
		s->idx = i;
		s->req = akcipher_request_alloc(t->tfm, GFP_KERNEL);
		if (!s->req) {
			err = -ENOMEM;
			goto out;
		}
		for (len = 0; len < BENCH_MODEXP_BYTES; len++)
			s->in[len] = bench_base_byte(len);
		sg_init_one(&s->src, s->in, BENCH_MODEXP_BYTES);
		sg_init_one(&s->dst, s->out, BENCH_MODEXP_BYTES);
		akcipher_request_set_callback(s->req, CRYPTO_TFM_REQ_MAY_BACKLOG,
					      bench_rsa_done, s);
	}
	strscpy(res->driver, crypto_tfm_alg_driver_name(crypto_akcipher_tfm(t->tfm)),
		sizeof(res->driver));

	/* the check value: the last 16 bytes of the result, a number */
	err = bench_loop(&r, 1, BENCH_MAX_MSECS, 1, &res->ops, &res->ns);
	if (err)
		goto out;
	s = &t->slot[0];
	len = s->req->dst_len;
	memset(res->out, 0, BENCH_CHECK_BYTES);
	if (len >= BENCH_CHECK_BYTES)
		memcpy(res->out, s->out + len - BENCH_CHECK_BYTES, BENCH_CHECK_BYTES);
	else
		memcpy(res->out + BENCH_CHECK_BYTES - len, s->out, len);

	err = bench_loop(&r, cmd->depth, cmd->msecs, U64_MAX, &res->ops, &res->ns);
out:
	bench_rsa_free(t, cmd->depth);
	return err;
}
