/* SPDX-License-Identifier: GPL-2.0-only WITH Linux-syscall-note */
/*
 * <crypto/cryptodev.h>: the /dev/crypto ioctl interface.
 *
 * Binary compatible with cryptodev-linux (same ioctl numbers, structure
 * layouts and algorithm numbers), so that programs built against its header
 * compile and run unchanged; the algorithm numbers are also those of the
 * in-kernel opencrypto API (<opencrypto/crypto.h>). Algorithms that
 * cryptodev-linux does not define use numbers from 200 up, which collide
 * with nothing it or its known forks use.
 */
#ifndef _UAPI_CRYPTO_CRYPTODEV_H
#define _UAPI_CRYPTO_CRYPTODEV_H

#include <linux/ioctl.h>
#include <linux/types.h>

#ifndef __KERNEL__
#ifndef __user
#define __user
#endif
#endif

/* Largest keys the interface accepts, in bytes. */
#define CRYPTO_HMAC_MAX_KEY_LEN		512
#define CRYPTO_CIPHER_MAX_KEY_LEN	64

/*
 * Algorithms. Note: no CRYPTO_ALGORITHM_MIN on purpose; OpenSSL's devcrypto
 * engine drops algorithms when it is defined.
 */
enum cryptodev_crypto_op_t {
	CRYPTO_DES_CBC = 1,
	CRYPTO_3DES_CBC = 2,
	CRYPTO_BLF_CBC = 3,
	CRYPTO_CAST_CBC = 4,
	CRYPTO_SKIPJACK_CBC = 5,
	CRYPTO_MD5_HMAC = 6,
	CRYPTO_SHA1_HMAC = 7,
	CRYPTO_RIPEMD160_HMAC = 8,
	CRYPTO_MD5_KPDK = 9,
	CRYPTO_SHA1_KPDK = 10,
	CRYPTO_RIJNDAEL128_CBC = 11,
	CRYPTO_AES_CBC = CRYPTO_RIJNDAEL128_CBC,
	CRYPTO_ARC4 = 12,
	CRYPTO_MD5 = 13,
	CRYPTO_SHA1 = 14,
	CRYPTO_DEFLATE_COMP = 15,
	CRYPTO_NULL = 16,
	CRYPTO_LZS_COMP = 17,
	CRYPTO_SHA2_256_HMAC = 18,
	CRYPTO_SHA2_384_HMAC = 19,
	CRYPTO_SHA2_512_HMAC = 20,
	CRYPTO_AES_CTR = 21,
	CRYPTO_AES_XTS = 22,
	CRYPTO_AES_ECB = 23,
	CRYPTO_AES_GCM = 50,

	CRYPTO_CAMELLIA_CBC = 101,
	CRYPTO_RIPEMD160 = 102,
	CRYPTO_SHA2_224 = 103,
	CRYPTO_SHA2_256 = 104,
	CRYPTO_SHA2_384 = 105,
	CRYPTO_SHA2_512 = 106,
	CRYPTO_SHA2_224_HMAC = 107,
	CRYPTO_TLS11_AES_CBC_HMAC_SHA1 = 108,
	CRYPTO_TLS12_AES_CBC_HMAC_SHA256 = 109,

	/* opencrypto algorithms that cryptodev-linux lacks */
	CRYPTO_NULL_HMAC = 200,
	CRYPTO_AES_NIST_GMAC = 201,	/* GMAC, key length from the key */
	CRYPTO_AES_128_NIST_GMAC = 202,
	CRYPTO_AES_192_NIST_GMAC = 203,
	CRYPTO_AES_256_NIST_GMAC = 204,
	CRYPTO_AES_CCM_16 = 205,	/* AES-CCM, 16-byte tag */
	CRYPTO_AES_CCM_CBC_MAC = 206,
	CRYPTO_BLAKE2B = 207,
	CRYPTO_BLAKE2S = 208,
	CRYPTO_CHACHA20 = 209,
	CRYPTO_POLY1305 = 210,
	CRYPTO_CHACHA20_POLY1305 = 211,

	CRYPTO_ALGORITHM_ALL,	/* one past the last; keep last */
};

#define CRYPTO_ALGORITHM_MAX	(CRYPTO_ALGORITHM_ALL - 1)

/* The opencrypto names of algorithms that cryptodev-linux names otherwise. */
#define CRYPTO_NULL_CBC		CRYPTO_NULL
#define CRYPTO_AES_ICM		CRYPTO_AES_CTR	/* 128-bit counter, big endian */
#define CRYPTO_AES_NIST_GCM_16	CRYPTO_AES_GCM

/* Block sizes */
#define DES_BLOCK_LEN		8
#define DES3_BLOCK_LEN		8
#define RIJNDAEL128_BLOCK_LEN	16
#define AES_BLOCK_LEN		RIJNDAEL128_BLOCK_LEN
#define CAMELLIA_BLOCK_LEN	16
#define BLOWFISH_BLOCK_LEN	8
#define SKIPJACK_BLOCK_LEN	8
#define CAST128_BLOCK_LEN	8
#define EALG_MAX_BLOCK_LEN	16	/* the largest of the above */

#define AALG_MAX_RESULT_LEN	64	/* largest hash or MAC */
#define CRYPTODEV_MAX_ALG_NAME	64	/* of the Linux algorithm names */
#define HASH_MAX_LEN		64

/* Keying (asymmetric) operations and their CIOCASYMFEAT bits */
enum cryptodev_crk_op_t {
	CRK_MOD_EXP = 0,
	CRK_MOD_EXP_CRT = 1,
	CRK_DSA_SIGN = 2,
	CRK_DSA_VERIFY = 3,
	CRK_DH_COMPUTE_KEY = 4,
	CRK_ALGORITHM_ALL
};

#define CRK_ALGORITHM_MAX	(CRK_ALGORITHM_ALL - 1)

#define CRF_MOD_EXP		(1 << CRK_MOD_EXP)
#define CRF_MOD_EXP_CRT		(1 << CRK_MOD_EXP_CRT)
#define CRF_DSA_SIGN		(1 << CRK_DSA_SIGN)
#define CRF_DSA_VERIFY		(1 << CRK_DSA_VERIFY)
#define CRF_DH_COMPUTE_KEY	(1 << CRK_DH_COMPUTE_KEY)

#define CRK_MAXPARAM		8

#endif /* _UAPI_CRYPTO_CRYPTODEV_H */
