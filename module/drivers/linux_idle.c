// SPDX-License-Identifier: GPL-2.0-only
/*
 * Transforms of freed sessions, kept a moment for the next session.
 *
 * Allocating a Linux transform is most of what creating a session costs
 * (an algorithm lookup, the transform and, for SIMD ciphers, a cryptd
 * child), and some consumers make a session per operation (OpenSSL's
 * devcrypto engine does for every digest). A software driver therefore
 * keeps up to OCF_LX_IDLE transforms (ciphers, hashes, HMACs, AEADs) of
 * freed sessions, their keys wiped, and gives them to new sessions of the
 * same implementation.
 *
 * A kept transform holds its provider module, so the kept transforms go
 * OCF_LX_IDLE_MS after the first was kept: a module whose sessions are all
 * closed can be unloaded a moment later. Hardware transforms are never
 * kept (they may hold device state, and hot-unplug must find none).
 */
#include <crypto/aead.h>
#include <crypto/hash.h>
#include <crypto/skcipher.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "linux.h"

#define OCF_LX_IDLE_MS 20

static bool ocf_lx_idle_aead(enum ocf_lx_kind kind)
{
	return kind == OCF_LX_AEAD || kind == OCF_LX_GMAC;
}

static const char *ocf_lx_idle_name(enum ocf_lx_kind kind, void *tfm)
{
	if (kind == OCF_LX_SKCIPHER)
		return crypto_tfm_alg_driver_name(crypto_skcipher_tfm(tfm));
	if (ocf_lx_idle_aead(kind))
		return crypto_tfm_alg_driver_name(crypto_aead_tfm(tfm));
	return crypto_tfm_alg_driver_name(crypto_ahash_tfm(tfm));
}

static void ocf_lx_idle_free(enum ocf_lx_kind kind, void *tfm)
{
	if (kind == OCF_LX_SKCIPHER)
		crypto_free_skcipher(tfm);
	else if (ocf_lx_idle_aead(kind))
		crypto_free_aead(tfm);
	else
		crypto_free_ahash(tfm);
}

/**
 * ocf_lx_idle_take() - a kept transform of implementation @name, if any
 * @d: the driver
 * @kind: OCF_LX_SKCIPHER, OCF_LX_HASH, OCF_LX_HMAC, OCF_LX_AEAD or OCF_LX_GMAC
 * @name: the Linux driver name the session would allocate
 *
 * Return: the transform (to be keyed by the caller), or NULL.
 */
void *ocf_lx_idle_take(struct ocf_lx_dev *d, enum ocf_lx_kind kind, const char *name)
{
	void *tfm = NULL;
	int i;

	spin_lock_bh(&d->idle_lock);
	for (i = 0; i < OCF_LX_IDLE; i++) {
		struct ocf_lx_idle_tfm *e = &d->idle[i];

		if (e->tfm && e->kind == kind && !strcmp(ocf_lx_idle_name(kind, e->tfm), name)) {
			tfm = e->tfm;
			e->tfm = NULL;
			break;
		}
	}
	spin_unlock_bh(&d->idle_lock);
	return tfm;
}

/*
 * Forget the key: a zero key as long as the key (a shorter one would leave
 * the end of a longer key's schedule, such as AES-256's last round keys,
 * where it was), or none (HMAC: its padded states are of one size; hashes
 * have no key). False when the implementation refuses it (XTS or 3DES with
 * equal parts in FIPS mode): then the transform is freed, and wiped so.
 */
static bool ocf_lx_idle_wipe(enum ocf_lx_kind kind, void *tfm, unsigned int klen)
{
	static const u8 zero[64];

	switch (kind) {
	case OCF_LX_SKCIPHER:
		return klen <= sizeof(zero) && !crypto_skcipher_setkey(tfm, zero, klen);
	case OCF_LX_AEAD:
	case OCF_LX_GMAC:
		return klen <= sizeof(zero) && !crypto_aead_setkey(tfm, zero, klen);
	case OCF_LX_HMAC:
		return !crypto_ahash_setkey(tfm, zero, 0);
	case OCF_LX_HASH:
		return true;
	default:
		return false;
	}
}

/**
 * ocf_lx_idle_keep() - keep the transform of a freed session
 * @d: the driver
 * @kind: what @tfm is
 * @tfm: the transform, no request on it
 * @klen: the bytes of its key (the zero key that replaces it has as many)
 *
 * Context: process.
 * Return: true when kept; false when the caller must free it.
 */
bool ocf_lx_idle_keep(struct ocf_lx_dev *d, enum ocf_lx_kind kind, void *tfm,
		      unsigned int klen)
{
	bool kept = false;
	int i;

	if (d->hw || !ocf_lx_idle_wipe(kind, tfm, klen))
		return false;
	spin_lock_bh(&d->idle_lock);
	for (i = 0; i < OCF_LX_IDLE && !d->idle_closed; i++) {
		struct ocf_lx_idle_tfm *e = &d->idle[i];

		if (!e->tfm) {
			e->tfm = tfm;
			e->kind = kind;
			kept = true;
			/* under the lock: ocf_lx_idle_exit() cancels it after */
			if (!delayed_work_pending(&d->idle_work))
				queue_delayed_work(ocf_lx_wq, &d->idle_work,
						   msecs_to_jiffies(OCF_LX_IDLE_MS));
			break;
		}
	}
	spin_unlock_bh(&d->idle_lock);
	return kept;
}

/* Free every kept transform. */
static void ocf_lx_idle_flush(struct ocf_lx_dev *d)
{
	struct ocf_lx_idle_tfm out[OCF_LX_IDLE];
	int i;

	spin_lock_bh(&d->idle_lock);
	memcpy(out, d->idle, sizeof(out));
	memset(d->idle, 0, sizeof(d->idle));
	spin_unlock_bh(&d->idle_lock);
	for (i = 0; i < OCF_LX_IDLE; i++)
		if (out[i].tfm)
			ocf_lx_idle_free(out[i].kind, out[i].tfm);
}

static void ocf_lx_idle_work(struct work_struct *work)
{
	ocf_lx_idle_flush(container_of(work, struct ocf_lx_dev, idle_work.work));
}

/**
 * ocf_lx_idle_init() - set up a driver's kept transforms (none)
 * @d: the driver
 */
void ocf_lx_idle_init(struct ocf_lx_dev *d)
{
	spin_lock_init(&d->idle_lock);
	INIT_DELAYED_WORK(&d->idle_work, ocf_lx_idle_work);
}

/**
 * ocf_lx_idle_exit() - free a driver's kept transforms and keep no more
 * @d: the driver, all of its sessions freed
 *
 * Context: process; sleeps.
 */
void ocf_lx_idle_exit(struct ocf_lx_dev *d)
{
	spin_lock_bh(&d->idle_lock);
	d->idle_closed = true;
	spin_unlock_bh(&d->idle_lock);
	cancel_delayed_work_sync(&d->idle_work);
	ocf_lx_idle_flush(d);
}
