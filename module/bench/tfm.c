// SPDX-License-Identifier: GPL-2.0-only
/*
 * Path "tfm": the Linux transform driven directly, the lower bound of what
 * the framework can do with it. skcipher for the ciphers, aead for GCM,
 * ahash for the hashes; one transform, and per slot one request, one
 * scatterlist and one buffer made before the clock starts and reused by
 * every operation: nothing is allocated per operation. Ciphers encrypt in
 * place; GCM writes its tag after the data.
 *
 * Path "call" prepares the same (bench_tfm_prepare()) and keeps it on the
 * open file: each BENCH_IOC_CALL ioctl() then runs one operation
 * (bench_tfm_call()), the floor under any path from user space.
 */
#include <crypto/aead.h>
#include <crypto/hash.h>
#include <crypto/skcipher.h>
#include <linux/mm.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "kbench.h"

struct bench_tfm_slot {
	struct bench_run *r;
	unsigned int idx;
	u8 *buf;
	struct scatterlist *sg;
	union {
		struct skcipher_request *sk;
		struct aead_request *ae;
		struct ahash_request *ah;
	};
	u8 iv[16];
	u8 digest[HASH_MAX_DIGESTSIZE];
};

struct bench_tfm {
	struct bench_cmd cmd;
	struct bench_run run;
	union {
		struct crypto_skcipher *sk;
		struct crypto_aead *ae;
		struct crypto_ahash *ah;
	};
	struct crypto_tfm *base;
	struct bench_tfm_slot slot[];
};

static OCF_COMPLETION(bench_tfm_done)
{
	struct bench_tfm_slot *s = OCF_COMPLETION_DATA();

	if (err == -EINPROGRESS)	/* out of the backlog: not done yet */
		return;
	bench_done(s->r, s->idx, err);
}

static int bench_tfm_submit(struct bench_run *r, unsigned int i)
{
	struct bench_tfm *t = r->priv;
	struct bench_tfm_slot *s = &t->slot[i];
	int err;

	switch (t->cmd.alg->kind) {
	case BENCH_CIPHER:
		err = crypto_skcipher_encrypt(s->sk);
		break;
	case BENCH_AEAD:
		err = crypto_aead_encrypt(s->ae);
		break;
	default:
		err = crypto_ahash_digest(s->ah);
		break;
	}
	if (err != -EINPROGRESS && err != -EBUSY)
		bench_done(r, i, err);
	return 0;
}

/* A scatterlist over @len bytes at @buf, kmalloc'ed or vmalloc'ed. */
static struct scatterlist *bench_tfm_sg(u8 *buf, unsigned int len)
{
	unsigned int n, i, c;
	struct scatterlist *sg;

	if (!is_vmalloc_addr(buf)) {
		sg = kmalloc(sizeof(*sg), GFP_KERNEL);
		if (sg)
			sg_init_one(sg, buf, len);
		return sg;
	}
	n = DIV_ROUND_UP(offset_in_page(buf) + len, PAGE_SIZE);
	sg = kmalloc_array(n, sizeof(*sg), GFP_KERNEL);
	if (!sg)
		return NULL;
	sg_init_table(sg, n);
	for (i = 0; i < n; i++) {
		c = min_t(unsigned int, len, PAGE_SIZE - offset_in_page(buf));
		sg_set_page(&sg[i], vmalloc_to_page(buf), c, offset_in_page(buf));
		buf += c;
		len -= c;
	}
	return sg;
}

static int bench_tfm_alloc(struct bench_tfm *t)
{
	const struct bench_cmd *cmd = &t->cmd;
	const char *name = cmd->driver[0] ? cmd->driver : cmd->alg->lx;
	u8 key[32];
	int err = 0;

	bench_fill_key(key, cmd->alg->klen);
	switch (cmd->alg->kind) {
	case BENCH_CIPHER:
		t->sk = crypto_alloc_skcipher(name, 0, 0);
		if (IS_ERR(t->sk))
			return PTR_ERR(t->sk);
		t->base = crypto_skcipher_tfm(t->sk);
		if (cmd->alg->klen)
			err = crypto_skcipher_setkey(t->sk, key, cmd->alg->klen);
		break;
	case BENCH_AEAD:
		t->ae = crypto_alloc_aead(name, 0, 0);
		if (IS_ERR(t->ae))
			return PTR_ERR(t->ae);
		t->base = crypto_aead_tfm(t->ae);
		err = crypto_aead_setkey(t->ae, key, cmd->alg->klen);
		if (!err)
			err = crypto_aead_setauthsize(t->ae, BENCH_TAG_BYTES);
		break;
	default:
		t->ah = crypto_alloc_ahash(name, 0, 0);
		if (IS_ERR(t->ah))
			return PTR_ERR(t->ah);
		t->base = crypto_ahash_tfm(t->ah);
		if (cmd->alg->klen)
			err = crypto_ahash_setkey(t->ah, key, cmd->alg->klen);
		break;
	}
	/* driver=: it must implement the algorithm asked for */
	if (!err && strcmp(crypto_tfm_alg_name(t->base), cmd->alg->lx))
		err = -EINVAL;
	return err;
}

static int bench_tfm_slot_init(struct bench_tfm *t, struct bench_tfm_slot *s)
{
	const struct bench_cmd *cmd = &t->cmd;
	unsigned int len = cmd->size;

	if (cmd->alg->kind == BENCH_AEAD)
		len += BENCH_TAG_BYTES;
	s->buf = bench_buf_alloc(len);
	if (!s->buf)
		return -ENOMEM;
	bench_fill_data(s->buf, cmd->size);
	bench_fill_iv(s->iv, cmd->alg->ivlen);
	s->sg = bench_tfm_sg(s->buf, len);
	if (!s->sg)
		return -ENOMEM;
	switch (cmd->alg->kind) {
	case BENCH_CIPHER:
		s->sk = skcipher_request_alloc(t->sk, GFP_KERNEL);
		if (!s->sk)
			return -ENOMEM;
		skcipher_request_set_callback(s->sk, CRYPTO_TFM_REQ_MAY_BACKLOG,
					      bench_tfm_done, s);
		skcipher_request_set_crypt(s->sk, s->sg, s->sg, cmd->size, s->iv);
		break;
	case BENCH_AEAD:
		s->ae = aead_request_alloc(t->ae, GFP_KERNEL);
		if (!s->ae)
			return -ENOMEM;
		aead_request_set_callback(s->ae, CRYPTO_TFM_REQ_MAY_BACKLOG,
					  bench_tfm_done, s);
		aead_request_set_ad(s->ae, 0);
		aead_request_set_crypt(s->ae, s->sg, s->sg, cmd->size, s->iv);
		break;
	default:
		s->ah = ahash_request_alloc(t->ah, GFP_KERNEL);
		if (!s->ah)
			return -ENOMEM;
		ahash_request_set_callback(s->ah, CRYPTO_TFM_REQ_MAY_BACKLOG,
					   bench_tfm_done, s);
		ahash_request_set_crypt(s->ah, s->sg, s->digest, cmd->size);
		break;
	}
	return 0;
}

/**
 * bench_tfm_free() - free what bench_tfm_prepare() made
 * @t: the prepared transform, its slots set up or still zero; nothing in
 *	flight on it
 */
void bench_tfm_free(struct bench_tfm *t)
{
	struct bench_tfm_slot *s;
	unsigned int i;

	for (i = 0; i < t->cmd.depth; i++) {
		s = &t->slot[i];
		switch (t->cmd.alg->kind) {
		case BENCH_CIPHER:
			skcipher_request_free(s->sk);
			break;
		case BENCH_AEAD:
			aead_request_free(s->ae);
			break;
		default:
			if (s->ah)
				ahash_request_free(s->ah);
			break;
		}
		kfree(s->sg);
		kvfree(s->buf);
	}
	if (t->base) {
		if (t->cmd.alg->kind == BENCH_CIPHER)
			crypto_free_skcipher(t->sk);
		else if (t->cmd.alg->kind == BENCH_AEAD)
			crypto_free_aead(t->ae);
		else
			crypto_free_ahash(t->ah);
	}
	kfree(t);
}

/**
 * bench_tfm_prepare() - the transform of a "tfm" or "call" command
 * @cmd: the command
 * @res: the result: the driver and the check value of one operation on
 *	the patterns
 *
 * Ready for bench_loop() on its run (path "tfm") or bench_tfm_call() (path
 * "call", depth 1).
 *
 * Context: process; sleeps.
 * Return: the transform, for bench_tfm_free(), or an ERR_PTR().
 */
struct bench_tfm *bench_tfm_prepare(const struct bench_cmd *cmd, struct bench_result *res)
{
	struct bench_tfm_slot *s0;
	struct bench_tfm *t;
	unsigned int i;
	int err;

	t = kzalloc(struct_size(t, slot, cmd->depth), GFP_KERNEL);
	if (!t)
		return ERR_PTR(-ENOMEM);
	t->cmd = *cmd;
	err = bench_tfm_alloc(t);	/* t->base stays NULL if none was made */
	if (err)
		goto fail;
	bench_run_init(&t->run, bench_tfm_submit, t);
	for (i = 0; i < cmd->depth && !err; i++) {
		t->slot[i].r = &t->run;
		t->slot[i].idx = i;
		err = bench_tfm_slot_init(t, &t->slot[i]);
	}
	if (err)
		goto fail;
	strscpy(res->driver, crypto_tfm_alg_driver_name(t->base), sizeof(res->driver));

	err = bench_loop(&t->run, 1, BENCH_MAX_MSECS, 1, &res->ops, &res->ns);
	if (err)
		goto fail;
	s0 = &t->slot[0];
	if (cmd->alg->kind == BENCH_CIPHER)
		bench_check_tail(res->out, s0->buf, cmd->size);
	else if (cmd->alg->kind == BENCH_AEAD)
		memcpy(res->out, s0->buf + cmd->size, BENCH_CHECK_BYTES);
	else
		memcpy(res->out, s0->digest, BENCH_CHECK_BYTES);
	return t;
fail:
	bench_tfm_free(t);
	return ERR_PTR(err);
}

/**
 * bench_tfm() - run a command on path "tfm" (ciphers, AEAD, hashes)
 * @cmd: the command
 * @res: the result
 *
 * Context: process; sleeps.
 * Return: 0 or a negative errno.
 */
int bench_tfm(const struct bench_cmd *cmd, struct bench_result *res)
{
	struct bench_tfm *t;
	int err;

	t = bench_tfm_prepare(cmd, res);
	if (IS_ERR(t))
		return PTR_ERR(t);
	err = bench_loop(&t->run, cmd->depth, cmd->msecs, U64_MAX, &res->ops, &res->ns);
	bench_tfm_free(t);
	return err;
}

/**
 * bench_tfm_call() - one operation on a prepared transform
 * @t: from bench_tfm_prepare() for a "call" command; one caller at a time
 *
 * Nothing but the operation: no clock read, no allocation. The data is
 * encrypted again in place, as the timed loops of path "tfm" do.
 *
 * Context: process; sleeps for an asynchronous transform.
 * Return: see bench_run_one().
 */
int bench_tfm_call(struct bench_tfm *t)
{
	return bench_run_one(&t->run, 0);
}
