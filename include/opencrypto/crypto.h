/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * opencrypto: the crypto(9) kernel API of the BSDs on top of the Linux
 * crypto API. This is the header for kernel consumers and drivers of the
 * framework; user space uses <crypto/cryptodev.h> instead.
 *
 * Symbols are exported in the OPENCRYPTO namespace: a module that uses them
 * declares MODULE_INFO(import_ns, "OPENCRYPTO").
 */
#ifndef _OPENCRYPTO_CRYPTO_H
#define _OPENCRYPTO_CRYPTO_H

const char *opencrypto_version(void);

#endif /* _OPENCRYPTO_CRYPTO_H */
