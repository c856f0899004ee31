// SPDX-License-Identifier: GPL-2.0-only
/*
 * opencrypto_gate: a software driver with a gate, to test flow control
 * through /dev/crypto. Built only for the test suite (OPENCRYPTO_TESTS=1).
 *
 * It registers as "ocft_gate" and serves CRYPTO_NULL_CBC (the data as it
 * is). While the gate is closed, process() answers ERESTART: the framework
 * queues the request and marks the driver blocked. Opening the gate calls
 * crypto_unblock(), and the queued requests run. With the framework's
 * max_queue at 0, a request that finds the queue in use fails with ENOBUFS.
 *
 * /sys/kernel/debug/opencrypto_gate/control: write "close" or "open".
 * /sys/kernel/debug/opencrypto_gate/status: "gate open|closed", then
 * "refused N" (ERESTART answers) and "done N" (requests completed).
 */
#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include <opencrypto/crypto.h>

static struct crypto_device gate_dev;
static s32 gate_id = -1;
static bool gate_closed;
static atomic_long_t gate_refused, gate_done;
static struct dentry *gate_dir;

static int gate_newsession(struct crypto_device *dev, crypto_session_t cses,
			   const struct cryptoini *cri)
{
	return 0;	/* only CRYPTO_NULL_CBC is registered: nothing to set up */
}

static int gate_process(struct crypto_device *dev, struct cryptop *crp, int hint)
{
	if (READ_ONCE(gate_closed)) {
		atomic_long_inc(&gate_refused);
		return ERESTART;
	}
	crp->crp_etype = 0;	/* the NULL cipher leaves the data as it is */
	atomic_long_inc(&gate_done);
	crypto_done(crp);
	return 0;
}

static const struct crypto_driver_methods gate_methods = {
	.newsession = gate_newsession,
	.process = gate_process,
};

static ssize_t gate_control(struct file *file, const char __user *ubuf, size_t count,
			    loff_t *ppos)
{
	char cmd[8] = "";

	if (count >= sizeof(cmd) || copy_from_user(cmd, ubuf, count))
		return -EINVAL;
	strim(cmd);
	if (!strcmp(cmd, "close")) {
		WRITE_ONCE(gate_closed, true);
	} else if (!strcmp(cmd, "open")) {
		WRITE_ONCE(gate_closed, false);
		crypto_unblock(gate_id, CRYPTO_SYMQ);
	} else {
		return -EINVAL;
	}
	return count;
}

static const struct file_operations gate_control_fops = {
	.owner = THIS_MODULE,
	.write = gate_control,
	.llseek = noop_llseek,
};

static int gate_status_show(struct seq_file *m, void *v)
{
	seq_printf(m, "gate %s\nrefused %ld\ndone %ld\n",
		   READ_ONCE(gate_closed) ? "closed" : "open",
		   atomic_long_read(&gate_refused), atomic_long_read(&gate_done));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(gate_status);

static int __init gate_init(void)
{
	int err;

	gate_dev.name = "ocft_gate";
	gate_dev.methods = &gate_methods;
	gate_id = crypto_get_driverid(&gate_dev, 0, CRYPTOCAP_F_SOFTWARE | CRYPTOCAP_F_SYNC);
	if (gate_id < 0)
		return -ENOMEM;
	err = crypto_register(gate_id, CRYPTO_NULL_CBC, 0, 0);
	if (err) {
		crypto_unregister_all(gate_id);
		return -err;
	}
	gate_dir = debugfs_create_dir("opencrypto_gate", NULL);
	debugfs_create_file("control", 0200, gate_dir, NULL, &gate_control_fops);
	debugfs_create_file("status", 0444, gate_dir, NULL, &gate_status_fops);
	return 0;
}

static void __exit gate_exit(void)
{
	debugfs_remove_recursive(gate_dir);
	WRITE_ONCE(gate_closed, false);
	crypto_unregister_all(gate_id);	/* queued requests go to other drivers */
}

module_init(gate_init);
module_exit(gate_exit);

MODULE_DESCRIPTION("opencrypto test driver: NULL cipher behind a gate (flow control)");
MODULE_LICENSE("GPL");
OCF_IMPORT_NS();
