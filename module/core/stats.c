// SPDX-License-Identifier: GPL-2.0-only
/*
 * Statistics in debugfs (/sys/kernel/debug/opencrypto/): diagnostics whose
 * format may change, in tables. The stable interface to the same counters
 * is crypto_driver_info() (and the /dev/crypto driver listing).
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>

#include "internal.h"

struct ocf_stats ocf_stats;
DEFINE_PER_CPU(struct ocf_counters, ocf_counters);
struct dentry *ocf_debugfs;

/**
 * ocf_counters_sum() - the total of one counter over every CPU
 * @pc: per-CPU counters
 * @off: the counter's offset in struct ocf_counters
 *
 * Context: any. The total is a snapshot: counting goes on meanwhile.
 */
u64 ocf_counters_sum(struct ocf_counters __percpu *pc, size_t off)
{
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += *(u64 *)((u8 *)per_cpu_ptr(pc, cpu) + off);
	return sum;
}

static void ocf_show_driver(struct ocf_driver *drv, void *arg)
{
	struct seq_file *m = arg;
	u64 n = ocf_counter_read(drv->pc, cb_count);

	seq_printf(m, "%-3u %-24s %-8s %-4s %-4s %8u %10llu %8llu %8llu %8llu %7lld %7lld %5u %5u %6lld %10llu %10lld\n",
		   drv->id, drv->name,
		   drv->flags & CRYPTOCAP_F_HARDWARE ? "hardware" : "software",
		   drv->flags & CRYPTOCAP_F_SYNC ? "sync" : "-",
		   READ_ONCE(drv->dead) ? "dead" : "live",
		   READ_ONCE(drv->nsessions),
		   ocf_counter_read(drv->pc, ops), ocf_counter_read(drv->pc, errors),
		   ocf_counter_read(drv->pc, kops), ocf_counter_read(drv->pc, kerrors),
		   atomic64_read(&drv->blocks), atomic64_read(&drv->unblocks),
		   READ_ONCE(drv->q[0].len), READ_ONCE(drv->q[1].len),
		   atomic64_read(&drv->migrations),
		   n ? ocf_counter_read(drv->pc, cb_ns_total) / n : 0,
		   atomic64_read(&drv->cb_ns_max));
}

static int ocf_drivers_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%-3s %-24s %-8s %-4s %-4s %8s %10s %8s %8s %8s %7s %7s %5s %5s %6s %10s %10s\n",
		   "id", "name", "class", "sync", "", "sessions", "ops", "errors",
		   "kops", "kerrors", "blocks", "unblock", "symq", "asymq",
		   "migr", "cb_ns_avg", "cb_ns_max");
	ocf_visit_drivers(m, ocf_show_driver);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(ocf_drivers);

static void ocf_show_costs(struct ocf_driver *drv, void *arg)
{
	struct seq_file *m = arg;
	int alg;

	for_each_set_bit(alg, drv->algs, CRYPTO_ALGORITHM_ALL) {
		u64 c = READ_ONCE(drv->alg[alg].cost);

		if (c == CRYPTO_COST_UNKNOWN)
			seq_printf(m, "%-24s %-26s %12s\n", drv->name, ocf_alg_get(alg)->name, "-");
		else
			seq_printf(m, "%-24s %-26s %12llu %12llu %12llu\n", drv->name,
				   ocf_alg_get(alg)->name, c, drv->alg[alg].cost_small,
				   drv->alg[alg].cost_large);
	}
}

static int ocf_costs_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%-24s %-26s %12s %12s %12s\n", "driver", "algorithm",
		   "cost_ns", "256B_ns", "4KiB_ns");
	ocf_visit_drivers(m, ocf_show_costs);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(ocf_costs);

static int ocf_stats_show(struct seq_file *m, void *v)
{
	seq_printf(m, "sessions %lld\nops %llu\nerrors %llu\neagain %llu\nmigrations %lld\nkops %llu\nkerrors %llu\nmax_queue %u\n",
		   atomic64_read(&ocf_stats.sessions),
		   ocf_counter_read(&ocf_counters, ops),
		   ocf_counter_read(&ocf_counters, errors),
		   ocf_counter_read(&ocf_counters, eagain),
		   atomic64_read(&ocf_stats.migrations),
		   ocf_counter_read(&ocf_counters, kops),
		   ocf_counter_read(&ocf_counters, kerrors), ocf_max_queue);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(ocf_stats);

static ssize_t ocf_recalibrate_write(struct file *file, const char __user *buf,
				     size_t len, loff_t *ppos)
{
	crypto_recalibrate();
	return len;
}

static const struct file_operations ocf_recalibrate_fops = {
	.owner = THIS_MODULE,
	.write = ocf_recalibrate_write,
};

int ocf_stats_init(void)
{
	ocf_debugfs = debugfs_create_dir("opencrypto", NULL);
	debugfs_create_file("drivers", 0444, ocf_debugfs, NULL, &ocf_drivers_fops);
	debugfs_create_file("costs", 0444, ocf_debugfs, NULL, &ocf_costs_fops);
	debugfs_create_file("stats", 0444, ocf_debugfs, NULL, &ocf_stats_fops);
	debugfs_create_file("recalibrate", 0200, ocf_debugfs, NULL, &ocf_recalibrate_fops);
	return 0;
}

void ocf_stats_exit(void)
{
	debugfs_remove_recursive(ocf_debugfs);
}
