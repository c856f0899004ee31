// SPDX-License-Identifier: GPL-2.0-only
/*
 * Path "ocf" of modexp-2048: CRK_MOD_EXP through crypto_kdispatch(). Per
 * slot one keying request, its parameters (base, exponent, modulus in,
 * result out: 2048-bit little-endian numbers) made before the clock starts
 * and reused by every operation. krp_crid is the command's crid.
 */
#include <linux/slab.h>
#include <linux/string.h>

#include <opencrypto/crypto.h>

#include "kbench.h"

enum { BENCH_KP_BASE, BENCH_KP_EXP, BENCH_KP_MOD, BENCH_KP_OUT, BENCH_KP_N };

struct bench_key_slot {
	struct bench_run *r;
	unsigned int idx;
	struct cryptkop krp;
	u8 p[BENCH_KP_N][BENCH_MODEXP_BYTES];
};

static int bench_key_cb(struct cryptkop *krp)
{
	struct bench_key_slot *s = krp->krp_opaque;
	int err = krp->krp_status;

	bench_done(s->r, s->idx, err == ENOBUFS ? -EAGAIN : -err);
	return 0;
}

static int bench_key_submit(struct bench_run *r, unsigned int i)
{
	struct bench_key_slot *s = r->priv;

	return -crypto_kdispatch(&s[i].krp);
}

static void bench_key_slot_init(const struct bench_cmd *cmd, struct bench_key_slot *s)
{
	struct cryptkop *krp = &s->krp;
	int i;

	bench_modexp_le(s->p[BENCH_KP_BASE], bench_base_byte);
	bench_modexp_le(s->p[BENCH_KP_EXP], bench_exp_byte);
	bench_modexp_le(s->p[BENCH_KP_MOD], bench_modulus_byte);
	krp->krp_op = CRK_MOD_EXP;
	krp->krp_iparams = 3;
	krp->krp_oparams = 1;
	krp->krp_crid = cmd->crid;
	for (i = 0; i < BENCH_KP_N; i++) {
		krp->krp_param[i].crp_p = s->p[i];
		krp->krp_param[i].crp_nbits = BENCH_MODEXP_BYTES * 8;
	}
	krp->krp_callback = bench_key_cb;
	krp->krp_opaque = s;
}

/**
 * bench_ocf_key() - run a command on path "ocf" for modexp-2048
 * @cmd: the command
 * @res: the result
 *
 * Context: process; sleeps.
 * Return: 0 or a negative errno.
 */
int bench_ocf_key(const struct bench_cmd *cmd, struct bench_result *res)
{
	struct crypto_driver_info info;
	struct bench_key_slot *s;
	struct bench_run r;
	unsigned int i;
	int err;

	s = kcalloc(cmd->depth, sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	bench_run_init(&r, bench_key_submit, s);
	for (i = 0; i < cmd->depth; i++) {
		s[i].r = &r;
		s[i].idx = i;
		bench_key_slot_init(cmd, &s[i]);
	}

	/* the check value: the result's last 16 bytes, big-endian */
	err = bench_loop(&r, 1, BENCH_MAX_MSECS, 1, &res->ops, &res->ns);
	if (err)
		goto out;
	for (i = 0; i < BENCH_CHECK_BYTES; i++)
		res->out[i] = s[0].p[BENCH_KP_OUT][BENCH_CHECK_BYTES - 1 - i];
	if (crypto_driver_info(s[0].krp.krp_hid, &info))
		strscpy(res->driver, "?", sizeof(res->driver));
	else
		strscpy(res->driver, info.name, sizeof(res->driver));

	err = bench_loop(&r, cmd->depth, cmd->msecs, U64_MAX, &res->ops, &res->ns);
out:
	kfree(s);
	return err;
}
