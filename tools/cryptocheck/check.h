/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What tools/cryptocheck and selftests/cryptodev_openssl share: the table of
 * algorithms that both /dev/crypto and OpenSSL have, OpenSSL's answers, and
 * one comparison of an algorithm on one driver over a list of sizes.
 */
#ifndef OPENCRYPTO_CRYPTOCHECK_CHECK_H
#define OPENCRYPTO_CRYPTOCHECK_CHECK_H

#include <stdint.h>

enum cc_kind { CC_CIPHER, CC_HASH, CC_HMAC, CC_AEAD, CC_GMAC, CC_EVPMAC };

struct cc_alg {
	const char *name;	/* OpenSSL's name, e.g. "aes-128-cbc", "hmac-sha256" */
	enum cc_kind kind;
	int id;			/* CRYPTO_* */
	const char *evp;	/* EVP cipher or digest; NULL: a low-level cipher */
	int klen, ivlen, blk;
};

extern const struct cc_alg cc_algs[];
extern const unsigned int cc_nalgs;

/* Largest size cc_check() takes (its buffers), and the XTS limit. */
#define CC_MAXLEN	(1U << 20)
#define CC_XTS_MAXLEN	(65536U + 3)

/* The algorithm of that name (case does not matter), or NULL. */
const struct cc_alg *cc_find(const char *name);

/* OpenSSL's answer for a cipher, without padding; 1 on success. */
int cc_ref_cipher(const struct cc_alg *a, int enc, const unsigned char *key,
		  const unsigned char *iv, const unsigned char *src,
		  unsigned char *dst, unsigned int len);

/* OpenSSL's AEAD (GCM, CCM, ChaCha20-Poly1305) encryption and 16-byte tag. */
int cc_ref_aead(const struct cc_alg *a, const unsigned char *key, const unsigned char *iv,
		const unsigned char *aad, unsigned int alen, const unsigned char *src,
		unsigned char *dst, unsigned int len, unsigned char *tag);

/* The length a cipher is run on for @len: @len, rounded down, or 0 to skip. */
unsigned int cc_cipher_len(const struct cc_alg *a, unsigned int len);

/*
 * Open a session for @a on driver @crid (CIOCGSESSION2; -1: CIOCGSESSION,
 * the device's choice) with a random key, compare it with OpenSSL on every
 * size of @sizes, close it. Returns 1 when all matched, 0 on a difference or
 * an error, -1 when the session could not be made; @why says what went
 * wrong. @verbose: one line a size on stdout.
 */
int cc_check(int fd, const struct cc_alg *a, int crid, const unsigned int *sizes,
	     unsigned int nsizes, int verbose, char *why, unsigned int whylen);

#endif /* OPENCRYPTO_CRYPTOCHECK_CHECK_H */
