/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The framework's own software driver (module/drivers/soft.c) and the
 * algorithms it computes itself (soft_*.c).
 */
#ifndef OPENCRYPTO_DRIVERS_SOFT_H
#define OPENCRYPTO_DRIVERS_SOFT_H

#include <opencrypto/crypto.h>

int ocf_soft_init(void);
void ocf_soft_exit(void);

/* Skipjack (soft_skipjack.c): one block, in place */
#define OCF_SKIPJACK_KEY_SIZE	10
#define OCF_SKIPJACK_BLOCK_SIZE	8

void ocf_skipjack_encrypt(const u8 *key, u8 *block);
void ocf_skipjack_decrypt(const u8 *key, u8 *block);

/* BLAKE2b (soft_blake2b.c) */
#define OCF_BLAKE2B_BLOCK_SIZE	128
#define OCF_BLAKE2B_HASH_SIZE	64
#define OCF_BLAKE2B_KEY_SIZE	64

/**
 * struct ocf_blake2b_state - a BLAKE2b computation in progress
 * @h: the chained state
 * @t: bytes compressed so far, a 128-bit counter (low word first)
 * @buf: the block being filled
 * @buflen: bytes in @buf
 * @outlen: digest length
 */
struct ocf_blake2b_state {
	u64 h[8];
	u64 t[2];
	u8 buf[OCF_BLAKE2B_BLOCK_SIZE];
	unsigned int buflen;
	unsigned int outlen;
};

void ocf_blake2b_init(struct ocf_blake2b_state *s, unsigned int outlen,
		      const u8 *key, unsigned int klen);
void ocf_blake2b_update(struct ocf_blake2b_state *s, const u8 *in, size_t len);
void ocf_blake2b_final(struct ocf_blake2b_state *s, u8 *out);

/* CRYPTO_MD5_KPDK and CRYPTO_SHA1_KPDK (soft_kpdk.c) */
struct crypto_shash;

struct crypto_shash *ocf_kpdk_alloc(int alg);
int ocf_kpdk(struct cryptop *crp, const struct cryptodesc *crd,
	     struct crypto_shash *tfm, const u8 *key, unsigned int klen);

#endif /* OPENCRYPTO_DRIVERS_SOFT_H */
