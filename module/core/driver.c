// SPDX-License-Identifier: GPL-2.0-only
/*
 * The driver registry: driver ids, the algorithms each driver registered,
 * lookup by id and name, and unregistration (which migrates sessions).
 *
 * Drivers live in a fixed table indexed by id (OCF_MAX_DRIVERS slots, never
 * reallocated): lookups and walks run under RCU and take a reference. A
 * bitmap tells the ids in use; they are handed out in turn, so that an id
 * comes back only after the others have been used.
 */
#include <linux/rcupdate.h>
#include <linux/ctype.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "internal.h"

static struct ocf_driver __rcu *ocf_drvtab[OCF_MAX_DRIVERS];
static DECLARE_BITMAP(ocf_drvids, OCF_MAX_DRIVERS);	/* ids in use */
static DEFINE_SPINLOCK(ocf_drvids_lock);		/* handing them out */
static u32 ocf_next_id;		/* where the search for a free id starts */

/*
 * The driver with the lowest id from *@id on, its id left in *@id; NULL
 * when there is none. Under RCU: a walk is for (id = 0; (drv =
 * ocf_driver_next(&id)); id++); slots taken but not yet (or no longer)
 * filled are skipped.
 */
static struct ocf_driver *ocf_driver_next(unsigned int *id)
{
	struct ocf_driver *drv;

	for (; *id < OCF_MAX_DRIVERS; (*id)++) {
		*id = find_next_bit(ocf_drvids, OCF_MAX_DRIVERS, *id);
		if (*id >= OCF_MAX_DRIVERS)
			break;
		drv = rcu_dereference(ocf_drvtab[*id]);
		if (drv)
			return drv;
	}
	return NULL;
}

/* A free id, taken; -1 when all are in use. */
static int ocf_driver_id_take(void)
{
	unsigned long id;

	spin_lock(&ocf_drvids_lock);
	id = find_next_zero_bit(ocf_drvids, OCF_MAX_DRIVERS, ocf_next_id);
	if (id >= OCF_MAX_DRIVERS)
		id = find_first_zero_bit(ocf_drvids, OCF_MAX_DRIVERS);
	if (id < OCF_MAX_DRIVERS) {
		set_bit(id, ocf_drvids);
		ocf_next_id = (id + 1) % OCF_MAX_DRIVERS;
	}
	spin_unlock(&ocf_drvids_lock);
	return id < OCF_MAX_DRIVERS ? id : -1;
}

static void ocf_driver_free_rcu(struct rcu_head *rcu)
{
	struct ocf_driver *drv = container_of(rcu, struct ocf_driver, rcu);

	free_percpu(drv->pc);
	kfree(drv);
}

static void ocf_driver_release(struct kref *ref)
{
	struct ocf_driver *drv = container_of(ref, struct ocf_driver, ref);

	call_rcu(&drv->rcu, ocf_driver_free_rcu);
}

/**
 * ocf_driver_get() - look a driver up by id and take a reference
 * @id: driver id
 *
 * Context: any.
 * Return: the driver (dead or not), or NULL.
 */
struct ocf_driver *ocf_driver_get(u32 id)
{
	struct ocf_driver *drv;

	if (id >= OCF_MAX_DRIVERS)
		return NULL;
	rcu_read_lock();
	drv = rcu_dereference(ocf_drvtab[id]);
	if (drv && !kref_get_unless_zero(&drv->ref))
		drv = NULL;
	rcu_read_unlock();
	return drv;
}

void ocf_driver_put(struct ocf_driver *drv)
{
	if (drv)
		kref_put(&drv->ref, ocf_driver_release);
}

/* Can @drv take a new session or request for @alg (-1: any) now? */
bool ocf_driver_usable(struct ocf_driver *drv, int alg)
{
	if (READ_ONCE(drv->dead))
		return false;
	return alg < 0 || test_bit(alg, drv->algs);
}

static bool ocf_class_match(struct ocf_driver *drv, int crid)
{
	if (crid & (CRYPTOCAP_F_HARDWARE | CRYPTOCAP_F_SOFTWARE))
		return drv->flags & crid & (CRYPTOCAP_F_HARDWARE | CRYPTOCAP_F_SOFTWARE);
	return drv->id == (u32)crid;
}

/**
 * ocf_driver_candidates() - the drivers that could serve some algorithms
 * @crid: a driver id, or a CRYPTOCAP_F_HARDWARE/SOFTWARE class mask
 * @algs: algorithm numbers (or, with @keying, CRK_* operations)
 * @nalgs: how many
 * @keying: @algs are keying operations
 * @out: where to put referenced drivers, in id order
 * @max: room in @out
 *
 * Context: any.
 * Return: the number of drivers put in @out; the caller puts them.
 */
int ocf_driver_candidates(int crid, const int *algs, int nalgs, bool keying,
			  struct ocf_driver **out, int max)
{
	struct ocf_driver *drv;
	unsigned int id;
	int n = 0, i;

	rcu_read_lock();
	for (id = 0; (drv = ocf_driver_next(&id)); id++) {
		if (n >= max)
			break;
		if (READ_ONCE(drv->dead) || !ocf_class_match(drv, crid))
			continue;
		for (i = 0; i < nalgs; i++)
			if (!test_bit(algs[i], keying ? drv->kalgs : drv->algs))
				break;
		if (i < nalgs || !kref_get_unless_zero(&drv->ref))
			continue;
		out[n++] = drv;
	}
	rcu_read_unlock();
	return n;
}

/**
 * crypto_get_driverid() - become an opencrypto driver
 * @dev: the driver instance: name, unit and methods (must outlive the
 *	driver's registration, until crypto_unregister_all() returns)
 * @session_size: bytes of per-session memory the framework allocates,
 *	zeroes and passes to the driver (crypto_get_driver_session())
 * @flags: exactly one of CRYPTOCAP_F_HARDWARE and CRYPTOCAP_F_SOFTWARE,
 *	plus CRYPTOCAP_F_SYNC if every request completes inside process()
 *
 * Context: process.
 * Return: the new driver id (>= 0), or -1 on failure.
 */
s32 crypto_get_driverid(struct crypto_device *dev, size_t session_size, int flags)
{
	const u32 class = CRYPTOCAP_F_HARDWARE | CRYPTOCAP_F_SOFTWARE;
	struct ocf_driver *drv;
	int i, id;

	if (!dev || !dev->name || !dev->methods || !dev->methods->process || dev->unit < 0)
		return -1;
	if ((flags & ~(class | CRYPTOCAP_F_SYNC)) || hweight32(flags & class) != 1)
		return -1;
	if (session_size > 65536)
		return -1;

	drv = kzalloc(sizeof(*drv), GFP_KERNEL);
	if (!drv)
		return -1;
	drv->pc = alloc_percpu(struct ocf_counters);
	if (!drv->pc) {
		kfree(drv);
		return -1;
	}
	kref_init(&drv->ref);
	spin_lock_init(&drv->lock);
	INIT_LIST_HEAD(&drv->sessions);
	init_rwsem(&drv->methods_rwsem);
	init_waitqueue_head(&drv->drain_wq);
	drv->dev = dev;
	drv->session_size = session_size;
	drv->flags = flags;
	/* "aesni_intel0", but "chacha_x86_64-0": a name's own digits stay apart */
	snprintf(drv->name, sizeof(drv->name), "%s%s%d", dev->name,
		 *dev->name && isdigit(dev->name[strlen(dev->name) - 1]) ? "-" : "",
		 dev->unit);
	for (i = 0; i < CRYPTO_ALGORITHM_ALL; i++)
		drv->alg[i].cost = CRYPTO_COST_UNKNOWN;
	for (i = 0; i < OCF_NQUEUES; i++)
		ocf_queue_init(&drv->q[i], drv, i);

	id = ocf_driver_id_take();
	if (id < 0) {
		free_percpu(drv->pc);
		kfree(drv);
		return -1;
	}
	drv->id = id;
	rcu_assign_pointer(ocf_drvtab[id], drv);
	ocf_choice_changed();
	pr_debug("driver %u: %s (%s)\n", id, drv->name,
		 flags & CRYPTOCAP_F_HARDWARE ? "hardware" : "software");
	return id;
}
EXPORT_SYMBOL_OCF(crypto_get_driverid);

/**
 * crypto_register() - announce that a driver supports an algorithm
 * @driverid: from crypto_get_driverid()
 * @alg: CRYPTO_* algorithm
 * @maxoplen: largest operand in bits (informative)
 * @flags: per-algorithm flags (kept, informative)
 *
 * Registering an algorithm again forgets its measured cost.
 *
 * Context: any.
 * Return: 0, or EINVAL for an unknown driver, a dead one or a bad algorithm.
 */
int crypto_register(u32 driverid, int alg, u16 maxoplen, u32 flags)
{
	struct ocf_driver *drv;
	int err = 0;

	if (!ocf_alg_get(alg))
		return EINVAL;
	drv = ocf_driver_get(driverid);
	if (!drv)
		return EINVAL;
	spin_lock(&drv->lock);
	if (drv->dead) {
		err = EINVAL;
	} else {
		drv->alg[alg].maxoplen = maxoplen;
		drv->alg[alg].flags = flags;
		drv->alg[alg].cost = CRYPTO_COST_UNKNOWN;
		set_bit(alg, drv->algs);
	}
	spin_unlock(&drv->lock);
	ocf_choice_changed();
	ocf_driver_put(drv);
	return err;
}
EXPORT_SYMBOL_OCF(crypto_register);

/**
 * crypto_kregister() - announce that a driver supports a keying operation
 * @driverid: from crypto_get_driverid()
 * @kalg: CRK_* operation
 * @flags: informative
 *
 * Context: any.
 * Return: 0, or EINVAL for an unknown or dead driver, or a bad operation.
 */
int crypto_kregister(u32 driverid, int kalg, u32 flags)
{
	struct ocf_driver *drv;
	int err = 0;

	if (!ocf_kalg_valid(kalg))
		return EINVAL;
	drv = ocf_driver_get(driverid);
	if (!drv)
		return EINVAL;
	if (!drv->dev->methods->kprocess) {
		ocf_driver_put(drv);
		return EINVAL;
	}
	spin_lock(&drv->lock);
	if (drv->dead)
		err = EINVAL;
	else
		set_bit(kalg, drv->kalgs);
	spin_unlock(&drv->lock);
	ocf_driver_put(drv);
	return err;
}
EXPORT_SYMBOL_OCF(crypto_kregister);

/*
 * One withdrawal at a time: a migration takes other drivers' methods_rwsem
 * for reading (the replacement's newsession, a calibration), so two
 * withdrawals at once, each holding its own for writing, could wait for
 * each other for ever.
 */
static DEFINE_MUTEX(ocf_withdraw_mutex);

/* Take @drv out of service; the caller holds methods_rwsem for writing. */
static void ocf_driver_retire(struct ocf_driver *drv)
{
	int i;

	ocf_migrate_driver(drv, -1);
	ocf_kqueue_reroute(drv);
	wait_event(drv->drain_wq, atomic_read(&drv->inflight) == 0);
	for (i = 0; i < OCF_NQUEUES; i++)
		if (cancel_work_sync(&drv->q[i].work))
			ocf_driver_put(drv);	/* the pending work's reference */
	/* what a flow-controlled retry queued after the first flushes */
	ocf_queue_flush_sym(drv);
	ocf_kqueue_reroute(drv);
	RCU_INIT_POINTER(ocf_drvtab[drv->id], NULL);
	clear_bit(drv->id, ocf_drvids);	/* free for another, in its turn */
	pr_debug("driver %u (%s) unregistered\n", drv->id, drv->name);
}

/**
 * crypto_unregister_all() - withdraw a driver
 * @driverid: from crypto_get_driverid()
 *
 * No new session goes to the driver; its sessions are migrated to other
 * drivers (requests queued for it complete with EAGAIN and the new session
 * handle, or ENXIO if no driver can take over); requests inside it are
 * waited for; its freesession method runs for every session. On return no
 * thread is in its newsession or freesession method and the framework will
 * never call it again: @dev may go.
 *
 * Context: process; sleeps.
 * Return: 0, or EINVAL for an unknown driver id.
 */
int crypto_unregister_all(u32 driverid)
{
	struct ocf_driver *drv = ocf_driver_get(driverid);

	if (!drv)
		return EINVAL;
	mutex_lock(&ocf_withdraw_mutex);
	down_write(&drv->methods_rwsem);
	spin_lock(&drv->lock);
	if (drv->dead) {
		spin_unlock(&drv->lock);
		up_write(&drv->methods_rwsem);
		mutex_unlock(&ocf_withdraw_mutex);
		ocf_driver_put(drv);
		return EINVAL;
	}
	WRITE_ONCE(drv->dead, true);
	bitmap_zero(drv->algs, CRYPTO_ALGORITHM_ALL);
	bitmap_zero(drv->kalgs, CRK_ALGORITHM_ALL);
	spin_unlock(&drv->lock);
	ocf_choice_changed();
	smp_mb();	/* dead before in-flight counts: pairs with ocf_invoke() */
	ocf_driver_retire(drv);
	up_write(&drv->methods_rwsem);
	mutex_unlock(&ocf_withdraw_mutex);
	ocf_driver_put(drv);		/* the table's reference */
	ocf_driver_put(drv);		/* ours */
	return 0;
}
EXPORT_SYMBOL_OCF(crypto_unregister_all);

/**
 * crypto_unregister() - withdraw one algorithm of a driver
 * @driverid: from crypto_get_driverid()
 * @alg: CRYPTO_* algorithm it registered
 *
 * Sessions of the driver that use @alg are migrated as by
 * crypto_unregister_all(); when no algorithm is left (keying operations
 * included), the driver is unregistered altogether.
 *
 * Context: process; sleeps.
 * Return: 0, or EINVAL for an unknown driver or an algorithm it has not
 * registered.
 */
int crypto_unregister(u32 driverid, int alg)
{
	struct ocf_driver *drv;
	bool last;

	if (!ocf_alg_get(alg))
		return EINVAL;
	drv = ocf_driver_get(driverid);
	if (!drv)
		return EINVAL;
	mutex_lock(&ocf_withdraw_mutex);
	down_write(&drv->methods_rwsem);
	spin_lock(&drv->lock);
	if (drv->dead || !test_bit(alg, drv->algs)) {
		spin_unlock(&drv->lock);
		up_write(&drv->methods_rwsem);
		mutex_unlock(&ocf_withdraw_mutex);
		ocf_driver_put(drv);
		return EINVAL;
	}
	clear_bit(alg, drv->algs);
	last = bitmap_empty(drv->algs, CRYPTO_ALGORITHM_ALL) &&
	       bitmap_empty(drv->kalgs, CRK_ALGORITHM_ALL);
	if (last)
		WRITE_ONCE(drv->dead, true);
	spin_unlock(&drv->lock);
	ocf_choice_changed();
	smp_mb();	/* dead before in-flight counts: pairs with ocf_invoke() */
	if (last) {
		ocf_driver_retire(drv);
		up_write(&drv->methods_rwsem);
		ocf_driver_put(drv);
	} else {
		ocf_migrate_driver(drv, alg);
		up_write(&drv->methods_rwsem);
	}
	mutex_unlock(&ocf_withdraw_mutex);
	ocf_driver_put(drv);
	return 0;
}
EXPORT_SYMBOL_OCF(crypto_unregister);

/**
 * crypto_find_driver() - a driver id by name
 * @match: a driver name with its unit ("virtio_crypto0", "chacha_x86_64-0"
 *	when the name ends in a digit), or without it ("virtio_crypto": the
 *	first such driver, by id)
 *
 * Context: any.
 * Return: the driver id, or -1 if no live driver matches.
 */
int crypto_find_driver(const char *match)
{
	struct ocf_driver *drv;
	unsigned int id;
	int found = -1;

	if (!match)
		return -1;
	rcu_read_lock();
	for (id = 0; (drv = ocf_driver_next(&id)); id++) {
		if (READ_ONCE(drv->dead))
			continue;
		if (!strcmp(drv->name, match)) {
			found = id;
			break;
		}
		if (found < 0 && !strcmp(drv->dev->name, match))
			found = id;
	}
	rcu_read_unlock();
	return found;
}
EXPORT_SYMBOL_OCF(crypto_find_driver);

/**
 * crypto_driver_info() - a driver's identity, state and counters
 * @driverid: driver id
 * @info: filled in
 *
 * Context: any.
 * Return: 0, or ENOENT if there is no such driver.
 */
int crypto_driver_info(u32 driverid, struct crypto_driver_info *info)
{
	struct ocf_driver *drv = ocf_driver_get(driverid);

	if (!drv)
		return ENOENT;
	memset(info, 0, sizeof(*info));
	info->id = drv->id;
	strscpy(info->name, drv->name, sizeof(info->name));
	info->flags = drv->flags;
	info->dead = READ_ONCE(drv->dead);
	info->sessions = READ_ONCE(drv->nsessions);
	info->ops = ocf_counter_read(drv->pc, ops);
	info->errors = ocf_counter_read(drv->pc, errors);
	info->kops = ocf_counter_read(drv->pc, kops);
	info->kerrors = ocf_counter_read(drv->pc, kerrors);
	info->blocks = atomic64_read(&drv->blocks);
	info->unblocks = atomic64_read(&drv->unblocks);
	info->queued = READ_ONCE(drv->q[0].len) + READ_ONCE(drv->q[1].len);
	info->migrations = atomic64_read(&drv->migrations);
	info->cb_count = ocf_counter_read(drv->pc, cb_count);
	info->cb_ns_total = ocf_counter_read(drv->pc, cb_ns_total);
	info->cb_ns_max = atomic64_read(&drv->cb_ns_max);
	ocf_driver_put(drv);
	return 0;
}
EXPORT_SYMBOL_OCF(crypto_driver_info);

/**
 * crypto_driver_flags() - the class of a live driver
 * @driverid: driver id
 *
 * What choosing or checking a driver needs, without the statistics that
 * crypto_driver_info() gathers.
 *
 * Context: any.
 * Return: its CRYPTOCAP_F_* flags, or -1 when there is no such driver or
 * it is being withdrawn.
 */
int crypto_driver_flags(u32 driverid)
{
	struct ocf_driver *drv;
	int flags = -1;

	if (driverid >= OCF_MAX_DRIVERS)
		return -1;
	rcu_read_lock();
	drv = rcu_dereference(ocf_drvtab[driverid]);
	if (drv && !READ_ONCE(drv->dead))
		flags = drv->flags;
	rcu_read_unlock();
	return flags;
}
EXPORT_SYMBOL_OCF(crypto_driver_flags);

/**
 * crypto_driver_supports() - has a live driver registered an algorithm?
 * @driverid: driver id
 * @alg: CRYPTO_* algorithm
 *
 * Context: any.
 * Return: true if so.
 */
bool crypto_driver_supports(u32 driverid, int alg)
{
	struct ocf_driver *drv;
	bool ret;

	if (!ocf_alg_get(alg))
		return false;
	drv = ocf_driver_get(driverid);
	if (!drv)
		return false;
	ret = ocf_driver_usable(drv, alg);
	ocf_driver_put(drv);
	return ret;
}
EXPORT_SYMBOL_OCF(crypto_driver_supports);

/**
 * crypto_driver_ksupports() - has a live driver registered a keying operation?
 * @driverid: driver id
 * @kalg: CRK_* operation
 *
 * Context: any.
 * Return: true if so.
 */
bool crypto_driver_ksupports(u32 driverid, int kalg)
{
	struct ocf_driver *drv;
	bool ret;

	if (!ocf_kalg_valid(kalg))
		return false;
	drv = ocf_driver_get(driverid);
	if (!drv)
		return false;
	ret = !READ_ONCE(drv->dead) && test_bit(kalg, drv->kalgs);
	ocf_driver_put(drv);
	return ret;
}
EXPORT_SYMBOL_OCF(crypto_driver_ksupports);

/**
 * crypto_driver_cost() - a driver's measured cost for an algorithm
 * @driverid: driver id
 * @alg: CRYPTO_* algorithm
 *
 * Context: any.
 * Return: nanoseconds for one 256-byte plus one 4-KiB operation as last
 * measured, or CRYPTO_COST_UNKNOWN.
 */
u64 crypto_driver_cost(u32 driverid, int alg)
{
	struct ocf_driver *drv;
	u64 cost;

	if (!ocf_alg_get(alg))
		return CRYPTO_COST_UNKNOWN;
	drv = ocf_driver_get(driverid);
	if (!drv)
		return CRYPTO_COST_UNKNOWN;
	cost = READ_ONCE(drv->alg[alg].cost);
	ocf_driver_put(drv);
	return cost;
}
EXPORT_SYMBOL_OCF(crypto_driver_cost);

/**
 * crypto_recalibrate() - forget every measured cost
 *
 * The next sessions measure again the drivers they choose between.
 *
 * Context: any.
 */
void crypto_recalibrate(void)
{
	struct ocf_driver *drv;
	unsigned int id;
	int i;

	rcu_read_lock();
	for (id = 0; (drv = ocf_driver_next(&id)); id++)
		for (i = 0; i < CRYPTO_ALGORITHM_ALL; i++)
			WRITE_ONCE(drv->alg[i].cost, CRYPTO_COST_UNKNOWN);
	rcu_read_unlock();
	ocf_choice_changed();
}
EXPORT_SYMBOL_OCF(crypto_recalibrate);

/* A sampled request is done: its latency (ocf_driver_stat_latency()). */
void __ocf_driver_stat_latency(struct ocf_driver *drv, u64 stamp)
{
	u64 max, ns;

	ns = ktime_get_ns() - stamp;
	max = atomic64_read(&drv->cb_ns_max);
	this_cpu_inc(drv->pc->cb_count);
	this_cpu_add(drv->pc->cb_ns_total, ns);
	while (ns > max) {
		u64 old = atomic64_cmpxchg(&drv->cb_ns_max, max, ns);

		if (old == max)
			break;
		max = old;
	}
}

/* For debugfs: call @fn for each driver, under RCU. */
void ocf_visit_drivers(void *arg, ocf_driver_fn fn)
{
	struct ocf_driver *drv;
	unsigned int id;

	rcu_read_lock();
	for (id = 0; (drv = ocf_driver_next(&id)); id++)
		fn(drv, arg);
	rcu_read_unlock();
}

/* Module unload: every driver must be gone (drivers hold module references). */
void ocf_drivers_shutdown(void)
{
	WARN_ON(!bitmap_empty(ocf_drvids, OCF_MAX_DRIVERS));
}
