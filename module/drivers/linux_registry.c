// SPDX-License-Identifier: GPL-2.0-only
/*
 * Discovery: the implementations registered in the Linux crypto API become
 * opencrypto drivers, one per provider, named as users expect to pass to
 * crypto_find_driver(): the owning module ("aesni_intel", "virtio_crypto"),
 * or "linux_generic" for the kernel's generic C code (built in, or
 * "-generic"/"-lib" implementations). Template instances (cbc(aes-aesni),
 * hmac(sha256-avx2)) belong to the provider of what they wrap, and are
 * found from that primitive even before anything instantiated them.
 *
 * Keying operations too: an akcipher "rsa" (raw RSA) serves CRK_MOD_EXP
 * and a kpp "dh" CRK_DH_COMPUTE_KEY (linux_key.c). Like every
 * implementation, only those whose self-test passed (CRYPTO_ALG_TESTED):
 * QEMU's virtio-crypto-rsa fails its own with the builtin backend and is
 * never used.
 *
 * A provider is hardware (off-CPU) when one of its algorithms is
 * CRYPTO_ALG_KERN_DRIVER_ONLY or when its module drives a device: it owns a
 * driver on the PCI, platform or virtio bus. CPU code (generic, AES-NI,
 * AVX, cryptd/simd wrappers) is software.
 */
#include <linux/device.h>
#include <linux/kernfs.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/platform_device.h>
#include <linux/rwsem.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/virtio.h>
#include <linux/workqueue.h>

#include <crypto/algapi.h>

#include "linux.h"

static LIST_HEAD(ocf_lx_devs);
static DEFINE_MUTEX(ocf_lx_mutex);

/*
 * Devices leaving their driver: from BUS_NOTIFY_UNBIND_DRIVER to
 * BUS_NOTIFY_UNBOUND_DRIVER (both sent by the driver core under the
 * device's lock, always in pairs) their driver's remove() runs and
 * unregisters algorithms that a rescan may still find: their provider
 * module is not made a driver meanwhile. And every withdrawal or unbound
 * device bumps ocf_lx_gen, so that a rescan whose scan began before it
 * starts again rather than register what it found (a driver for a device
 * on its way out). All under ocf_lx_mutex.
 */
struct ocf_lx_going {
	struct list_head node;
	struct device *dev;
	struct module *mod;
	bool recheck;		/* at UNBOUND, rescan: its module may serve others */
};

static LIST_HEAD(ocf_lx_goings);
static unsigned long ocf_lx_gen;
static bool ocf_lx_recheck_any;	/* an entry could not be made: rescan at any UNBOUND */

#define OCF_LX_RESCAN_TRIES	3

/* Registered only to learn where the virtio bus is; it matches no device. */
static const struct virtio_device_id ocf_lx_no_ids[] = { { 0 } };
static struct virtio_driver ocf_lx_virtio_probe = {
	.driver.name = "opencrypto_probe",
	.id_table = ocf_lx_no_ids,
};

static bool ocf_lx_virtio_registered;

/* The keying operations and the Linux algorithms that serve them. */
static const struct {
	int op;
	const char *name;
	u32 type;
} ocf_lx_kmaps[] = {
	{ CRK_MOD_EXP, "rsa", CRYPTO_ALG_TYPE_AKCIPHER },
	{ CRK_DH_COMPUTE_KEY, "dh", CRYPTO_ALG_TYPE_KPP },
};

/* An implementation found in the list, before grouping. */
struct ocf_lx_found {
	int alg;				/* slot: see OCF_LX_KSLOT() */
	char driver[CRYPTO_MAX_ALG_NAME];	/* to allocate */
	char group[MODULE_NAME_LEN];
	struct module *mod;
	int prio;
	bool direct;				/* not through a template */
	bool kdo;				/* CRYPTO_ALG_KERN_DRIVER_ONLY */
	bool async;
	bool going;				/* its module leaves a device */
};

static bool ocf_lx_usable(const struct crypto_alg *a)
{
	u32 bad = CRYPTO_ALG_LARVAL | CRYPTO_ALG_DEAD | CRYPTO_ALG_DYING | CRYPTO_ALG_INTERNAL;

	return !(a->cra_flags & bad) && (a->cra_flags & CRYPTO_ALG_TESTED);
}

/*
 * Is an implementation of @type usable through the API @kind uses? Values
 * are compared in pairs (skcipher/lskcipher 4-5, shash/ahash 0xe-0xf,
 * acomp/scomp 0xa-0xb): the constants moved between kernels, the pairs did
 * not. Excluded: the legacy single-block "compression" type.
 */
static bool ocf_lx_type_ok(enum ocf_lx_kind kind, u32 type)
{
	switch (kind) {
	case OCF_LX_SKCIPHER:
		return (type & ~1) == (CRYPTO_ALG_TYPE_SKCIPHER & ~1);
	case OCF_LX_HASH:
	case OCF_LX_HMAC:
		return (type & ~1) == (CRYPTO_ALG_TYPE_AHASH & ~1);
	case OCF_LX_AEAD:
	case OCF_LX_GMAC:
		return type == CRYPTO_ALG_TYPE_AEAD;
	case OCF_LX_COMP:
		return (type & ~1) == (CRYPTO_ALG_TYPE_ACOMPRESS & ~1);
	default:
		return false;
	}
}

/* The innermost driver name of "cbc(aes-aesni)" is "aes-aesni". */
static void ocf_lx_innermost(const char *driver, char *out, size_t len)
{
	const char *open = strrchr(driver, '(');
	const char *start = open ? open + 1 : driver;
	size_t n = strcspn(start, "),");

	strscpy(out, start, min(len, n + 1));
}

static struct crypto_alg *ocf_lx_by_driver(const char *driver)
{
	struct crypto_alg *a;

	list_for_each_entry(a, &crypto_alg_list, cra_list)
		if (!strcmp(a->cra_driver_name, driver))
			return a;
	return NULL;
}

static bool ocf_lx_generic(const char *driver, const struct module *mod)
{
	size_t n = strlen(driver);

	return !mod || (n > 8 && !strcmp(driver + n - 8, "-generic")) ||
	       (n > 4 && !strcmp(driver + n - 4, "-lib"));
}

/* Who provides @driver: its group name and module. Under crypto_alg_sem. */
static void ocf_lx_provider(const char *driver, struct ocf_lx_found *f)
{
	char inner[CRYPTO_MAX_ALG_NAME];
	struct crypto_alg *a;

	ocf_lx_innermost(driver, inner, sizeof(inner));
	a = ocf_lx_by_driver(inner);
	f->mod = a ? a->cra_module : NULL;
	if (a && (a->cra_flags & CRYPTO_ALG_KERN_DRIVER_ONLY))
		f->kdo = true;
	if (ocf_lx_generic(inner, f->mod)) {
		strscpy(f->group, "linux_generic", sizeof(f->group));
		f->mod = NULL;
	} else {
		strscpy(f->group, module_name(f->mod), sizeof(f->group));
	}
}

static void ocf_lx_found_fill(struct ocf_lx_found *f, const struct crypto_alg *a)
{
	f->prio = a->cra_priority;
	f->kdo = a->cra_flags & CRYPTO_ALG_KERN_DRIVER_ONLY;
	f->async = a->cra_flags & CRYPTO_ALG_ASYNC;
	ocf_lx_provider(f->driver, f);
}

/* Walk the crypto API's list; returns what it found (kfree it). */
static struct ocf_lx_found *ocf_lx_scan(unsigned int *nfound)
{
	struct ocf_lx_found *found, *f;
	unsigned int n = 0, max = 1024, i;
	struct crypto_alg *a;

	found = kvcalloc(max, sizeof(*found), GFP_KERNEL);
	if (!found)
		return NULL;
	down_read(&crypto_alg_sem);
	list_for_each_entry(a, &crypto_alg_list, cra_list) {
		if (!ocf_lx_usable(a))
			continue;
		for (i = 0; i < ocf_lx_nmaps && n < max; i++) {
			const struct ocf_lx_map *m = &ocf_lx_maps[i];
			u32 type = a->cra_flags & CRYPTO_ALG_TYPE_MASK;

			f = &found[n];
			if (!strcmp(a->cra_name, m->name) && ocf_lx_type_ok(m->kind, type)) {
				strscpy(f->driver, a->cra_driver_name, sizeof(f->driver));
				f->direct = true;
			} else if (m->inner && !strcmp(a->cra_name, m->inner) &&
				   (type & ~1) == (m->inner_type & ~1)) {
				if (snprintf(f->driver, sizeof(f->driver), m->tmpl,
					     a->cra_driver_name) >= sizeof(f->driver))
					continue;
				f->direct = false;
			} else {
				continue;
			}
			f->alg = m->alg;
			ocf_lx_found_fill(f, a);
			n++;
		}
		for (i = 0; i < ARRAY_SIZE(ocf_lx_kmaps) && n < max; i++) {
			if (strcmp(a->cra_name, ocf_lx_kmaps[i].name) ||
			    (a->cra_flags & CRYPTO_ALG_TYPE_MASK) != ocf_lx_kmaps[i].type)
				continue;
			f = &found[n++];
			strscpy(f->driver, a->cra_driver_name, sizeof(f->driver));
			f->direct = true;
			f->alg = OCF_LX_KSLOT(ocf_lx_kmaps[i].op);
			ocf_lx_found_fill(f, a);
		}
	}
	/* take module references while the list is stable */
	for (i = 0; i < n; i++)
		if (found[i].mod && !try_module_get(found[i].mod))
			found[i].alg = 0;
	up_read(&crypto_alg_sem);
	*nfound = n;
	return found;
}

static int ocf_lx_drv_match(struct device_driver *drv, void *data)
{
	return drv->owner == data;
}

/* Does @mod drive a device (own a driver on a device bus)? */
static bool ocf_lx_drives_device(struct module *mod)
{
	if (!mod)
		return false;
	if (bus_for_each_drv(&pci_bus_type, NULL, mod, ocf_lx_drv_match) ||
	    bus_for_each_drv(&platform_bus_type, NULL, mod, ocf_lx_drv_match))
		return true;
	return ocf_lx_virtio_registered &&
	       bus_for_each_drv(ocf_lx_virtio_probe.driver.bus, NULL, mod, ocf_lx_drv_match);
}

static struct ocf_lx_dev *ocf_lx_dev_get(const struct ocf_lx_found *f)
{
	struct ocf_lx_dev *d;

	list_for_each_entry(d, &ocf_lx_devs, node)
		if (!strcmp(d->name, f->group))
			return d;
	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return NULL;
	strscpy(d->name, f->group, sizeof(d->name));
	d->mod = f->mod;
	d->id = -1;
	d->dev.name = d->name;
	d->dev.methods = &ocf_lx_methods;
	d->dev.priv = d;
	ocf_lx_idle_init(d);
	list_add_tail(&d->node, &ocf_lx_devs);
	return d;
}

/* Prefer a direct implementation, then the highest priority. */
static bool ocf_lx_better(const struct ocf_lx_found *f, const struct ocf_lx_found *best)
{
	if (!best)
		return true;
	if (f->direct != best->direct)
		return f->direct;
	return f->prio > best->prio;
}

static void ocf_lx_dev_free(struct ocf_lx_dev *d)
{
	int i;

	if (d->id >= 0)
		crypto_unregister_all(d->id);
	ocf_lx_idle_exit(d);
	ocf_lx_dev_sym_exit(d);
	for (i = 0; i < OCF_LX_NSLOTS; i++)
		kfree(d->impl[i]);
	list_del(&d->node);
	kfree(d);
}

/*
 * A hash in parts (CRD_F_MAC_MORE/CONT) runs its steps (import, update,
 * export) one after the other in process(): implementations that complete
 * synchronously only.
 */
static u32 ocf_lx_partial(int alg, const struct ocf_lx_found *f)
{
	const struct ocf_lx_map *m = ocf_lx_map_get(alg);

	return m && (m->kind == OCF_LX_HASH || m->kind == OCF_LX_HMAC) && !f->async ?
	       CRYPTO_ALG_F_MAC_PARTIAL : 0;
}

/* Drop what ocf_lx_scan() found, with the module references it took. */
static void ocf_lx_found_free(struct ocf_lx_found *found, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (found[i].alg && found[i].mod)
			module_put(found[i].mod);
	kvfree(found);
}

/*
 * Does module @a use module @b (/sys/module/b/holders/a)? A device's
 * driver and the provider of its algorithms may be two modules: QAT's
 * qat_4xxx uses intel_qat, which registers them; CCP's ccp_crypto, which
 * registers them, uses ccp, the device's driver. Both are live: one drives
 * a device whose lock the caller holds (BUS_NOTIFY_UNBIND_DRIVER) or is
 * leaving one (an ocf_lx_going entry, from UNBIND to UNBOUND), the other
 * is one of ours, whose GOING notifier waits for ocf_lx_mutex, which the
 * callers hold, before its sysfs goes.
 */
static bool ocf_lx_uses(struct module *a, struct module *b)
{
	struct kernfs_node *kn;

	if (!a || !b || a == b || !b->holders_dir)
		return false;
	kn = kernfs_find_and_get(b->holders_dir->sd, module_name(a));
	kernfs_put(kn);
	return kn;
}

/* Is one of @a and @b split from the other (either uses the other)? */
static bool ocf_lx_split(struct module *a, struct module *b)
{
	return ocf_lx_uses(a, b) || ocf_lx_uses(b, a);
}

/* Is @d's provider @mod, or (@related) a hardware one split from @mod? */
static bool ocf_lx_provided_by(const struct ocf_lx_dev *d, struct module *mod, bool related)
{
	return d->mod == mod || (related && d->hw && ocf_lx_split(mod, d->mod));
}

/*
 * Is provider module @mod leaving a device (see struct ocf_lx_going), or,
 * a hardware one (@hw), a module it is split from (ocf_lx_uses())? If so
 * the rescan asking skips it: look again when the device has left. Under
 * ocf_lx_mutex.
 */
static bool ocf_lx_mod_going(struct module *mod, bool hw)
{
	struct ocf_lx_going *g;
	bool going = false;

	list_for_each_entry(g, &ocf_lx_goings, node) {
		if (g->mod != mod && !(hw && ocf_lx_split(g->mod, mod)))
			continue;
		g->recheck = true;
		going = true;
	}
	return going;
}

static void ocf_lx_rescan_later(void);

/*
 * Scan the crypto API and bring the drivers up to date: new providers
 * become drivers, known ones register algorithms they gained.
 */
static int ocf_lx_rescan(void)
{
	const struct ocf_lx_found **best;
	struct ocf_lx_found *found;
	struct ocf_lx_dev *d, *tmp;
	unsigned int n, i, tries;
	unsigned long gen;
	int alg;

	best = kcalloc(OCF_LX_NSLOTS, sizeof(*best), GFP_KERNEL);
	if (!best)
		return -ENOMEM;
	for (tries = 0;; tries++) {
		mutex_lock(&ocf_lx_mutex);
		gen = ocf_lx_gen;
		mutex_unlock(&ocf_lx_mutex);
		found = ocf_lx_scan(&n);
		if (!found) {
			kfree(best);
			return -ENOMEM;
		}
		mutex_lock(&ocf_lx_mutex);
		if (gen == ocf_lx_gen)
			break;
		/* a driver went while we scanned: what we found may be going too */
		mutex_unlock(&ocf_lx_mutex);
		ocf_lx_found_free(found, n);
		if (tries + 1 == OCF_LX_RESCAN_TRIES) {
			kfree(best);
			ocf_lx_rescan_later();
			return 0;
		}
	}
	for (i = 0; i < n; i++)
		found[i].going = found[i].mod && ocf_lx_mod_going(found[i].mod, found[i].kdo);
	for (i = 0; i < n; i++) {
		if (!found[i].alg || found[i].going)
			continue;
		d = ocf_lx_dev_get(&found[i]);
		if (d && d->id < 0)
			d->hw |= found[i].kdo;
	}
	list_for_each_entry_safe(d, tmp, &ocf_lx_devs, node) {
		bool async = false, fresh = d->id < 0;
		int flags;

		memset(best, 0, OCF_LX_NSLOTS * sizeof(*best));
		for (i = 0; i < n; i++) {
			if (found[i].alg && !found[i].going &&
			    !strcmp(found[i].group, d->name) &&
			    ocf_lx_better(&found[i], best[found[i].alg]))
				best[found[i].alg] = &found[i];
		}
		for (alg = 0; alg < OCF_LX_NSLOTS; alg++) {
			if (!best[alg])
				continue;
			/*
			 * A driver registered synchronous takes no asynchronous
			 * implementation later (a cryptd instance someone made
			 * through AF_ALG): its completions would come from
			 * another context than the framework was told.
			 */
			if (!fresh && d->sync && alg < CRYPTO_ALGORITHM_ALL &&
			    best[alg]->async && !d->impl[alg]) {
				best[alg] = NULL;
				continue;
			}
			/* keying requests always complete from a work item */
			if (alg < CRYPTO_ALGORITHM_ALL)
				async |= best[alg]->async;
			if (!d->impl[alg])
				d->impl[alg] = kstrdup(best[alg]->driver, GFP_KERNEL);
			else if (!fresh)
				best[alg] = NULL;	/* registered already */
		}
		if (fresh) {
			d->hw |= ocf_lx_drives_device(d->mod);
			flags = d->hw ? CRYPTOCAP_F_HARDWARE : CRYPTOCAP_F_SOFTWARE;
			if (!async)
				flags |= CRYPTOCAP_F_SYNC;
			d->sync = !async;
			d->id = crypto_get_driverid(&d->dev, sizeof(struct ocf_lx_sess), flags);
			if (d->id < 0) {
				ocf_lx_dev_free(d);
				continue;
			}
			pr_debug("driver %s (%s): id %d\n", d->name,
				 d->hw ? "hardware" : "software", d->id);
		}
		for (alg = 0; alg < OCF_LX_NSLOTS; alg++) {
			if (!best[alg] || !d->impl[alg])
				continue;
			if (alg < CRYPTO_ALGORITHM_ALL)
				crypto_register(d->id, alg, 0, ocf_lx_partial(alg, best[alg]));
			else
				crypto_kregister(d->id, alg - CRYPTO_ALGORITHM_ALL, 0);
		}
	}
	mutex_unlock(&ocf_lx_mutex);

	kfree(best);
	ocf_lx_found_free(found, n);
	return 0;
}

/*
 * Ask the crypto API for every mapped algorithm: it loads the modules that
 * provide them and instantiates templates (cbc(des), hmac(sha1)...), so
 * that what the kernel can do is in the list, not only what something
 * happened to use already. At start, and again before every rescan: a
 * provider that comes back (a module reloaded) brings its own algorithms,
 * but the template instances on them (ccm(aes) on aes-aesni) went with it
 * and nobody else builds them again.
 */
static void ocf_lx_preload(void)
{
	unsigned int i;

	for (i = 0; i < ocf_lx_nmaps; i++)
		crypto_has_alg(ocf_lx_maps[i].name, 0, 0);
	for (i = 0; i < ARRAY_SIZE(ocf_lx_kmaps); i++)
		crypto_has_alg(ocf_lx_kmaps[i].name, ocf_lx_kmaps[i].type, CRYPTO_ALG_TYPE_MASK);
}

static void ocf_lx_rescan_work(struct work_struct *work)
{
	ocf_lx_preload();
	ocf_lx_rescan();
}

static DECLARE_DELAYED_WORK(ocf_lx_rescan_dwork, ocf_lx_rescan_work);

static void ocf_lx_rescan_later(void)
{
	mod_delayed_work(system_wq, &ocf_lx_rescan_dwork, HZ / 10);
}

/*
 * The crypto API announces algorithms whose self-test finished (LOADED);
 * it may hold crypto_alg_sem while it does, so only schedule a rescan.
 * It never announces unregistration: the module and bus notifiers below
 * cover that.
 */
static int ocf_lx_crypto_event(struct notifier_block *nb, unsigned long msg, void *data)
{
	if (msg == CRYPTO_MSG_ALG_LOADED)
		ocf_lx_rescan_later();
	return NOTIFY_DONE;
}

static struct notifier_block ocf_lx_crypto_nb = {
	.notifier_call = ocf_lx_crypto_event,
};

/*
 * Withdraw the drivers of provider module @mod (none if NULL); for a
 * device (@device: a bus event, @mod its driver's module) also the
 * hardware providers split from @mod (ocf_lx_uses()). @dev: the device it
 * is leaving, when called for BUS_NOTIFY_UNBIND_DRIVER: noted until
 * ocf_lx_unbound(). (A device removed with its driver bound sends
 * DEL_DEVICE first, then UNBIND: the drivers go at the first.)
 */
static void ocf_lx_withdraw(struct module *mod, struct device *dev, bool device,
			    const char *why)
{
	struct ocf_lx_going *g, *going = NULL;
	struct ocf_lx_dev *d, *tmp;
	bool withdrew = false;

	if (!mod)
		return;
	mutex_lock(&ocf_lx_mutex);
	ocf_lx_gen++;
	list_for_each_entry(g, &ocf_lx_goings, node)
		if (dev && g->dev == dev)
			going = g;
	if (dev && !going) {
		going = kzalloc(sizeof(*going), GFP_KERNEL);
		if (going) {
			going->dev = dev;
			going->mod = mod;
			list_add(&going->node, &ocf_lx_goings);
		}
	}
	list_for_each_entry_safe(d, tmp, &ocf_lx_devs, node) {
		/* a device's: its driver's module, and the providers split from it */
		if (!ocf_lx_provided_by(d, mod, device))
			continue;
		pr_info("%s: %s, withdrawing driver %d\n", d->name, why, d->id);
		ocf_lx_dev_free(d);
		withdrew = true;
	}
	/*
	 * Look again once the device has left. Without an entry (DEL_DEVICE,
	 * which comes before UNBIND; a module unloading; no memory) the next
	 * UNBOUND or REMOVED_DEVICE does; meanwhile only the generation guards.
	 */
	if (going)
		going->recheck |= withdrew;
	else if (withdrew || dev)
		ocf_lx_recheck_any = true;
	mutex_unlock(&ocf_lx_mutex);
}

/* A provider module going away: no session can hold it (tfms pin it). */
static int ocf_lx_module_event(struct notifier_block *nb, unsigned long state, void *data)
{
	if (state == MODULE_STATE_GOING)
		ocf_lx_withdraw(data, NULL, false, "module unloading");
	return NOTIFY_DONE;
}

static struct notifier_block ocf_lx_module_nb = {
	.notifier_call = ocf_lx_module_event,
};

/*
 * @dev has left its driver (BUS_NOTIFY_UNBOUND_DRIVER; REMOVED_DEVICE as a
 * backstop): its remove() is over. If we withdrew a provider for it, or a
 * rescan skipped the provider meanwhile, look again: the provider may serve
 * other devices still (two virtio-crypto devices share one module and one
 * set of algorithms, which stays registered while either is there), and
 * nothing else would bring its driver back.
 */
static void ocf_lx_unbound(struct device *dev)
{
	struct ocf_lx_going *g, *tmp;
	bool found = false, recheck;

	mutex_lock(&ocf_lx_mutex);
	recheck = ocf_lx_recheck_any;
	ocf_lx_recheck_any = false;
	list_for_each_entry_safe(g, tmp, &ocf_lx_goings, node) {
		if (g->dev != dev)
			continue;
		recheck |= g->recheck;
		list_del(&g->node);
		kfree(g);
		found = true;
	}
	if (found)
		ocf_lx_gen++;
	mutex_unlock(&ocf_lx_mutex);
	if (recheck)
		ocf_lx_rescan_later();
}

/*
 * A device leaving its driver (hot-unplug, unbind): these events come
 * before the driver's remove(), which unregisters its algorithms and frees
 * its state. Withdrawing here migrates the sessions and frees every
 * transform while the device still works (crypto_unregister_all() drains
 * the requests in flight first). Rediscovery follows when the device
 * comes back and its algorithms are LOADED again.
 */
static int ocf_lx_bus_event(struct notifier_block *nb, unsigned long action, void *data)
{
	struct device *dev = data;
	/* DEL_DEVICE comes without the device's lock: it may be unbinding */
	struct device_driver *drv = READ_ONCE(dev->driver);

	switch (action) {
	case BUS_NOTIFY_UNBIND_DRIVER:	/* under the device's lock: UNBOUND follows */
		if (drv && drv->owner)
			ocf_lx_withdraw(drv->owner, dev, true, "device going away");
		break;
	case BUS_NOTIFY_DEL_DEVICE:
		if (drv && drv->owner)
			/*
			 * Without the device's lock its driver's module may be
			 * unloading: its own providers only (UNBIND, under the
			 * lock, comes before remove() for the others)
			 */
			ocf_lx_withdraw(drv->owner, NULL, false, "device going away");
		break;
	case BUS_NOTIFY_UNBOUND_DRIVER:
	case BUS_NOTIFY_REMOVED_DEVICE:	/* an entry missed by UNBOUND, if any */
		ocf_lx_unbound(dev);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block ocf_lx_pci_nb = { .notifier_call = ocf_lx_bus_event };
static struct notifier_block ocf_lx_platform_nb = { .notifier_call = ocf_lx_bus_event };
static struct notifier_block ocf_lx_virtio_nb = { .notifier_call = ocf_lx_bus_event };

/* debugfs "linux": which Linux implementation serves each (driver, algorithm) */
static int ocf_lx_show(struct seq_file *m, void *v)
{
	struct ocf_lx_dev *d;
	const char *name;
	unsigned int i;
	int alg;

	mutex_lock(&ocf_lx_mutex);
	list_for_each_entry(d, &ocf_lx_devs, node)
		for (alg = 0; alg < OCF_LX_NSLOTS; alg++) {
			if (!d->impl[alg])
				continue;
			name = "?";
			if (alg < CRYPTO_ALGORITHM_ALL)
				name = ocf_lx_map_get(alg)->name;
			for (i = 0; i < ARRAY_SIZE(ocf_lx_kmaps); i++)
				if (alg == OCF_LX_KSLOT(ocf_lx_kmaps[i].op))
					name = ocf_lx_kmaps[i].name;
			seq_printf(m, "%-3d %-28s %-24s %s\n", d->id, d->name, name, d->impl[alg]);
		}
	mutex_unlock(&ocf_lx_mutex);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(ocf_lx);

/* debugfs "linux_idle": the transforms each driver keeps (linux_idle.c) */
static int ocf_lx_idle_debug_show(struct seq_file *m, void *v)
{
	struct ocf_lx_dev *d;

	mutex_lock(&ocf_lx_mutex);
	list_for_each_entry(d, &ocf_lx_devs, node)
		ocf_lx_idle_show(m, d);
	mutex_unlock(&ocf_lx_mutex);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(ocf_lx_idle_debug);

/**
 * ocf_lx_registry_init() - make opencrypto drivers of what the crypto API has,
 * and follow its changes
 * @debugfs: the framework's debugfs directory, for the "linux" table
 *
 * Context: process.
 * Return: 0 or -errno.
 */
int ocf_lx_registry_init(struct dentry *debugfs)
{
	int err;

	err = ocf_lx_sym_init();
	if (err)
		return err;
	if (!register_virtio_driver(&ocf_lx_virtio_probe))
		ocf_lx_virtio_registered = true;
	bus_register_notifier(&pci_bus_type, &ocf_lx_pci_nb);
	bus_register_notifier(&platform_bus_type, &ocf_lx_platform_nb);
	if (ocf_lx_virtio_registered)
		bus_register_notifier(ocf_lx_virtio_probe.driver.bus, &ocf_lx_virtio_nb);
	register_module_notifier(&ocf_lx_module_nb);
	crypto_register_notifier(&ocf_lx_crypto_nb);
	ocf_lx_preload();
	debugfs_create_file("linux", 0444, debugfs, NULL, &ocf_lx_fops);
	debugfs_create_file("linux_idle", 0444, debugfs, NULL, &ocf_lx_idle_debug_fops);
	err = ocf_lx_rescan();
	if (err)
		ocf_lx_registry_exit();
	return err;
}

void ocf_lx_registry_exit(void)
{
	struct ocf_lx_going *g, *gtmp;
	struct ocf_lx_dev *d, *tmp;

	crypto_unregister_notifier(&ocf_lx_crypto_nb);
	unregister_module_notifier(&ocf_lx_module_nb);
	if (ocf_lx_virtio_registered)
		bus_unregister_notifier(ocf_lx_virtio_probe.driver.bus, &ocf_lx_virtio_nb);
	bus_unregister_notifier(&platform_bus_type, &ocf_lx_platform_nb);
	bus_unregister_notifier(&pci_bus_type, &ocf_lx_pci_nb);
	/* after every notifier that schedules it */
	cancel_delayed_work_sync(&ocf_lx_rescan_dwork);

	mutex_lock(&ocf_lx_mutex);
	list_for_each_entry_safe(d, tmp, &ocf_lx_devs, node)
		ocf_lx_dev_free(d);
	list_for_each_entry_safe(g, gtmp, &ocf_lx_goings, node) {
		list_del(&g->node);
		kfree(g);
	}
	mutex_unlock(&ocf_lx_mutex);
	if (ocf_lx_virtio_registered)
		unregister_virtio_driver(&ocf_lx_virtio_probe);
	ocf_lx_sym_exit();
}
