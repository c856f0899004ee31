// SPDX-License-Identifier: GPL-2.0-only
/*
 * The "key, pad, data, key" keyed hashes of RFC 1828 (MD5) and RFC 1852
 * (SHA-1), which old IPsec AH used: H(key || keyfill || data || key ||
 * fill), where keyfill pads the key to the hash's 64-byte block boundary
 * as the hash's own padding would (0x80, zeros, then the key's length in
 * bits in 64 bits: little-endian for MD5, big-endian for SHA-1) and fill is
 * the hash's ordinary final padding of the whole stream. Computed on the
 * kernel's "md5" and "sha1" hashes, which every supported kernel builds in.
 */
#include <crypto/hash.h>
#include <linux/math.h>
#include <linux/minmax.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "soft.h"

#define OCF_KPDK_BLOCK	64	/* MD5 and SHA-1 */
#define OCF_KPDK_CHUNK	256

/**
 * ocf_kpdk_alloc() - the kernel hash a KPDK algorithm runs on
 * @alg: CRYPTO_MD5_KPDK or CRYPTO_SHA1_KPDK
 *
 * Context: process; may sleep.
 * Return: the transform, or an ERR_PTR().
 */
struct crypto_shash *ocf_kpdk_alloc(int alg)
{
	return crypto_alloc_shash(alg == CRYPTO_MD5_KPDK ? "md5" : "sha1", 0, 0);
}

/*
 * Keyfill for a @klen-byte key into @pad (72 bytes at most): 0x80, zeros,
 * the 64-bit bit length, so that key and keyfill end on a block boundary.
 * Returns its length.
 */
static unsigned int ocf_kpdk_keyfill(bool md5, unsigned int klen, u8 *pad)
{
	unsigned int len = round_up(klen + 9, OCF_KPDK_BLOCK) - klen;
	u64 bits = (u64)klen * 8;
	int i;

	memset(pad, 0, len);
	pad[0] = 0x80;
	for (i = 0; i < 8; i++)
		pad[md5 ? len - 8 + i : len - 1 - i] = bits >> (8 * i);
	return len;
}

/*
 * Hash key, keyfill, the descriptor's range and key again into @desc.
 * Returns 0 or a positive errno.
 */
static int ocf_kpdk_feed(struct shash_desc *desc, bool md5, struct cryptop *crp,
			 const struct cryptodesc *crd, const u8 *key, unsigned int klen)
{
	u8 buf[OCF_KPDK_CHUNK], pad[OCF_KPDK_BLOCK + 8];
	struct crypto_cursor in;
	unsigned int off, n;
	int err;

	err = crypto_shash_update(desc, key, klen);
	if (!err)
		err = crypto_shash_update(desc, pad, ocf_kpdk_keyfill(md5, klen, pad));
	crypto_cursor_init(&in, crp, crd->crd_skip);
	for (off = 0; off < crd->crd_len && !err; off += n) {
		n = min_t(unsigned int, sizeof(buf), crd->crd_len - off);
		err = crypto_cursor_copydata(&in, n, buf);
		if (err)
			break;
		err = crypto_shash_update(desc, buf, n);
	}
	if (!err)
		err = crypto_shash_update(desc, key, klen);
	memzero_explicit(buf, sizeof(buf));
	return err < 0 ? -err : err;
}

/**
 * ocf_kpdk() - compute a KPDK MAC over a descriptor's range and store it
 * @crp: the request
 * @crd: its CRYPTO_MD5_KPDK or CRYPTO_SHA1_KPDK descriptor
 * @tfm: the session's transform from ocf_kpdk_alloc()
 * @key: the key
 * @klen: its length in bytes
 *
 * The result, 16 bytes (MD5) or 20 (SHA-1), goes out through
 * crypto_mac_result().
 *
 * Context: any; does not sleep.
 * Return: 0 or a positive errno.
 */
int ocf_kpdk(struct cryptop *crp, const struct cryptodesc *crd,
	     struct crypto_shash *tfm, const u8 *key, unsigned int klen)
{
	bool md5 = crd->crd_alg == CRYPTO_MD5_KPDK;
	struct shash_desc *desc;
	u8 mac[HASH_MAX_DIGESTSIZE];
	int err;

	if (crd->crd_len < 0)
		return EINVAL;
	desc = kmalloc(sizeof(*desc) + crypto_shash_descsize(tfm), GFP_ATOMIC);
	if (!desc)
		return ENOMEM;
	desc->tfm = tfm;
	err = crypto_shash_init(desc);
	if (!err)
		err = ocf_kpdk_feed(desc, md5, crp, crd, key, klen);
	if (!err)
		err = crypto_shash_final(desc, mac);
	kfree_sensitive(desc);
	if (err < 0)
		err = -err;
	if (!err)
		err = crypto_mac_result(crp, crd, mac, crypto_shash_digestsize(tfm));
	memzero_explicit(mac, sizeof(mac));
	return err;
}
