// SPDX-License-Identifier: GPL-2.0-only
/*
 * opencrypto module entry: brings the framework's subsystems up in order and
 * takes them down in reverse.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/rcupdate.h>

#include "internal.h"
#include "../drivers/linux.h"
#include "../drivers/pk.h"
#include "../drivers/soft.h"

/**
 * opencrypto_version() - version of the loaded framework
 *
 * Context: any.
 * Return: the version string of the opencrypto module, as in dkms.conf.
 */
const char *opencrypto_version(void)
{
	return OPENCRYPTO_VERSION;
}
EXPORT_SYMBOL_OCF(opencrypto_version);

static int __init opencrypto_init(void)
{
	int err;

	err = ocf_dispatch_init();
	if (err)
		return err;
	ocf_stats_init();
	err = ocf_soft_init();
	if (!err)
		err = ocf_pk_init();
	if (!err)
		err = ocf_lx_registry_init(ocf_debugfs);
	if (err) {
		ocf_pk_exit();
		ocf_soft_exit();
		ocf_stats_exit();
		ocf_dispatch_exit();
		rcu_barrier();	/* ocf_driver_free_rcu() is this module's code */
		return err;
	}
	pr_info("opencrypto framework %s loaded\n", OPENCRYPTO_VERSION);
	return 0;
}

static void __exit opencrypto_exit(void)
{
	ocf_lx_registry_exit();
	ocf_pk_exit();
	ocf_soft_exit();
	ocf_stats_exit();
	ocf_drivers_shutdown();
	ocf_dispatch_exit();
	rcu_barrier();	/* after the queue workers' last driver references */
	ocf_session_exit();
	pr_info("opencrypto framework unloaded\n");
}

module_init(opencrypto_init);
module_exit(opencrypto_exit);

MODULE_DESCRIPTION("opencrypto: the crypto(9) framework on the Linux crypto API");
MODULE_LICENSE("GPL");
MODULE_VERSION(OPENCRYPTO_VERSION);
