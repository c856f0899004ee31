// SPDX-License-Identifier: GPL-2.0-only
/*
 * What the framework knows of each algorithm: its kind, block, IV and MAC
 * sizes and key lengths, to validate sessions and to calibrate drivers.
 */
#include <linux/kernel.h>

#include "internal.h"

#define CIPHER(id, n, blk, iv, kmin, kmax, kcal) \
	[id] = { n, OCF_ALG_CIPHER, blk, iv, 0, kmin, kmax, kcal }
#define HASH(id, n, len) \
	[id] = { n, OCF_ALG_HASH, 1, 0, len, 0, 0, 0 }
#define KHASH(id, n, len, kmin, kmax, kcal) \
	[id] = { n, OCF_ALG_HASH, 1, 0, len, kmin, kmax, kcal }
#define MAC(id, n, len, iv, kmin, kmax, kcal) \
	[id] = { n, OCF_ALG_MAC, 1, iv, len, kmin, kmax, kcal }
#define AEAD(id, n, blk, iv, len, kmin, kmax, kcal) \
	[id] = { n, OCF_ALG_AEAD, blk, iv, len, kmin, kmax, kcal }
#define COMP(id, n) \
	[id] = { n, OCF_ALG_COMP, 1, 0, 0, 0, 0, 0 }

static const struct ocf_alg ocf_algs[CRYPTO_ALGORITHM_ALL] = {
	CIPHER(CRYPTO_DES_CBC, "des-cbc", 8, 8, 8, 8, 8),
	CIPHER(CRYPTO_3DES_CBC, "3des-cbc", 8, 8, 24, 24, 24),
	CIPHER(CRYPTO_BLF_CBC, "blowfish-cbc", 8, 8, 4, 56, 16),
	CIPHER(CRYPTO_CAST_CBC, "cast128-cbc", 8, 8, 5, 16, 16),
	CIPHER(CRYPTO_SKIPJACK_CBC, "skipjack-cbc", 8, 8, 10, 10, 10),
	MAC(CRYPTO_MD5_HMAC, "hmac-md5", 16, 0, 0, CRYPTO_HMAC_MAX_KEY_LEN, 16),
	MAC(CRYPTO_SHA1_HMAC, "hmac-sha1", 20, 0, 0, CRYPTO_HMAC_MAX_KEY_LEN, 20),
	MAC(CRYPTO_RIPEMD160_HMAC, "hmac-ripemd160", 20, 0, 0, CRYPTO_HMAC_MAX_KEY_LEN, 20),
	MAC(CRYPTO_MD5_KPDK, "md5-kpdk", 16, 0, 0, CRYPTO_HMAC_MAX_KEY_LEN, 16),
	MAC(CRYPTO_SHA1_KPDK, "sha1-kpdk", 20, 0, 0, CRYPTO_HMAC_MAX_KEY_LEN, 20),
	CIPHER(CRYPTO_AES_CBC, "aes-cbc", 16, 16, 16, 32, 16),
	CIPHER(CRYPTO_ARC4, "arc4", 1, 0, 1, 256, 16),
	HASH(CRYPTO_MD5, "md5", 16),
	HASH(CRYPTO_SHA1, "sha1", 20),
	COMP(CRYPTO_DEFLATE_COMP, "deflate"),
	CIPHER(CRYPTO_NULL, "null-cbc", 1, 0, 0, 256, 0),
	COMP(CRYPTO_LZS_COMP, "lzs"),
	MAC(CRYPTO_SHA2_256_HMAC, "hmac-sha256", 32, 0, 0, CRYPTO_HMAC_MAX_KEY_LEN, 32),
	MAC(CRYPTO_SHA2_384_HMAC, "hmac-sha384", 48, 0, 0, CRYPTO_HMAC_MAX_KEY_LEN, 48),
	MAC(CRYPTO_SHA2_512_HMAC, "hmac-sha512", 64, 0, 0, CRYPTO_HMAC_MAX_KEY_LEN, 64),
	CIPHER(CRYPTO_AES_CTR, "aes-ctr", 1, 16, 16, 32, 16),
	CIPHER(CRYPTO_AES_XTS, "aes-xts", 16, 16, 32, 64, 32),
	CIPHER(CRYPTO_AES_ECB, "aes-ecb", 16, 0, 16, 32, 16),
	AEAD(CRYPTO_AES_GCM, "aes-gcm", 1, 12, 16, 16, 32, 16),
	CIPHER(CRYPTO_CAMELLIA_CBC, "camellia-cbc", 16, 16, 16, 32, 16),
	HASH(CRYPTO_RIPEMD160, "ripemd160", 20),
	HASH(CRYPTO_SHA2_224, "sha224", 28),
	HASH(CRYPTO_SHA2_256, "sha256", 32),
	HASH(CRYPTO_SHA2_384, "sha384", 48),
	HASH(CRYPTO_SHA2_512, "sha512", 64),
	MAC(CRYPTO_SHA2_224_HMAC, "hmac-sha224", 28, 0, 0, CRYPTO_HMAC_MAX_KEY_LEN, 28),
	AEAD(CRYPTO_TLS11_AES_CBC_HMAC_SHA1, "tls11-aes-cbc-hmac-sha1", 16, 16, 20, 16, 32, 16),
	AEAD(CRYPTO_TLS12_AES_CBC_HMAC_SHA256, "tls12-aes-cbc-hmac-sha256", 16, 16, 32, 16, 32, 16),
	MAC(CRYPTO_NULL_HMAC, "null-hmac", 12, 0, 0, 256, 0),
	MAC(CRYPTO_AES_NIST_GMAC, "aes-gmac", 16, 12, 16, 32, 16),
	MAC(CRYPTO_AES_128_NIST_GMAC, "aes128-gmac", 16, 12, 16, 16, 16),
	MAC(CRYPTO_AES_192_NIST_GMAC, "aes192-gmac", 16, 12, 24, 24, 24),
	MAC(CRYPTO_AES_256_NIST_GMAC, "aes256-gmac", 16, 12, 32, 32, 32),
	AEAD(CRYPTO_AES_CCM_16, "aes-ccm", 1, 12, 16, 16, 32, 16),
	MAC(CRYPTO_AES_CCM_CBC_MAC, "aes-cbc-mac", 16, 12, 16, 32, 16),
	KHASH(CRYPTO_BLAKE2B, "blake2b", 64, 0, 64, 0),
	KHASH(CRYPTO_BLAKE2S, "blake2s", 32, 0, 32, 0),
	CIPHER(CRYPTO_CHACHA20, "chacha20", 1, 16, 32, 32, 32),
	MAC(CRYPTO_POLY1305, "poly1305", 16, 0, 32, 32, 32),
	AEAD(CRYPTO_CHACHA20_POLY1305, "chacha20-poly1305", 1, 12, 16, 32, 32, 32),
};

/**
 * ocf_alg_get() - what the framework knows of an algorithm
 * @alg: CRYPTO_* number
 *
 * Return: its description, or NULL for a number that names no algorithm.
 */
const struct ocf_alg *ocf_alg_get(int alg)
{
	if (alg <= 0 || alg >= CRYPTO_ALGORITHM_ALL || !ocf_algs[alg].name)
		return NULL;
	return &ocf_algs[alg];
}

/**
 * ocf_alg_key_ok() - is a key of @klen bits at @key one @a takes?
 * @a: the algorithm
 * @klen: the key's length in bits (a whole number of bytes)
 * @key: the key, needed when @klen is not 0
 *
 * For a session's keys and a request's own keys alike.
 *
 * Return: true when the length is in the algorithm's range.
 */
bool ocf_alg_key_ok(const struct ocf_alg *a, int klen, const void *key)
{
	int bytes = klen / 8;

	if (klen < 0 || klen % 8 || (bytes && !key))
		return false;
	return bytes <= max_t(int, a->max_key, 0) && (!a->min_key || bytes >= a->min_key);
}

/**
 * crypto_alg_params() - what the framework knows of an algorithm
 * @alg: CRYPTO_* number
 * @p: filled in
 *
 * For consumers that validate requests before building them (/dev/crypto).
 *
 * Context: any.
 * Return: 0, or EINVAL when @alg names no algorithm.
 */
int crypto_alg_params(int alg, struct crypto_alg_params *p)
{
	const struct ocf_alg *a = ocf_alg_get(alg);

	if (!a)
		return EINVAL;
	p->name = a->name;
	p->cls = (enum crypto_alg_class)a->type;
	p->blocksize = a->blocksize;
	p->ivlen = a->ivlen;
	p->maclen = a->maclen;
	p->min_key = a->min_key;
	p->max_key = a->max_key;
	return 0;
}
EXPORT_SYMBOL_OCF(crypto_alg_params);

bool ocf_kalg_valid(int kalg)
{
	return kalg >= 0 && kalg < CRK_ALGORITHM_ALL;
}
