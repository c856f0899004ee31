// SPDX-License-Identifier: GPL-2.0-only
/*
 * The framework's own software driver, opencrypto_soft, beyond the known
 * answers of tests_linux.c: Skipjack-CBC decryption and IVs read from and
 * written to the buffer, per-request keys, a session of both KPDK hashes,
 * and bad input (key and data lengths) refused with EINVAL.
 */
#include <linux/completion.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "ocft.h"

#define OCFT_SOFT_BUF	128
#define SJ		CRYPTO_SKIPJACK_CBC

/*
 * One request on opencrypto_soft: @ilen bytes of @in in a fresh buffer, @d
 * over them, the buffer copied back to @out when not NULL. Returns as
 * ocft_lx_one(), or -ENODEV without the driver.
 */
static int ocft_soft_req(int alg, const u8 *key, int klen, const u8 *in, int ilen,
			 bool sg, const struct cryptodesc *d, u8 *out)
{
	int id = crypto_find_driver("opencrypto_soft");
	u8 *buf;
	int rc;

	if (id < 0)
		return -ENODEV;
	if (ilen > OCFT_SOFT_BUF)
		return -EINVAL;
	buf = kzalloc(OCFT_SOFT_BUF, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	memcpy(buf, in, ilen);
	rc = ocft_lx_one(id, alg, key, klen, buf, ilen, sg, d, NULL);
	if (rc == -ETIMEDOUT)
		return rc;	/* @buf is still the driver's */
	if (out)
		memcpy(out, buf, ilen);
	kfree(buf);
	return rc;
}

struct ocft_sj_vec {
	u8 key[10], iv[8], pt[32], ct[32];
};

/* Skipjack-CBC both ways, the IV explicit, from the buffer or random. */
static bool ocft_soft_sj_modes(const struct ocft_sj_vec *v, bool sg)
{
	struct cryptodesc d = { .crd_len = 32, .crd_flags = CRD_F_IV_EXPLICIT };
	u8 in[40], out[40];
	bool ok = true;

	/* decryption of the four-block vector */
	memcpy(d.crd_iv, v->iv, 8);
	if (CHECK_EQ(ocft_soft_req(SJ, v->key, 10, v->ct, 32, sg, &d, out), 0))
		CHECK(!memcmp(out, v->pt, 32));

	/* encryption, the explicit IV also written after the data */
	d.crd_flags = CRD_F_ENCRYPT | CRD_F_IV_EXPLICIT;
	d.crd_inject = 32;
	memcpy(in, v->pt, 32);
	memset(in + 32, 0, 8);
	if (CHECK_EQ(ocft_soft_req(SJ, v->key, 10, in, 40, sg, &d, out), 0)) {
		CHECK(!memcmp(out, v->ct, 32));
		CHECK(!memcmp(out + 32, v->iv, 8));
	}

	/* decryption, the IV read from the buffer (crd_iv is not it) */
	d.crd_flags = 0;
	memset(d.crd_iv, 0, sizeof(d.crd_iv));
	memcpy(in, v->ct, 32);
	memcpy(in + 32, v->iv, 8);
	if (CHECK_EQ(ocft_soft_req(SJ, v->key, 10, in, 40, sg, &d, out), 0))
		CHECK(!memcmp(out, v->pt, 32));

	/* encryption with a random IV written at crd_inject, then back */
	d.crd_flags = CRD_F_ENCRYPT;
	memcpy(in, v->pt, 32);
	memset(in + 32, 0, 8);
	if (CHECK_EQ(ocft_soft_req(SJ, v->key, 10, in, 40, sg, &d, out), 0)) {
		CHECK(memcmp(out, v->pt, 32));
		CHECK(memchr_inv(out + 32, 0, 8));
		d.crd_flags = 0;
		memcpy(in, out, 40);
		if (CHECK_EQ(ocft_soft_req(SJ, v->key, 10, in, 40, sg, &d, out), 0))
			CHECK(!memcmp(out, v->pt, 32));
	}
	return ok;
}

static int t_soft_skipjack(void)
{
	const int enc = CRD_F_ENCRYPT | CRD_F_IV_EXPLICIT | CRD_F_IV_PRESENT;
	struct cryptodesc d = { .crd_len = 32, .crd_flags = enc };
	static const u8 zero[16];
	struct ocft_sj_vec v;
	u8 out[32];
	bool ok = true;

	if (!CHECK(crypto_find_driver("opencrypto_soft") >= 0))
		return OCFT_FAIL;
	if (!CHECK(!hex2bin(v.key, SKIPJACK_KEY, 10) && !hex2bin(v.iv, SKIPJACK_IV, 8) &&
		   !hex2bin(v.pt, SKIPJACK_PT, 32) && !hex2bin(v.ct, SKIPJACK_CT, 32)))
		return OCFT_FAIL;
	CHECK(ocft_soft_sj_modes(&v, false));
	CHECK(ocft_soft_sj_modes(&v, true));

	/* a per-request key wins over the session's (zero) key */
	memcpy(d.crd_iv, v.iv, 8);
	d.crd_flags = enc | CRD_F_KEY_EXPLICIT;
	d.crd_key = v.key;
	d.crd_klen = 80;
	if (CHECK_EQ(ocft_soft_req(SJ, zero, 10, v.pt, 32, false, &d, out), 0))
		CHECK(!memcmp(out, v.ct, 32));

	/* per-request keys of 72 bits, 81 bits: refused by the driver */
	d.crd_key = (u8 *)zero;
	d.crd_klen = 72;
	CHECK_EQ(ocft_soft_req(SJ, v.key, 10, v.pt, 32, false, &d, NULL), EINVAL);
	d.crd_klen = 81;
	CHECK_EQ(ocft_soft_req(SJ, v.key, 10, v.pt, 32, false, &d, NULL), EINVAL);

	/* session keys of 64 and 128 bits: refused by the framework */
	d.crd_flags = enc;
	CHECK_EQ(ocft_soft_req(SJ, zero, 8, v.pt, 32, false, &d, NULL), 1000 + EINVAL);
	CHECK_EQ(ocft_soft_req(SJ, zero, 16, v.pt, 32, false, &d, NULL), 1000 + EINVAL);

	/* not whole blocks, either way */
	d.crd_len = 12;
	CHECK_EQ(ocft_soft_req(SJ, v.key, 10, v.pt, 32, false, &d, NULL), EINVAL);
	d.crd_flags = CRD_F_IV_EXPLICIT;
	CHECK_EQ(ocft_soft_req(SJ, v.key, 10, v.ct, 32, false, &d, NULL), EINVAL);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/* BLAKE2b keys longer than 64 bytes: refused, by the framework or the driver. */
static int t_soft_blake2b_key(void)
{
	struct cryptodesc d = { .crd_len = 3, .crd_inject = 3 };
	static const u8 key[65];
	u8 in[3 + 64] = "abc";
	bool ok = true;

	if (!CHECK(crypto_find_driver("opencrypto_soft") >= 0))
		return OCFT_FAIL;
	/* the largest key works */
	CHECK_EQ(ocft_soft_req(CRYPTO_BLAKE2B, key, 64, in, sizeof(in), false, &d, NULL), 0);
	CHECK_EQ(ocft_soft_req(CRYPTO_BLAKE2B, key, 65, in, sizeof(in), false, &d, NULL),
		 1000 + EINVAL);
	d.crd_flags = CRD_F_KEY_EXPLICIT;
	d.crd_key = (u8 *)key;
	d.crd_klen = 65 * 8;
	CHECK_EQ(ocft_soft_req(CRYPTO_BLAKE2B, key, 64, in, sizeof(in), false, &d, NULL), EINVAL);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

struct ocft_soft_kpdk_req {
	struct completion done;
	u8 buf[sizeof(KPDK_TEXT) - 1 + 16 + 20];
};

static int ocft_soft_kpdk_cb(struct cryptop *crp)
{
	complete(&((struct ocft_soft_kpdk_req *)crp->crp_opaque)->done);
	return 0;
}

/*
 * A session of MD5_KPDK and SHA1_KPDK on opencrypto_soft (a kernel hash
 * each), one request with both, each result at its place; then MD5_KPDK
 * with a per-request key.
 */
static int t_soft_kpdk(void)
{
	const int len = sizeof(KPDK_TEXT) - 1;
	struct cryptoini cri[2] = {};
	struct ocft_soft_kpdk_req *r;
	u8 k16[16], k20[20], md5[16], sha1[20], in[sizeof(KPDK_TEXT) - 1 + 16];
	struct cryptodesc *d, d1 = {};
	struct cryptop *crp = NULL;
	int id = crypto_find_driver("opencrypto_soft");
	crypto_session_t s;
	bool ok = true;

	if (!CHECK(id >= 0) || !CHECK(!hex2bin(md5, KPDK_MD5_0B16, 16)) ||
	    !CHECK(!hex2bin(sha1, KPDK_SHA1_0B20, 20)))
		return OCFT_FAIL;
	memset(k16, 0x0b, sizeof(k16));
	memset(k20, 0x0b, sizeof(k20));
	cri[0].cri_alg = CRYPTO_MD5_KPDK;
	cri[0].cri_klen = 128;
	cri[0].cri_key = k16;
	cri[0].cri_next = &cri[1];
	cri[1].cri_alg = CRYPTO_SHA1_KPDK;
	cri[1].cri_klen = 160;
	cri[1].cri_key = k20;
	if (!CHECK_EQ(crypto_newsession(&s, cri, id), 0))
		return OCFT_FAIL;
	CHECK_EQ(crypto_session_driver(s, CRYPTO_SHA1_KPDK, 0), id);
	r = kzalloc(sizeof(*r), GFP_KERNEL);
	crp = crypto_getreq(2);
	if (!CHECK(r && crp))
		goto out;
	init_completion(&r->done);
	memcpy(r->buf, KPDK_TEXT, len);
	crp->crp_session = s;
	crp->crp_buf = r->buf;
	crp->crp_ilen = sizeof(r->buf);
	crp->crp_callback = ocft_soft_kpdk_cb;
	crp->crp_opaque = r;
	d = crp->crp_desc;
	d->crd_alg = CRYPTO_MD5_KPDK;
	d->crd_len = len;
	d->crd_inject = len;
	d = d->crd_next;
	d->crd_alg = CRYPTO_SHA1_KPDK;
	d->crd_len = len;
	d->crd_inject = len + 16;
	crypto_dispatch(crp);
	if (!wait_for_completion_timeout(&r->done, OCFT_TIMEOUT)) {
		ocft_diag("KPDK request: no completion");
		return OCFT_FAIL;	/* leak it all: the request is in flight */
	}
	if (CHECK_EQ(crp->crp_etype, 0)) {
		CHECK(!memcmp(r->buf + len, md5, 16));
		CHECK(!memcmp(r->buf + len + 16, sha1, 20));
	}
out:
	crypto_freereq(crp);
	kfree(r);
	CHECK_EQ(crypto_freesession(s), 0);

	/* the vector's key per request, the session's key another */
	memcpy(in, KPDK_TEXT, len);
	d1.crd_len = len;
	d1.crd_inject = len;
	d1.crd_flags = CRD_F_KEY_EXPLICIT;
	d1.crd_key = k16;
	d1.crd_klen = 128;
	if (CHECK_EQ(ocft_soft_req(CRYPTO_MD5_KPDK, k20, 20, in, sizeof(in), true, &d1, in), 0))
		CHECK(!memcmp(in + len, md5, 16));
	return ok ? OCFT_PASS : OCFT_FAIL;
}

const struct ocft_case ocft_cases_soft[] = {
	{ "soft_driver_blake2b_key_length", t_soft_blake2b_key },
	{ "soft_driver_kpdk_session_and_keys", t_soft_kpdk },
	{ "soft_driver_skipjack_cbc", t_soft_skipjack },
};

const unsigned int ocft_ncases_soft = ARRAY_SIZE(ocft_cases_soft);
