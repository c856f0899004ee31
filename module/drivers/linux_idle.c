// SPDX-License-Identifier: GPL-2.0-only
/*
 * Transforms of freed sessions, kept a moment for the next session.
 *
 * Allocating a Linux transform is most of what creating a session costs
 * (an algorithm lookup, the transform and, for SIMD ciphers, a cryptd
 * child), and some consumers make a session per operation (OpenSSL's
 * devcrypto engine does for every digest). A software driver therefore
 * keeps up to OCF_LX_IDLE transforms (ciphers, hashes, HMACs, AEADs) of
 * freed sessions and gives them to new sessions of the same implementation.
 *
 * The freed session's key is wiped (replaced by a zero key of its length)
 * by a work item two jiffies later, off the path of the consumer freeing the
 * session; a new session with a key of the same length that takes the
 * transform before then replaces the key itself, which makes the wipe
 * unnecessary (and a session per operation pays one key schedule, not two).
 * Beside the transform the same key is kept (up to OCF_LX_IDLE_KEY bytes),
 * and wiped with it: a new session with that very key, compared in
 * constant time, takes the transform as it is and runs no key schedule at
 * all (a consumer that makes its session again with the same key for each
 * message: OpenSSL's engine does when a context is initialised again with
 * its key). Only for the user who freed it: for any other the transform is
 * keyed again whatever its key, so that the time a session takes to make
 * does not tell another user whether its key was the freed one; and for
 * nobody when a kernel thread freed it (whose user is not the session's). A
 * transform whose key is not wiped yet goes to no session with a key of
 * another length, and one that cannot be wiped is freed (and so wiped).
 *
 * A kept transform holds its provider module, so the kept transforms go
 * OCF_LX_IDLE_MS after the first was kept: a module whose sessions are all
 * closed can be unloaded a moment later. Hardware transforms are never
 * kept (they may hold device state, and hot-unplug must find none).
 */
#include <crypto/aead.h>
#include <crypto/algapi.h>
#include <crypto/hash.h>
#include <crypto/skcipher.h>
#include <linux/cred.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "linux.h"

#define OCF_LX_IDLE_MS 20
#define OCF_LX_WIPE_JIFFIES 2	/* at least one whole tick */

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

/* Forget the key kept beside an entry's transform. */
static void ocf_lx_idle_forget(struct ocf_lx_idle_tfm *e)
{
	if (e->key_known)
		memzero_explicit(e->key, sizeof(e->key));
	e->key_known = false;
}

/**
 * ocf_lx_idle_take() - a kept transform of implementation @name, if any
 * @d: the driver
 * @kind: OCF_LX_SKCIPHER, OCF_LX_HASH, OCF_LX_HMAC, OCF_LX_AEAD or OCF_LX_GMAC
 * @name: the Linux driver name the session would allocate
 * @key: the key the caller sets on it at once (NULL when @klen is 0)
 * @klen: its bytes
 * @keyed: set to true when the transform already holds @key, freed by
 *	the caller's user
 *
 * Return: the transform (to be keyed by the caller unless *@keyed), or NULL.
 */
void *ocf_lx_idle_take(struct ocf_lx_dev *d, enum ocf_lx_kind kind, const char *name,
		       const u8 *key, unsigned int klen, bool *keyed)
{
	void *tfm = NULL;
	int i;

	*keyed = false;
	spin_lock_bh(&d->idle_lock);
	for (i = 0; i < OCF_LX_IDLE; i++) {
		struct ocf_lx_idle_tfm *e = &d->idle[i];

		/* an unwiped key is only ever replaced by one as long */
		if (e->tfm && e->kind == kind && (!e->dirty || e->klen == klen) &&
		    !strcmp(ocf_lx_idle_name(kind, e->tfm), name)) {
			tfm = e->tfm;
			e->tfm = NULL;
			*keyed = e->key_known && uid_eq(e->owner, current_uid()) &&
				 !crypto_memneq(e->key, key, klen);
			if (*keyed)
				d->idle_same++;
			else if (e->dirty)
				d->idle_rekeyed++;
			ocf_lx_idle_forget(e);
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

/*
 * Put @tfm in a free entry, with @key (of @klen bytes, or NULL) beside it
 * when it is @dirty; false when there is none (or no more keeping).
 */
static bool ocf_lx_idle_put(struct ocf_lx_dev *d, enum ocf_lx_kind kind, void *tfm,
			    const u8 *key, unsigned int klen, bool dirty)
{
	int i;

	lockdep_assert_held(&d->idle_lock);
	for (i = 0; i < OCF_LX_IDLE && !d->idle_closed; i++) {
		struct ocf_lx_idle_tfm *e = &d->idle[i];

		if (!e->tfm) {
			e->tfm = tfm;
			e->kind = kind;
			e->klen = klen;
			e->dirty = dirty;
			/*
			 * Its user is who frees it, unless a kernel thread
			 * does (a file's parked session, an orphan, a
			 * migration): then nobody takes the key as it is
			 */
			e->key_known = dirty && (key || !klen) && klen <= sizeof(e->key) &&
				       !(current->flags & PF_KTHREAD);
			e->owner = current_uid();
			if (e->key_known && klen)
				memcpy(e->key, key, klen);
			/* under the lock: ocf_lx_idle_exit() cancels them after */
			if (!delayed_work_pending(&d->idle_work))
				queue_delayed_work(ocf_lx_wq, &d->idle_work,
						   msecs_to_jiffies(OCF_LX_IDLE_MS));
			if (dirty && !delayed_work_pending(&d->idle_wipe))
				queue_delayed_work(ocf_lx_wq, &d->idle_wipe,
						   OCF_LX_WIPE_JIFFIES);
			return true;
		}
	}
	return false;
}

/**
 * ocf_lx_idle_keep() - keep the transform of a freed session
 * @d: the driver
 * @kind: what @tfm is
 * @tfm: the transform, no request on it
 * @key: its key, kept beside it until it is wiped (NULL: not known)
 * @klen: the bytes of its key (the zero key that replaces it has as many)
 *
 * The key is wiped two jiffies later unless a session of the same key length
 * takes the transform first (and replaces the key, unless it is the same).
 *
 * Context: process.
 * Return: true when kept; false when the caller must free it.
 */
bool ocf_lx_idle_keep(struct ocf_lx_dev *d, enum ocf_lx_kind kind, void *tfm,
		      const u8 *key, unsigned int klen)
{
	bool kept;

	if (d->hw || kind == OCF_LX_COMP)
		return false;
	spin_lock_bh(&d->idle_lock);
	kept = ocf_lx_idle_put(d, kind, tfm, key, klen, kind != OCF_LX_HASH);
	spin_unlock_bh(&d->idle_lock);
	return kept;
}

/* Wipe the keys of the kept transforms no session took (ocf_lx_idle_keep()). */
static void ocf_lx_idle_wipe_work(struct work_struct *work)
{
	struct ocf_lx_dev *d = container_of(work, struct ocf_lx_dev, idle_wipe.work);
	struct ocf_lx_idle_tfm e;
	bool kept;
	int i;

	for (;;) {
		e.tfm = NULL;
		spin_lock_bh(&d->idle_lock);
		for (i = 0; i < OCF_LX_IDLE && !e.tfm; i++) {
			if (d->idle[i].tfm && d->idle[i].dirty) {
				e = d->idle[i];		/* out of reach while wiped */
				d->idle[i].tfm = NULL;
				ocf_lx_idle_forget(&d->idle[i]);
			}
		}
		spin_unlock_bh(&d->idle_lock);
		if (!e.tfm)
			return;
		ocf_lx_idle_forget(&e);
		kept = ocf_lx_idle_wipe(e.kind, e.tfm, e.klen);
		if (kept) {
			spin_lock_bh(&d->idle_lock);
			d->idle_wiped++;
			kept = ocf_lx_idle_put(d, e.kind, e.tfm, NULL, e.klen, false);
			spin_unlock_bh(&d->idle_lock);
		}
		if (!kept)
			ocf_lx_idle_free(e.kind, e.tfm);	/* freed, so wiped */
	}
}

/* Free every kept transform. */
static void ocf_lx_idle_flush(struct ocf_lx_dev *d)
{
	struct ocf_lx_idle_tfm out[OCF_LX_IDLE];
	int i;

	spin_lock_bh(&d->idle_lock);
	memcpy(out, d->idle, sizeof(out));
	memset(d->idle, 0, sizeof(d->idle));
	for (i = 0; i < OCF_LX_IDLE; i++)	/* freeing wipes them too */
		d->idle_wiped += out[i].tfm && out[i].dirty;
	spin_unlock_bh(&d->idle_lock);
	for (i = 0; i < OCF_LX_IDLE; i++) {
		ocf_lx_idle_forget(&out[i]);
		if (out[i].tfm)
			ocf_lx_idle_free(out[i].kind, out[i].tfm);
	}
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
	INIT_DELAYED_WORK(&d->idle_wipe, ocf_lx_idle_wipe_work);
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
	cancel_delayed_work_sync(&d->idle_wipe);
	cancel_delayed_work_sync(&d->idle_work);
	ocf_lx_idle_flush(d);
}

/**
 * ocf_lx_idle_show() - a driver's kept transforms, for debugfs
 * @m: the file
 * @d: the driver
 *
 * One line: the driver's id and name, the transforms kept now and how many
 * of them still hold a freed session's key, the keys wiped since the driver
 * came (by a zero key, or the transform freed), the unwiped transforms
 * that sessions took and rekeyed, and those they took with the key they
 * held.
 */
void ocf_lx_idle_show(struct seq_file *m, struct ocf_lx_dev *d)
{
	unsigned long wiped, rekeyed, same;
	int i, kept = 0, unwiped = 0;

	spin_lock_bh(&d->idle_lock);
	for (i = 0; i < OCF_LX_IDLE; i++) {
		kept += !!d->idle[i].tfm;
		unwiped += d->idle[i].tfm && d->idle[i].dirty;
	}
	wiped = d->idle_wiped;
	rekeyed = d->idle_rekeyed;
	same = d->idle_same;
	spin_unlock_bh(&d->idle_lock);
	seq_printf(m, "%-3d %-28s kept %d unwiped %d wiped %lu rekeyed %lu same %lu\n",
		   d->id, d->name, kept, unwiped, wiped, rekeyed, same);
}
