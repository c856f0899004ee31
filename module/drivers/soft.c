// SPDX-License-Identifier: GPL-2.0-only
/*
 * opencrypto_soft: the framework's own software driver, for algorithms of
 * crypto(9) that Debian's kernels do not offer through the crypto API:
 * ARC4 (never built by Debian), NULL_HMAC, BLAKE2b (soft_blake2b.c) and
 * Skipjack (soft_skipjack.c, here in CBC mode), written from their
 * definitions; BLAKE2s and Poly1305 on the kernel's libraries (whose crypto
 * API algorithms some kernels dropped); the KPDK keyed hashes on the
 * kernel's MD5 and SHA-1 (soft_kpdk.c). Synchronous, software.
 */
#include <crypto/blake2s.h>
#include <crypto/hash.h>
#include <crypto/poly1305.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "soft.h"

static struct crypto_device ocf_soft_dev;
static s32 ocf_soft_id = -1;

static const int ocf_soft_algs[] = {
	CRYPTO_ARC4, CRYPTO_NULL_HMAC, CRYPTO_BLAKE2S, CRYPTO_POLY1305,
	CRYPTO_BLAKE2B, CRYPTO_MD5_KPDK, CRYPTO_SHA1_KPDK, CRYPTO_SKIPJACK_CBC,
};

/*
 * Per-session memory: the kernel hashes the session's KPDK algorithms run
 * on, allocated by newsession (process() must not sleep). Nothing else of
 * the driver keeps state between requests.
 */
struct ocf_soft_session {
	struct crypto_shash *md5_kpdk;
	struct crypto_shash *sha1_kpdk;
};

static struct crypto_shash **ocf_soft_kpdk_tfm(struct ocf_soft_session *ss, int alg)
{
	return alg == CRYPTO_MD5_KPDK ? &ss->md5_kpdk : &ss->sha1_kpdk;
}

#define OCF_SOFT_CHUNK 256

/* ARC4: the key schedule, then the keystream XORed over the range. */
static int ocf_soft_arc4(struct cryptop *crp, const struct cryptodesc *crd,
			 const u8 *key, int klen)
{
	u8 s[256], buf[OCF_SOFT_CHUNK], t;
	struct crypto_cursor in, out;
	unsigned int i, j, n, off;
	int err = 0;

	if (klen < 1 || klen > 256)
		return EINVAL;
	for (i = 0; i < 256; i++)
		s[i] = i;
	for (i = 0, j = 0; i < 256; i++) {
		j = (j + s[i] + key[i % klen]) & 0xff;
		t = s[i];
		s[i] = s[j];
		s[j] = t;
	}
	i = 0;
	j = 0;
	crypto_cursor_init(&in, crp, crd->crd_skip);
	crypto_cursor_init(&out, crp, crd->crd_skip);
	for (off = 0; off < crd->crd_len && !err; off += n) {
		unsigned int k;

		n = min_t(unsigned int, sizeof(buf), crd->crd_len - off);
		err = crypto_cursor_copydata(&in, n, buf);
		for (k = 0; k < n && !err; k++) {
			i = (i + 1) & 0xff;
			j = (j + s[i]) & 0xff;
			t = s[i];
			s[i] = s[j];
			s[j] = t;
			buf[k] ^= s[(s[i] + s[j]) & 0xff];
		}
		if (!err)
			err = crypto_cursor_copyback(&out, n, buf);
	}
	memzero_explicit(s, sizeof(s));
	memzero_explicit(buf, sizeof(buf));
	return err;
}

/* Skipjack in CBC mode over the range; the IV by the crypto(9) rules. */
static int ocf_soft_skipjack_cbc(struct cryptop *crp, const struct cryptodesc *crd,
				 const u8 *key, int klen)
{
	u8 buf[OCF_SOFT_CHUNK], iv[OCF_SKIPJACK_BLOCK_SIZE], c[OCF_SKIPJACK_BLOCK_SIZE];
	bool encrypt = crd->crd_flags & CRD_F_ENCRYPT;
	struct crypto_cursor in, out;
	unsigned int n, off, k, j;
	int err;

	if (klen != OCF_SKIPJACK_KEY_SIZE || crd->crd_len < 0 ||
	    crd->crd_len % OCF_SKIPJACK_BLOCK_SIZE)
		return EINVAL;
	err = crypto_desc_iv(crp, crd, iv, sizeof(iv));
	crypto_cursor_init(&in, crp, crd->crd_skip);
	crypto_cursor_init(&out, crp, crd->crd_skip);
	for (off = 0; off < crd->crd_len && !err; off += n) {
		n = min_t(unsigned int, sizeof(buf), crd->crd_len - off);
		err = crypto_cursor_copydata(&in, n, buf);
		if (err)
			break;
		for (k = 0; k < n; k += OCF_SKIPJACK_BLOCK_SIZE) {
			u8 *b = buf + k;

			if (encrypt) {
				for (j = 0; j < OCF_SKIPJACK_BLOCK_SIZE; j++)
					b[j] ^= iv[j];
				ocf_skipjack_encrypt(key, b);
				memcpy(iv, b, sizeof(iv));
			} else {
				memcpy(c, b, sizeof(c));
				ocf_skipjack_decrypt(key, b);
				for (j = 0; j < OCF_SKIPJACK_BLOCK_SIZE; j++)
					b[j] ^= iv[j];
				memcpy(iv, c, sizeof(iv));
			}
		}
		err = crypto_cursor_copyback(&out, n, buf);
	}
	memzero_explicit(buf, sizeof(buf));
	memzero_explicit(iv, sizeof(iv));
	memzero_explicit(c, sizeof(c));
	return err;
}

/* BLAKE2s, BLAKE2b (keyed when the session has a key) or Poly1305 over the range. */
static int ocf_soft_mac(struct cryptop *crp, const struct cryptodesc *crd,
			const u8 *key, int klen)
{
	u8 buf[OCF_SOFT_CHUNK], mac[OCF_BLAKE2B_HASH_SIZE];
	union {
		struct ocf_blake2s_state b2;
		struct ocf_blake2b_state b2b;
		struct poly1305_desc_ctx p;
	} *ctx;
	struct crypto_cursor in;
	unsigned int n, off, maclen;
	int err = 0;

	if (crd->crd_alg == CRYPTO_NULL_HMAC) {
		memset(mac, 0, 12);	/* the null MAC: 12 zero bytes */
		return crypto_mac_result(crp, crd, mac, 12);
	}
	ctx = kmalloc(sizeof(*ctx), GFP_ATOMIC);
	if (!ctx)
		return ENOMEM;
	if (crd->crd_alg == CRYPTO_BLAKE2S) {
		if (klen > BLAKE2S_KEY_SIZE) {
			kfree(ctx);
			return EINVAL;
		}
		if (klen)
			blake2s_init_key(&ctx->b2, BLAKE2S_HASH_SIZE, key, klen);
		else
			blake2s_init(&ctx->b2, BLAKE2S_HASH_SIZE);
		maclen = BLAKE2S_HASH_SIZE;
	} else if (crd->crd_alg == CRYPTO_BLAKE2B) {
		if (klen > OCF_BLAKE2B_KEY_SIZE) {
			kfree(ctx);
			return EINVAL;
		}
		ocf_blake2b_init(&ctx->b2b, OCF_BLAKE2B_HASH_SIZE, key, klen);
		maclen = OCF_BLAKE2B_HASH_SIZE;
	} else {
		if (klen != POLY1305_KEY_SIZE) {
			kfree(ctx);
			return EINVAL;
		}
		poly1305_init(&ctx->p, key);
		maclen = POLY1305_DIGEST_SIZE;
	}
	crypto_cursor_init(&in, crp, crd->crd_skip);
	for (off = 0; off < crd->crd_len && !err; off += n) {
		n = min_t(unsigned int, sizeof(buf), crd->crd_len - off);
		err = crypto_cursor_copydata(&in, n, buf);
		if (err)
			break;
		if (crd->crd_alg == CRYPTO_BLAKE2S)
			blake2s_update(&ctx->b2, buf, n);
		else if (crd->crd_alg == CRYPTO_BLAKE2B)
			ocf_blake2b_update(&ctx->b2b, buf, n);
		else
			poly1305_update(&ctx->p, buf, n);
	}
	if (crd->crd_alg == CRYPTO_BLAKE2S)
		blake2s_final(&ctx->b2, mac);
	else if (crd->crd_alg == CRYPTO_BLAKE2B)
		ocf_blake2b_final(&ctx->b2b, mac);
	else
		poly1305_final(&ctx->p, mac);
	kfree_sensitive(ctx);
	if (!err)
		err = crypto_mac_result(crp, crd, mac, maclen);
	memzero_explicit(mac, sizeof(mac));
	memzero_explicit(buf, min_t(unsigned int, sizeof(buf), crd->crd_len));
	return err;
}

static int ocf_soft_process(struct crypto_device *dev, struct cryptop *crp, int hint)
{
	struct ocf_soft_session *ss = crypto_get_driver_session(crp->crp_session);
	struct crypto_shash *tfm;
	struct cryptodesc *crd;
	const u8 *key;
	int klen, err = 0;

	for (crd = crp->crp_desc; crd && !err; crd = crd->crd_next) {
		err = crypto_desc_key(crp->crp_session, crd, &key, &klen);
		if (err)
			break;
		if (klen % 8) {		/* an explicit key of a partial byte */
			err = EINVAL;
			break;
		}
		switch (crd->crd_alg) {
		case CRYPTO_ARC4:
			err = ocf_soft_arc4(crp, crd, key, klen / 8);
			break;
		case CRYPTO_SKIPJACK_CBC:
			err = ocf_soft_skipjack_cbc(crp, crd, key, klen / 8);
			break;
		case CRYPTO_MD5_KPDK:
		case CRYPTO_SHA1_KPDK:
			tfm = ss ? *ocf_soft_kpdk_tfm(ss, crd->crd_alg) : NULL;
			err = tfm ? ocf_kpdk(crp, crd, tfm, key, klen / 8) : EINVAL;
			break;
		case CRYPTO_NULL_HMAC:
		case CRYPTO_BLAKE2S:
		case CRYPTO_BLAKE2B:
		case CRYPTO_POLY1305:
			err = ocf_soft_mac(crp, crd, key, klen / 8);
			break;
		default:	/* not registered: the framework sends none */
			err = EINVAL;
			break;
		}
	}
	crp->crp_etype = err;
	crypto_done(crp);
	return 0;
}

static void ocf_soft_freesession(struct crypto_device *dev, crypto_session_t cses)
{
	struct ocf_soft_session *ss = crypto_get_driver_session(cses);

	if (ss->md5_kpdk)
		crypto_free_shash(ss->md5_kpdk);
	if (ss->sha1_kpdk)
		crypto_free_shash(ss->sha1_kpdk);
	ss->md5_kpdk = NULL;
	ss->sha1_kpdk = NULL;
}

/* The kernel hash of each KPDK algorithm of the session: may sleep here only. */
static int ocf_soft_newsession(struct crypto_device *dev, crypto_session_t cses,
			       const struct cryptoini *cri)
{
	struct ocf_soft_session *ss = crypto_get_driver_session(cses);
	struct crypto_shash *tfm;

	for (; cri; cri = cri->cri_next) {
		if (cri->cri_alg != CRYPTO_MD5_KPDK && cri->cri_alg != CRYPTO_SHA1_KPDK)
			continue;
		tfm = ocf_kpdk_alloc(cri->cri_alg);
		if (IS_ERR(tfm)) {
			ocf_soft_freesession(dev, cses);
			return PTR_ERR(tfm) == -ENOENT ? EOPNOTSUPP : -PTR_ERR(tfm);
		}
		*ocf_soft_kpdk_tfm(ss, cri->cri_alg) = tfm;
	}
	return 0;
}

static const struct crypto_driver_methods ocf_soft_methods = {
	.newsession = ocf_soft_newsession,
	.freesession = ocf_soft_freesession,
	.process = ocf_soft_process,
};

/**
 * ocf_soft_init() - register the framework's own software driver
 *
 * Context: process.
 * Return: 0, or -ENOMEM when it cannot get a driver id.
 */
int ocf_soft_init(void)
{
	unsigned int i;

	ocf_soft_dev.name = "opencrypto_soft";
	ocf_soft_dev.methods = &ocf_soft_methods;
	ocf_soft_id = crypto_get_driverid(&ocf_soft_dev, sizeof(struct ocf_soft_session),
					  CRYPTOCAP_F_SOFTWARE | CRYPTOCAP_F_SYNC);
	if (ocf_soft_id < 0)
		return -ENOMEM;
	for (i = 0; i < ARRAY_SIZE(ocf_soft_algs); i++)
		crypto_register(ocf_soft_id, ocf_soft_algs[i], 0, 0);
	return 0;
}

void ocf_soft_exit(void)
{
	if (ocf_soft_id >= 0)
		crypto_unregister_all(ocf_soft_id);
	ocf_soft_id = -1;
}
