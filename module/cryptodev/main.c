// SPDX-License-Identifier: GPL-2.0-only
/*
 * cryptodev module entry: the /dev/crypto character device, a user-space
 * consumer of the opencrypto framework with the cryptodev-linux ioctl ABI.
 *
 * The device node is created with mode 0600 (root only) by devtmpfs; the udev
 * rule shipped in udev/ opens it to the "crypto" group. Whoever can open
 * /dev/crypto can drive every crypto driver in the kernel, so access is a
 * deliberate grant, not a default.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/sizes.h>
#include <linux/slab.h>

#include "cdev.h"

unsigned int cdev_max_request = 16 << 20;

/* The framework's lengths are ints: a request, its tag and padding fit well below. */
#define CDEV_MAX_REQUEST_LIMIT	SZ_1G

static int cdev_set_max_request(const char *val, const struct kernel_param *kp)
{
	unsigned int v;
	int err = kstrtouint(val, 0, &v);

	if (err)
		return err;
	if (v > CDEV_MAX_REQUEST_LIMIT)
		return -EINVAL;
	*(unsigned int *)kp->arg = v;
	return 0;
}

static const struct kernel_param_ops cdev_max_request_ops = {
	.set = cdev_set_max_request,
	.get = param_get_uint,
};
module_param_cb(max_request, &cdev_max_request_ops, &cdev_max_request, 0644);
MODULE_PARM_DESC(max_request, "Largest request, bytes of data (E2BIG above; default 16 MiB, at most 1 GiB)");

unsigned int cdev_max_sessions = 1024;
module_param_named(max_sessions, cdev_max_sessions, uint, 0644);
MODULE_PARM_DESC(max_sessions, "Sessions per open file (ENOSPC above; default 1024)");

unsigned int cdev_async_depth = 64;
module_param_named(async_depth, cdev_async_depth, uint, 0644);
MODULE_PARM_DESC(async_depth, "Unfetched async requests per open file (EBUSY above; default 64)");

unsigned long cdev_max_memory = 256UL << 20;
module_param_named(max_memory, cdev_max_memory, ulong, 0644);
MODULE_PARM_DESC(max_memory, "Kernel buffer bytes /dev/crypto may hold in all (ENOMEM above; default 256 MiB)");

unsigned long cdev_max_user_memory = 64UL << 20;
module_param_named(max_user_memory, cdev_max_user_memory, ulong, 0644);
MODULE_PARM_DESC(max_user_memory, "Kernel buffer bytes the files one user opened may hold (ENOMEM above, unless CAP_SYS_RESOURCE; default 64 MiB)");

int cdev_allow_soft = 1;
module_param_named(allow_soft, cdev_allow_soft, int, 0644);
MODULE_PARM_DESC(allow_soft, "Serve /dev/crypto with software drivers too (FreeBSD cryptodevallowsoft; default 1, as cryptodev-linux)");

int cdev_allow_asym = 1;
module_param_named(allow_asym, cdev_allow_asym, int, 0644);
MODULE_PARM_DESC(allow_asym, "Offer keying operations (CIOCKEY) to user space (FreeBSD userasymcrypto; default 1)");

unsigned int cdev_zc_min = 4096;
module_param_named(zc_min, cdev_zc_min, uint, 0644);
MODULE_PARM_DESC(zc_min, "Smallest request whose user pages are mapped rather than copied (0: never map; default 4096)");

struct cdev_stats cdev_stats;
static struct dentry *cdev_debugfs;

static int cdev_stats_show(struct seq_file *m, void *unused)
{
	seq_printf(m, "files %d\nsessions %d\njobs %d\nmemory %ld\npinned %ld\nusers %u\n",
		   atomic_read(&cdev_stats.files), atomic_read(&cdev_stats.sessions),
		   atomic_read(&cdev_stats.jobs), atomic_long_read(&cdev_stats.memory),
		   atomic_long_read(&cdev_stats.pinned), cdev_acct_users());
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(cdev_stats);

static int cryptodev_open(struct inode *inode, struct file *file)
{
	struct cdev_file *f;
	int err;

	err = nonseekable_open(inode, file);
	if (err)
		return err;
	f = kzalloc(sizeof(*f), GFP_KERNEL_ACCOUNT);
	if (!f)
		return -ENOMEM;
	f->acct = cdev_acct_open();
	if (IS_ERR(f->acct)) {
		kfree(f);
		return -ENOMEM;
	}
	cdev_file_init(f);
	file->private_data = f;
	atomic_inc(&cdev_stats.files);
	return 0;
}

static int cryptodev_release(struct inode *inode, struct file *file)
{
	struct cdev_file *f = file->private_data;

	cdev_async_release(f);
	cdev_file_release(f);
	cdev_acct_put(f->acct);
	kfree(f);
	atomic_dec(&cdev_stats.files);
	return 0;
}

static __poll_t cryptodev_poll(struct file *file, poll_table *wait)
{
	struct cdev_file *f = file->private_data;

	poll_wait(file, &f->wq, wait);
	return cdev_async_poll(f);
}

static const struct file_operations cryptodev_fops = {
	.owner = THIS_MODULE,
	.open = cryptodev_open,
	.release = cryptodev_release,
	.poll = cryptodev_poll,
	.unlocked_ioctl = cdev_ioctl,
#ifdef CONFIG_COMPAT
	.compat_ioctl = cdev_compat_ioctl,
#endif
};

static struct miscdevice cryptodev_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "crypto",
	.fops = &cryptodev_fops,
	.mode = 0600,
};

static int __init cryptodev_init(void)
{
	int err;

	cdev_wq = alloc_workqueue("cryptodev", WQ_UNBOUND, 0);
	if (!cdev_wq)
		return -ENOMEM;
	err = misc_register(&cryptodev_misc);
	if (err) {
		pr_err("cannot register /dev/crypto: %d\n", err);
		destroy_workqueue(cdev_wq);
		return err;
	}
	cdev_debugfs = debugfs_create_dir("cryptodev", NULL);
	debugfs_create_file("stats", 0400, cdev_debugfs, NULL, &cdev_stats_fops);
	pr_info("/dev/crypto registered (opencrypto %s)\n",
		opencrypto_version());
	return 0;
}

static void __exit cryptodev_exit(void)
{
	debugfs_remove_recursive(cdev_debugfs);
	misc_deregister(&cryptodev_misc);
	destroy_workqueue(cdev_wq);	/* orphaned requests freed first */
	cdev_job_exit();
	cdev_session_exit();
}

module_init(cryptodev_init);
module_exit(cryptodev_exit);

MODULE_DESCRIPTION("/dev/crypto: cryptodev-linux compatible front end of opencrypto");
MODULE_LICENSE("GPL");
MODULE_VERSION(OPENCRYPTO_VERSION);
OCF_IMPORT_NS();
