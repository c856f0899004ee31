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
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/miscdevice.h>
#include <linux/module.h>

#include <opencrypto/crypto.h>

static int cryptodev_open(struct inode *inode, struct file *file)
{
	return nonseekable_open(inode, file);
}

static int cryptodev_release(struct inode *inode, struct file *file)
{
	return 0;
}

static long cryptodev_ioctl(struct file *file, unsigned int cmd,
			    unsigned long arg)
{
	return -ENOTTY;
}

static const struct file_operations cryptodev_fops = {
	.owner = THIS_MODULE,
	.open = cryptodev_open,
	.release = cryptodev_release,
	.unlocked_ioctl = cryptodev_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
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

	err = misc_register(&cryptodev_misc);
	if (err) {
		pr_err("cannot register /dev/crypto: %d\n", err);
		return err;
	}
	pr_info("/dev/crypto registered (opencrypto %s)\n",
		opencrypto_version());
	return 0;
}

static void __exit cryptodev_exit(void)
{
	misc_deregister(&cryptodev_misc);
}

module_init(cryptodev_init);
module_exit(cryptodev_exit);

MODULE_DESCRIPTION("/dev/crypto: cryptodev-linux compatible front end of opencrypto");
MODULE_LICENSE("GPL");
MODULE_VERSION(OPENCRYPTO_VERSION);
OCF_IMPORT_NS();
