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

#endif /* OPENCRYPTO_DRIVERS_SOFT_H */
