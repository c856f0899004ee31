// SPDX-License-Identifier: GPL-2.0-only
/*
 * Which Linux crypto API algorithm serves each opencrypto algorithm, and by
 * which template an implementation of the underlying primitive (an "aes"
 * cipher, a "sha256" hash) becomes one (cbc(...), hmac(...)).
 */
#include "linux.h"

#define SK(a, n, t, i) { a, OCF_LX_SKCIPHER, n, t "(%s)", i, CRYPTO_ALG_TYPE_CIPHER }
#define SKD(a, n) { a, OCF_LX_SKCIPHER, n, NULL, NULL, 0 }
#define HASH(a, n) { a, OCF_LX_HASH, n, NULL, NULL, 0 }
#define HMAC(a, n, i) { a, OCF_LX_HMAC, n, "hmac(%s)", i, CRYPTO_ALG_TYPE_HASH }

const struct ocf_lx_map ocf_lx_maps[] = {
	SK(CRYPTO_AES_CBC, "cbc(aes)", "cbc", "aes"),
	SK(CRYPTO_AES_ECB, "ecb(aes)", "ecb", "aes"),
	SK(CRYPTO_AES_CTR, "ctr(aes)", "ctr", "aes"),
	/* xts takes an ecb skcipher; named after it, the instance is found again */
	{ CRYPTO_AES_XTS, OCF_LX_SKCIPHER, "xts(aes)", "xts(ecb(%s))", "aes",
	  CRYPTO_ALG_TYPE_CIPHER },
	SK(CRYPTO_DES_CBC, "cbc(des)", "cbc", "des"),
	SK(CRYPTO_3DES_CBC, "cbc(des3_ede)", "cbc", "des3_ede"),
	SK(CRYPTO_BLF_CBC, "cbc(blowfish)", "cbc", "blowfish"),
	SK(CRYPTO_CAST_CBC, "cbc(cast5)", "cbc", "cast5"),
	SK(CRYPTO_CAMELLIA_CBC, "cbc(camellia)", "cbc", "camellia"),
	SKD(CRYPTO_NULL, "ecb(cipher_null)"),
	SKD(CRYPTO_CHACHA20, "chacha20"),
	/* AEAD: found as instances only (their driver names nest deeply) */
	{ CRYPTO_AES_GCM, OCF_LX_AEAD, "gcm(aes)", NULL, NULL, 0 },
	{ CRYPTO_AES_CCM_16, OCF_LX_AEAD, "ccm(aes)", NULL, NULL, 0 },
	{ CRYPTO_CHACHA20_POLY1305, OCF_LX_AEAD, "rfc7539(chacha20,poly1305)", NULL, NULL, 0 },
	/*
	 * GMAC and CCM's CBC-MAC: the AEAD's tag with all the data as
	 * associated data and an empty payload
	 */
	{ CRYPTO_AES_NIST_GMAC, OCF_LX_GMAC, "gcm(aes)", NULL, NULL, 0 },
	{ CRYPTO_AES_128_NIST_GMAC, OCF_LX_GMAC, "gcm(aes)", NULL, NULL, 0 },
	{ CRYPTO_AES_192_NIST_GMAC, OCF_LX_GMAC, "gcm(aes)", NULL, NULL, 0 },
	{ CRYPTO_AES_256_NIST_GMAC, OCF_LX_GMAC, "gcm(aes)", NULL, NULL, 0 },
	{ CRYPTO_AES_CCM_CBC_MAC, OCF_LX_GMAC, "ccm(aes)", NULL, NULL, 0 },
	/* raw deflate, as in the BSDs */
	{ CRYPTO_DEFLATE_COMP, OCF_LX_COMP, "deflate", NULL, NULL, 0 },
	HASH(CRYPTO_MD5, "md5"),
	HASH(CRYPTO_SHA1, "sha1"),
	HASH(CRYPTO_SHA2_224, "sha224"),
	HASH(CRYPTO_SHA2_256, "sha256"),
	HASH(CRYPTO_SHA2_384, "sha384"),
	HASH(CRYPTO_SHA2_512, "sha512"),
	HASH(CRYPTO_RIPEMD160, "rmd160"),
	HMAC(CRYPTO_MD5_HMAC, "hmac(md5)", "md5"),
	HMAC(CRYPTO_SHA1_HMAC, "hmac(sha1)", "sha1"),
	HMAC(CRYPTO_SHA2_224_HMAC, "hmac(sha224)", "sha224"),
	HMAC(CRYPTO_SHA2_256_HMAC, "hmac(sha256)", "sha256"),
	HMAC(CRYPTO_SHA2_384_HMAC, "hmac(sha384)", "sha384"),
	HMAC(CRYPTO_SHA2_512_HMAC, "hmac(sha512)", "sha512"),
	HMAC(CRYPTO_RIPEMD160_HMAC, "hmac(rmd160)", "rmd160"),
};

const unsigned int ocf_lx_nmaps = ARRAY_SIZE(ocf_lx_maps);

const struct ocf_lx_map *ocf_lx_map_get(int alg)
{
	unsigned int i;

	for (i = 0; i < ocf_lx_nmaps; i++)
		if (ocf_lx_maps[i].alg == alg)
			return &ocf_lx_maps[i];
	return NULL;
}
