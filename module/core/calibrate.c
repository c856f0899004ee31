// SPDX-License-Identifier: GPL-2.0-only
/*
 * Measuring drivers: the framework picks among the drivers that could serve
 * a session by the measured cost of each (driver, algorithm) pair, not by a
 * static priority (the seed's second BUG). A measurement is a short
 * benchmark through the driver itself: a session with a test key, then
 * requests of 256 bytes and 4 KiB, the fastest of a few runs of each.
 */
#include <linux/completion.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>

#include "internal.h"

#define OCF_CALIB_SMALL	256
#define OCF_CALIB_LARGE	4096
#define OCF_CALIB_RUNS	6
#define OCF_CALIB_TIMEOUT (5 * HZ)

struct ocf_calib {
	struct completion done;
};

static int ocf_calib_cb(struct cryptop *crp)
{
	struct ocf_calib *c = crp->crp_opaque;

	complete(&c->done);
	return 0;
}

/*
 * Take a completed calibration request back out of the counters that
 * crypto_done() (if the driver got it) and the completion counted it in:
 * the statistics count the consumers' requests only (per-CPU sums: any CPU
 * may subtract).
 */
static void ocf_calib_uncount(struct ocf_driver *drv, const struct cryptop *crp)
{
	int err = crp->crp_etype;

	if (crp->crp_state & OCF_CRP_DRIVER_DONE) {
		this_cpu_dec(drv->pc->ops);
		if (err)
			this_cpu_dec(drv->pc->errors);
	}
	this_cpu_dec(ocf_counters.ops);
	if (err)
		this_cpu_dec(ocf_counters.errors);
	if (err == EAGAIN)
		this_cpu_dec(ocf_counters.eagain);
}

/* One timed request; returns its duration in ns, or 0 on failure. */
static u64 ocf_calib_one(struct ocf_driver *drv, struct cryptop *crp,
			 struct ocf_calib *c, int len)
{
	u64 t0;

	reinit_completion(&c->done);
	crp->crp_desc->crd_len = len;
	crp->crp_desc->crd_inject = len;
	t0 = ktime_get_ns();
	crypto_dispatch(crp);
	if (!wait_for_completion_timeout(&c->done, OCF_CALIB_TIMEOUT))
		return U64_MAX;		/* still in flight: the caller must not free */
	ocf_calib_uncount(drv, crp);
	if (crp->crp_etype)
		return 0;
	return ktime_get_ns() - t0 ?: 1;
}

/**
 * ocf_calibrate() - measure one driver for one algorithm
 * @drv: the driver
 * @alg: an algorithm it registered
 *
 * Context: process; sleeps. The result is cached in @drv until the driver
 * registers @alg again or crypto_recalibrate() runs.
 *
 * Return: nanoseconds for one 256-byte plus one 4-KiB operation, or
 * CRYPTO_COST_UNKNOWN if the algorithm cannot be measured this way or the
 * driver failed.
 */
u64 ocf_calibrate(struct ocf_driver *drv, int alg)
{
	static const u8 zero_key[64];
	const struct ocf_alg *a = ocf_alg_get(alg);
	u64 best[2] = { U64_MAX, U64_MAX }, t;
	struct crypto_session *s;
	struct cryptoini ini = {};
	struct ocf_calib *c;
	struct cryptop *crp;
	int sizes[2] = { OCF_CALIB_SMALL, OCF_CALIB_LARGE };
	u8 *buf;
	int i, r;

	if (!a || a->type == OCF_ALG_COMP || a->type == OCF_ALG_NONE)
		return CRYPTO_COST_UNKNOWN;
	ini.cri_alg = alg;
	ini.cri_klen = a->calib_key * 8;
	ini.cri_key = (u8 *)zero_key;
	if (ocf_session_create_on(drv, &ini, 1, &s))
		return CRYPTO_COST_UNKNOWN;

	buf = kzalloc(OCF_CALIB_LARGE + AALG_MAX_RESULT_LEN, GFP_KERNEL);
	c = kzalloc(sizeof(*c), GFP_KERNEL);
	crp = crypto_getreq(1);
	if (!buf || !c || !crp)
		goto out;
	init_completion(&c->done);
	crp->crp_session = s;
	crp->crp_buf = buf;
	crp->crp_ilen = OCF_CALIB_LARGE + AALG_MAX_RESULT_LEN;
	crp->crp_callback = ocf_calib_cb;
	crp->crp_opaque = c;
	crp->crp_flags = CRYPTO_F_CBIMM;
	crp->crp_desc->crd_alg = alg;
	crp->crp_desc->crd_flags = CRD_F_ENCRYPT | CRD_F_IV_EXPLICIT;

	for (i = 0; i < 2; i++) {
		for (r = 0; r <= OCF_CALIB_RUNS; r++) {
			t = ocf_calib_one(drv, crp, c, sizes[i]);
			if (t == U64_MAX) {
				pr_warn("calibration of %s on %s timed out\n", a->name, drv->name);
				/* the request is still the driver's: leak it, never free it */
				crp = NULL;
				buf = NULL;
				c = NULL;
				s = NULL;
				goto out;
			}
			if (!t)
				goto out;
			if (r)	/* the first run warms up */
				best[i] = min(best[i], t);
		}
	}
	WRITE_ONCE(drv->alg[alg].cost_small, best[0]);
	WRITE_ONCE(drv->alg[alg].cost_large, best[1]);
	WRITE_ONCE(drv->alg[alg].cost, best[0] + best[1]);
	ocf_choice_changed();
out:
	crypto_freereq(crp);
	kfree(c);
	kfree(buf);
	if (s) {
		ocf_session_destroy_bound(s, false);
		ocf_session_put(s);
	}
	return READ_ONCE(drv->alg[alg].cost);
}
