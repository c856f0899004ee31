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
	CRYPTO_842 = 65,	/* cryptodev-linux numbers, not served */
	CRYPTO_LZO = 66,

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

/* Sessions: input of CIOCGSESSION, the session id comes back in @ses. */
struct session_op {
	__u32	cipher;		/* CRYPTO_* cipher or AEAD, 0 for none */
	__u32	mac;		/* CRYPTO_* hash or MAC, 0 for none */
	__u32	compr;		/* CRYPTO_* compression, 0 for none */

	__u32	keylen;		/* bytes */
	__u8	__user *key;
	__u32	mackeylen;	/* bytes */
	__u8	__user *mackey;

	__u32	ses;		/* out: session id, never 0 */
};

/* Extension (FreeBSD's session2_op): choose the driver by @crid. */
struct session2_op {
	__u32	cipher;
	__u32	mac;
	__u32	compr;

	__u32	keylen;
	__u8	__user *key;
	__u32	mackeylen;
	__u8	__user *mackey;

	__u32	ses;		/* out: session id */
	__s32	crid;		/* in: driver id or CRYPTO_FLAG_*; out: the driver */
	__u32	pad[4];		/* must be 0 */
};

/* Driver classes for session2_op.crid, crypt_kop.crk_crid */
#define CRYPTO_FLAG_HARDWARE	0x01000000	/* off-CPU accelerators */
#define CRYPTO_FLAG_SOFTWARE	0x02000000	/* code on the CPU */

/* Input of CIOCGSESSINFO: what serves a session. */
struct session_info_op {
	__u32	ses;		/* session id */

	/* the Linux crypto API names of what runs each part */
	struct alg_info {
		char cra_name[CRYPTODEV_MAX_ALG_NAME];
		char cra_driver_name[CRYPTODEV_MAX_ALG_NAME];
	} cipher_info, hash_info;

	__u16	alignmask;	/* buffer alignment that avoids a copy */
	__u32	flags;		/* SIOP_FLAG_* */
};

/* Some part of the session runs on a hardware (off-CPU) driver. */
#define SIOP_FLAG_KERNEL_DRIVER_ONLY	1

#define COP_ENCRYPT	0
#define COP_DECRYPT	1

/* Input of CIOCCRYPT and CIOCASYNCCRYPT, output of CIOCASYNCFETCH. */
struct crypt_op {
	__u32	ses;		/* session id */
	__u16	op;		/* COP_ENCRYPT or COP_DECRYPT */
	__u16	flags;		/* COP_FLAG_* */
	__u32	len;		/* bytes at src */
	__u32	dlen;		/* compression: room at dst, out: bytes written */
	__u8	__user *src;
	__u8	__user *dst;	/* len bytes (== src: in place) */
	__u8	__user *mac;	/* hash or MAC result */
	__u8	__user *iv;	/* IV, written back with COP_FLAG_WRITE_IV */
};

/* Input of CIOCAUTHCRYPT: AEAD and the TLS/SRTP composite modes. */
struct crypt_auth_op {
	__u32	ses;		/* session id */
	__u16	op;		/* COP_ENCRYPT or COP_DECRYPT */
	__u16	flags;		/* COP_FLAG_AEAD_* */
	__u32	len;		/* bytes at src */
	__u32	auth_len;	/* bytes at auth_src */
	__u8	__user *auth_src; /* authenticated-only data */
	__u8	__user *src;	/* data to encrypt and authenticate */
	/* output; AEAD: room for len + tag, TLS: len + tag + a block */
	__u8	__user *dst;
	__u8	__user *tag;	/* the tag, if not after the data in dst */
	__u32	tag_len;	/* 0: the algorithm's full tag */
	__u8	__user *iv;
	__u32	iv_len;
};

/* struct crypt_op and crypt_auth_op flags */
#define COP_FLAG_NONE		(0 << 0)
#define COP_FLAG_UPDATE		(1 << 0)	/* hash: add data, no result */
#define COP_FLAG_FINAL		(1 << 1)	/* hash: add data, give result */
#define COP_FLAG_WRITE_IV	(1 << 2)	/* write the next IV back */
#define COP_FLAG_NO_ZC		(1 << 3)	/* copy, do not map user pages */
#define COP_FLAG_AEAD_TLS_TYPE	(1 << 4)	/* TLS MAC-then-encrypt + pad */
#define COP_FLAG_AEAD_SRTP_TYPE	(1 << 5)	/* SRTP encrypt-then-MAC */
#define COP_FLAG_RESET		(1 << 6)	/* hash: start over */

/* Keying operations: parameters of CIOCKEY, little-endian big numbers */
#define CRYPTO_ALG_FLAG_SUPPORTED	1
#define CRYPTO_ALG_FLAG_RNG_ENABLE	2
#define CRYPTO_ALG_FLAG_DSA_SHA		4

#define CRK_MAXPARAM	8

/*
 * In the kernel, struct crparam is crypto(9)'s own (kernel pointers), so
 * the user-space layout is named cryptodev_crparam there.
 */
#ifdef __KERNEL__
#define __CRYPTODEV_CRPARAM cryptodev_crparam
#else
#define __CRYPTODEV_CRPARAM crparam
#endif

struct __CRYPTODEV_CRPARAM {
	__u8	__user *crp_p;
	__u32	crp_nbits;	/* length in bits */
};

/* Input of CIOCKEY (and CIOCKEY2, which reads crk_crid). */
struct crypt_kop {
	__u32	crk_op;		/* CRK_* */
	__u32	crk_status;	/* out: 0 or an errno (DSA verify: 0 valid, EBADMSG not) */
	__u16	crk_iparams;	/* input parameters */
	__u16	crk_oparams;	/* output parameters, after the inputs */
	union {
		__u32	crk_pad1;	/* cryptodev-linux's name */
		__s32	crk_crid;	/* CIOCKEY2: driver id or CRYPTO_FLAG_* */
	};
	struct __CRYPTODEV_CRPARAM crk_param[CRK_MAXPARAM];
};

/* Input of CIOCCPHASH: copy hash state from src_ses to dst_ses. */
struct cphash_op {
	__u32	dst_ses;
	__u32	src_ses;
};

/* Extension: CIOCFINDDEV, a driver id from its name or the reverse. */
struct crypt_find_op {
	__s32	crid;		/* in: -1 to look up @name; out: the id */
	/* in, with crid -1: a name, with or without unit; out: the name */
	char	name[32];
};

/* Extension: CIOCGETDRIVER, the drivers one by one with their counters. */
struct crypt_driver_op {
	__u32	index;		/* in: first driver id to look at */
	__s32	crid;		/* out: the driver found (id >= index) */
	char	name[48];	/* out: name and unit, e.g. "virtio_crypto0" */
	__u32	flags;		/* out: CRYPTO_FLAG_HARDWARE or _SOFTWARE */
	__u32	sessions;	/* out: sessions on it now */
	__u64	algs[4];	/* out: bit n set: serves algorithm n (< 256) */
	__u32	kalgs;		/* out: CRF_* bits of its keying operations */
	__u32	pad;
	__u64	ops, errors;	/* out: requests completed, of which failed */
	__u64	kops, kerrors;	/* out: the same for keying operations */
};

/* ioctls, on /dev/crypto ('c' 101-112: cryptodev-linux's numbers) */
#define CRIOGET		_IOWR('c', 101, __u32)
#define CIOCGSESSION	_IOWR('c', 102, struct session_op)
#define CIOCFSESSION	_IOW('c', 103, __u32)
#define CIOCCRYPT	_IOWR('c', 104, struct crypt_op)
#define CIOCKEY		_IOWR('c', 105, struct crypt_kop)
#define CIOCASYMFEAT	_IOR('c', 106, __u32)
#define CIOCGSESSINFO	_IOWR('c', 107, struct session_info_op)
#define CIOCAUTHCRYPT	_IOWR('c', 109, struct crypt_auth_op)
#define CIOCASYNCCRYPT	_IOW('c', 110, struct crypt_op)
#define CIOCASYNCFETCH	_IOR('c', 111, struct crypt_op)
#define CIOCCPHASH	_IOW('c', 112, struct cphash_op)

/* CRIOGET is not needed: /dev/crypto itself takes every ioctl. */
#define CRIOGET_NOT_NEEDED	1

/* Extensions from crypto(4) ('c' 160-163: used by no known variant) */
#define CIOCGSESSION2	_IOWR('c', 160, struct session2_op)
#define CIOCKEY2	_IOWR('c', 161, struct crypt_kop)
#define CIOCFINDDEV	_IOWR('c', 162, struct crypt_find_op)
#define CIOCGETDRIVER	_IOWR('c', 163, struct crypt_driver_op)

#endif /* _UAPI_CRYPTO_CRYPTODEV_H */
