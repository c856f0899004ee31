// SPDX-License-Identifier: GPL-2.0-only
/*
 * Keying operations on the Linux drivers: CRK_MOD_EXP on the akcipher
 * "rsa" and CRK_DH_COMPUTE_KEY on the kpp "dh" of linux_generic, against
 * fixed vectors computed on the host with Python's pow(b, e, n) (moduli
 * drawn at random, full size; DH in RFC 3526 group 14, whose prime was
 * checked against its definition from pi); their errors; a refused
 * request (EOPNOTSUPP) going on to the next driver.
 */
#include <crypto/akcipher.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "keying_vectors.h"
#include "ocft.h"

#define OCFT_LK_BYTES	528	/* 4096 bits, and 64 more for a longer output */

struct ocft_lk {
	struct cryptkop krp;
	struct completion done;
	atomic_t ncb;
	bool leaked;
	u8 p[4][OCFT_LK_BYTES];
};

static int ocft_lk_cb(struct cryptkop *krp)
{
	struct ocft_lk *k = krp->krp_opaque;

	atomic_inc(&k->ncb);
	complete(&k->done);
	return 0;
}

/* Parameter @i from big-endian hex (NULL: zero) as @nbits bits, little-endian. */
static bool ocft_lk_set(struct ocft_lk *k, int i, const char *hex, unsigned int nbits)
{
	unsigned int n = hex ? strlen(hex) / 2 : 0, j;
	u8 *p = k->p[i], *be;
	bool ok;

	if (n > OCFT_LK_BYTES || DIV_ROUND_UP(nbits, 8) > OCFT_LK_BYTES)
		return false;
	be = kmalloc(OCFT_LK_BYTES, GFP_KERNEL);
	ok = be && !(n && hex2bin(be, hex, n));
	memset(p, 0, OCFT_LK_BYTES);
	for (j = 0; ok && j < n; j++)
		p[j] = be[n - 1 - j];
	kfree(be);
	k->krp.krp_param[i].crp_p = p;
	k->krp.krp_param[i].crp_nbits = nbits;
	return ok;
}

/* Is output parameter 3 the number @hex? */
static bool ocft_lk_is(struct ocft_lk *k, const char *hex)
{
	u8 *want = kzalloc(OCFT_LK_BYTES, GFP_KERNEL);
	unsigned int n = strlen(hex) / 2, j, len;
	const u8 *got = k->p[3];
	bool same;

	len = DIV_ROUND_UP(k->krp.krp_param[3].crp_nbits, 8);
	if (!want || n > len || hex2bin(want + OCFT_LK_BYTES - n, hex, n)) {
		kfree(want);
		return false;
	}
	same = true;
	for (j = 0; j < len; j++)
		same &= got[j] == (j < n ? want[OCFT_LK_BYTES - 1 - j] : 0);
	kfree(want);
	return same;
}

static struct ocft_lk *ocft_lk_new(u32 op, u32 crid)
{
	struct ocft_lk *k = kzalloc(sizeof(*k), GFP_KERNEL);

	if (!k)
		return NULL;
	init_completion(&k->done);
	k->krp.krp_op = op;
	k->krp.krp_crid = crid;
	k->krp.krp_iparams = 3;
	k->krp.krp_oparams = 1;
	k->krp.krp_callback = ocft_lk_cb;
	k->krp.krp_opaque = k;
	return k;
}

static void ocft_lk_free(struct ocft_lk *k)
{
	if (k && !k->leaked)
		kfree(k);
}

/* Dispatch and wait: the status, or -ETIMEDOUT (then @k is leaked). */
static int ocft_lk_run(struct ocft_lk *k)
{
	int rc;

	memset(k->p[3], 0xa5, OCFT_LK_BYTES);
	k->krp.krp_status = 0xffff;
	rc = crypto_kdispatch(&k->krp);
	if (rc)
		return 1000 + rc;
	if (!wait_for_completion_timeout(&k->done, OCFT_LONG_TIMEOUT)) {
		k->leaked = true;
		ocft_diag("keying request: no callback within %d s", OCFT_LONG_TIMEOUT / HZ);
		return -ETIMEDOUT;
	}
	reinit_completion(&k->done);
	return k->krp.krp_status;
}

static int ocft_lk_generic(void)
{
	int id = crypto_find_driver("linux_generic");

	if (id < 0)
		ocft_skip("no linux_generic driver");
	return id;
}

/* A MOD_EXP request of @v on @crid, result in @obits bits. */
static bool ocft_mx_prep(struct ocft_lk *k, const struct kv_mx *v, unsigned int obits)
{
	return ocft_lk_set(k, 0, v->b, v->bits) && ocft_lk_set(k, 1, v->e, strlen(v->e) * 4) &&
	       ocft_lk_set(k, 2, v->n, v->bits) && ocft_lk_set(k, 3, NULL, obits);
}

/* What serves the keying operations: linux_generic; no untested implementation. */
static int t_lk_registered(void)
{
	int id = ocft_lk_generic(), vid = crypto_find_driver("virtio_crypto");
	bool ok = true;

	if (id < 0)
		return OCFT_SKIP;
	CHECK(crypto_driver_ksupports(id, CRK_MOD_EXP));
	CHECK(crypto_driver_ksupports(id, CRK_DH_COMPUTE_KEY));
	CHECK(!crypto_driver_ksupports(id, CRK_MOD_EXP_CRT));
	CHECK(!crypto_driver_ksupports(id, CRK_DSA_SIGN));
	if (vid >= 0) {
		/*
		 * virtio-crypto-rsa: a keying driver only if its self-test
		 * passed, i.e. if the crypto API hands it out at all
		 */
		bool has = crypto_has_alg("virtio-crypto-rsa", CRYPTO_ALG_TYPE_AKCIPHER,
					  CRYPTO_ALG_TYPE_MASK);

		ocft_diag("virtio_crypto: raw RSA %s, CRK_MOD_EXP %s", has ? "usable" : "unusable",
			  crypto_driver_ksupports(vid, CRK_MOD_EXP) ? "offered" : "not offered");
		CHECK_EQ(crypto_driver_ksupports(vid, CRK_MOD_EXP), has);
		CHECK(!crypto_driver_ksupports(vid, CRK_DH_COMPUTE_KEY));
	}
	return ok ? OCFT_PASS : OCFT_FAIL;
}

static int t_lk_mod_exp(void)
{
	int id = ocft_lk_generic(), rc;
	struct ocft_lk *k;
	bool ok = true;
	unsigned int i;

	if (id < 0)
		return OCFT_SKIP;
	for (i = 0; i < ARRAY_SIZE(kv_mx_vecs); i++) {
		const struct kv_mx *v = &kv_mx_vecs[i];

		k = ocft_lk_new(CRK_MOD_EXP, id);
		if (!CHECK(k))
			break;
		/* output: the modulus's size, and bigger (zero-filled above) */
		if (!CHECK(ocft_mx_prep(k, v, i & 1 ? v->bits + 64 : v->bits))) {
			ocft_lk_free(k);
			break;
		}
		rc = ocft_lk_run(k);
		if (!CHECK_EQ(rc, 0))
			ocft_diag("MOD_EXP vector %u (%u bits): status %d", i, v->bits, rc);
		else if (!CHECK(ocft_lk_is(k, v->r)))
			ocft_diag("MOD_EXP vector %u (%u bits): wrong result", i, v->bits);
		if (rc >= 0) {
			CHECK_EQ(k->krp.krp_hid, id);
			CHECK_EQ(atomic_read(&k->ncb), 1);
		}
		ocft_lk_free(k);
	}
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/*
 * Powers the driver answers itself (rsa-generic refuses some of them on
 * newer kernels): bases 0, 1 and n - 1, exponent 0.
 */
static int t_lk_mod_exp_plain(void)
{
	const struct kv_mx *v = &kv_mx_vecs[0];
	static const struct {
		const char *b, *e;
		int r;		/* 0, 1, or -1: n - 1 */
	} c[] = {
		{ NULL, "03", 0 }, { "00", "010001", 0 }, { "01", "010001", 1 },
		{ "", "03", -1 }, { "", "04", 1 }, { "1234", "00", 1 }, { NULL, "00", 1 },
	};
	char *nm1 = NULL;
	int id = ocft_lk_generic(), rc;
	struct ocft_lk *k = NULL;
	bool ok = true;
	unsigned int i;
	size_t len;

	if (id < 0)
		return OCFT_SKIP;
	/* n - 1: the 512-bit modulus is odd, its last digit one more */
	len = strlen(v->n);
	nm1 = kstrdup(v->n, GFP_KERNEL);
	if (!CHECK(nm1) || !CHECK(nm1[len - 1] != '0'))
		goto out;
	nm1[len - 1] = hex_asc[hex_to_bin(nm1[len - 1]) - 1];
	for (i = 0; i < ARRAY_SIZE(c); i++) {
		k = ocft_lk_new(CRK_MOD_EXP, id);
		if (!CHECK(k))
			break;
		if (!CHECK(ocft_lk_set(k, 0, c[i].b && !*c[i].b ? nm1 : c[i].b, 512) &&
			   ocft_lk_set(k, 1, c[i].e, 24) && ocft_lk_set(k, 2, v->n, 512) &&
			   ocft_lk_set(k, 3, NULL, 512)))
			break;
		rc = ocft_lk_run(k);
		if (CHECK_EQ(rc, 0) &&
		    !CHECK(ocft_lk_is(k, c[i].r < 0 ? nm1 : c[i].r ? "01" : "00")))
			ocft_diag("plain power %u: wrong result", i);
		ocft_lk_free(k);
		k = NULL;
	}
out:
	ocft_lk_free(k);
	kfree(nm1);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/* One request of @op on driver @id with the given parameters: its status. */
static int ocft_lk_try(u32 op, int id, const char *a, unsigned int abits, const char *b,
		       unsigned int bbits, const char *c, unsigned int cbits, unsigned int obits,
		       int nin, int nout)
{
	struct ocft_lk *k = ocft_lk_new(op, id);
	int rc;

	if (!k)
		return -ENOMEM;
	if (!ocft_lk_set(k, 0, a, abits) || !ocft_lk_set(k, 1, b, bbits) ||
	    !ocft_lk_set(k, 2, c, cbits) || !ocft_lk_set(k, 3, NULL, obits)) {
		ocft_lk_free(k);
		return -EINVAL;
	}
	k->krp.krp_iparams = nin;
	k->krp.krp_oparams = nout;
	rc = ocft_lk_run(k);
	ocft_lk_free(k);
	return rc;
}

static int t_lk_mod_exp_errors(void)
{
	const struct kv_mx *v = &kv_mx_vecs[0];	/* 512 bits */
	const struct kv_mx *w = &kv_mx_vecs[1];	/* 1024 bits */
	int id = ocft_lk_generic();
	bool ok = true;

	if (id < 0)
		return OCFT_SKIP;
	/* base == modulus, base > modulus */
	CHECK_EQ(ocft_lk_try(CRK_MOD_EXP, id, v->n, 512, v->e, 24, v->n, 512, 512, 3, 1), EINVAL);
	CHECK_EQ(ocft_lk_try(CRK_MOD_EXP, id, w->n, 1024, v->e, 24, v->n, 512, 512, 3, 1), EINVAL);
	/* zero modulus (of 512 bits' room), and of no bytes at all */
	CHECK_EQ(ocft_lk_try(CRK_MOD_EXP, id, "02", 8, v->e, 24, NULL, 512, 512, 3, 1), EINVAL);
	CHECK_EQ(ocft_lk_try(CRK_MOD_EXP, id, "02", 8, v->e, 24, "00", 8, 512, 3, 1), EINVAL);
	/* wrong parameter counts */
	CHECK_EQ(ocft_lk_try(CRK_MOD_EXP, id, v->b, 512, v->e, 24, v->n, 512, 512, 2, 1), EINVAL);
	CHECK_EQ(ocft_lk_try(CRK_MOD_EXP, id, v->b, 512, v->e, 24, v->n, 512, 512, 3, 0), EINVAL);
	CHECK_EQ(ocft_lk_try(CRK_MOD_EXP, id, v->b, 512, v->e, 24, v->n, 512, 512, 4, 1), EINVAL);
	/* output shorter than the modulus */
	CHECK_EQ(ocft_lk_try(CRK_MOD_EXP, id, v->b, 512, v->e, 24, v->n, 512, 504, 3, 1), EINVAL);
	/* a modulus size rsa-generic does not take: 504 bits (63 bytes) */
	CHECK_EQ(ocft_lk_try(CRK_MOD_EXP, id, "02", 8, v->e, 24, v->n + 2, 504, 504, 3, 1),
		 EOPNOTSUPP);
	/* DH on a group smaller than dh-generic takes (1024 bits) */
	CHECK_EQ(ocft_lk_try(CRK_DH_COMPUTE_KEY, id, "05", 8, "02", 8, w->n, 1024, 1024, 3, 1),
		 EOPNOTSUPP);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/* The same, DH in group 14 */
static int ocft_dh_try(int id, const char *x, unsigned int xbits, const char *y,
		       unsigned int ybits, unsigned int obits, int nin, int nout)
{
	return ocft_lk_try(CRK_DH_COMPUTE_KEY, id, x, xbits, y, ybits, kv_dh14.p, 2048, obits,
			   nin, nout);
}

static int t_lk_dh(void)
{
	const char *p = kv_dh14.p;
	int id = ocft_lk_generic(), rc;
	char *pm1 = NULL;
	struct ocft_lk *k;
	bool ok = true;

	if (id < 0)
		return OCFT_SKIP;
	k = ocft_lk_new(CRK_DH_COMPUTE_KEY, id);
	if (!CHECK(k))
		return OCFT_FAIL;
	if (CHECK(ocft_lk_set(k, 0, kv_dh14.x, 256) && ocft_lk_set(k, 1, kv_dh14.y, 2048) &&
		  ocft_lk_set(k, 2, p, 2048) && ocft_lk_set(k, 3, NULL, 2048))) {
		rc = ocft_lk_run(k);
		if (CHECK_EQ(rc, 0))
			CHECK(ocft_lk_is(k, kv_dh14.z));
		if (rc >= 0)
			CHECK_EQ(k->krp.krp_hid, id);
	}
	ocft_lk_free(k);

	/* peer 1, p - 1, p, 0; private 0, p */
	pm1 = kstrdup(p, GFP_KERNEL);
	if (!CHECK(pm1))
		return OCFT_FAIL;
	pm1[strlen(pm1) - 1] = 'e';
	CHECK_EQ(ocft_dh_try(id, kv_dh14.x, 256, "01", 8, 2048, 3, 1), EINVAL);
	CHECK_EQ(ocft_dh_try(id, kv_dh14.x, 256, pm1, 2048, 2048, 3, 1), EINVAL);
	CHECK_EQ(ocft_dh_try(id, kv_dh14.x, 256, p, 2048, 2048, 3, 1), EINVAL);
	CHECK_EQ(ocft_dh_try(id, kv_dh14.x, 256, NULL, 8, 2048, 3, 1), EINVAL);
	CHECK_EQ(ocft_dh_try(id, NULL, 8, kv_dh14.y, 2048, 2048, 3, 1), EINVAL);
	CHECK_EQ(ocft_dh_try(id, p, 2048, kv_dh14.y, 2048, 2048, 3, 1), EINVAL);
	/* output short, parameter counts */
	CHECK_EQ(ocft_dh_try(id, kv_dh14.x, 256, kv_dh14.y, 2048, 2040, 3, 1), EINVAL);
	CHECK_EQ(ocft_dh_try(id, kv_dh14.x, 256, kv_dh14.y, 2048, 2048, 2, 2), EINVAL);
	kfree(pm1);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/*
 * A refusal (EOPNOTSUPP) goes on to the next driver: the fake hardware
 * driver ocft_key, tried first, refuses inside kprocess; linux_generic then
 * serves the request. When every driver refuses, the status is EOPNOTSUPP.
 */
static int t_lk_fall_through(void)
{
	const struct kv_mx *v = &kv_mx_vecs[0];
	int id = ocft_lk_generic(), rc, nk0;
	struct ocft_lk *k;
	bool ok = true;

	if (id < 0)
		return OCFT_SKIP;
	if (!ocft_key || !ocft_key->alive)
		return ocft_skip("no fake keying driver");
	k = ocft_lk_new(CRK_MOD_EXP, 0);
	if (!CHECK(k))
		return OCFT_FAIL;
	WRITE_ONCE(ocft_key->krefuse, true);
	nk0 = atomic_read(&ocft_key->nkprocess);
	if (CHECK(ocft_mx_prep(k, v, v->bits))) {
		rc = ocft_lk_run(k);
		CHECK_EQ(atomic_read(&ocft_key->nkprocess) - nk0, 1);
		if (CHECK_EQ(rc, 0))
			CHECK(ocft_lk_is(k, v->r));
		if (rc >= 0) {
			CHECK(k->krp.krp_hid != ocft_key->id);
			CHECK_EQ(atomic_read(&k->ncb), 1);
		}
	}
	ocft_lk_free(k);
	/* refused by all: a 504-bit modulus */
	nk0 = atomic_read(&ocft_key->nkprocess);
	rc = ocft_lk_try(CRK_MOD_EXP, CRYPTOCAP_F_HARDWARE | CRYPTOCAP_F_SOFTWARE, "02", 8,
			 v->e, 24, v->n + 2, 504, 504, 3, 1);
	if (rc != 0)	/* 0: some other driver computes it */
		CHECK_EQ(rc, EOPNOTSUPP);
	CHECK_EQ(atomic_read(&ocft_key->nkprocess) - nk0, 1);
	WRITE_ONCE(ocft_key->krefuse, false);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

const struct ocft_case ocft_cases_lxkey[] = {
	{ "linux_keying_registered", t_lk_registered },
	{ "linux_keying_mod_exp", t_lk_mod_exp },
	{ "linux_keying_mod_exp_plain", t_lk_mod_exp_plain },
	{ "linux_keying_errors", t_lk_mod_exp_errors },
	{ "linux_keying_dh_group14", t_lk_dh },
	{ "linux_keying_fall_through", t_lk_fall_through },
};

const unsigned int ocft_ncases_lxkey = ARRAY_SIZE(ocft_cases_lxkey);
