// SPDX-License-Identifier: GPL-2.0-only
/*
 * opencrypto_stream: a kernel consumer that streams AES-128-CBC requests
 * (the SP 800-38A F.2.1 vector, checked every time) through the framework,
 * resubmitting on EAGAIN, so that tests can pull a device out from under
 * it. Built only for the test suite (OPENCRYPTO_TESTS=1).
 *
 * /sys/kernel/debug/opencrypto_stream/control: write "start" (hardware
 * preferred), "start DRIVER" (that driver only) or "stop"; "keys" before
 * "start" makes two requests out of three carry their own key
 * (CRD_F_KEY_EXPLICIT, AES-256 and AES-192 by turns, F.2.5 and F.2.3), so
 * that the driver changes keys all the time; "nokeys" undoes it.
 * /sys/kernel/debug/opencrypto_stream/status: counters and the drivers
 * that served the stream, in order.
 */
#include <linux/completion.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <opencrypto/crypto.h>

static const u8 key[16] = {
	0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
	0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c };
static const u8 iv[16] = {
	0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
	0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f };
static const u8 pt[32] = {
	0x6b, 0xc1, 0xbe, 0xe2, 0x2e, 0x40, 0x9f, 0x96, 0xe9, 0x3d, 0x7e, 0x11,
	0x73, 0x93, 0x17, 0x2a, 0xae, 0x2d, 0x8a, 0x57, 0x1e, 0x03, 0xac, 0x9c,
	0x9e, 0xb7, 0x6f, 0xac, 0x45, 0xaf, 0x8e, 0x51 };
static const u8 ct[32] = {
	0x76, 0x49, 0xab, 0xac, 0x81, 0x19, 0xb2, 0x46, 0xce, 0xe9, 0x8e, 0x9b,
	0x12, 0xe9, 0x19, 0x7d, 0x50, 0x86, 0xcb, 0x9b, 0x50, 0x72, 0x19, 0xee,
	0x95, 0xdb, 0x11, 0x3a, 0x91, 0x76, 0x78, 0xb2 };
/* SP 800-38A F.2.5 and F.2.3: AES-256 and AES-192, same IV and plaintext */
static const u8 key256[32] = {
	0x60, 0x3d, 0xeb, 0x10, 0x15, 0xca, 0x71, 0xbe, 0x2b, 0x73, 0xae, 0xf0,
	0x85, 0x7d, 0x77, 0x81, 0x1f, 0x35, 0x2c, 0x07, 0x3b, 0x61, 0x08, 0xd7,
	0x2d, 0x98, 0x10, 0xa3, 0x09, 0x14, 0xdf, 0xf4 };
static const u8 ct256[32] = {
	0xf5, 0x8c, 0x4c, 0x04, 0xd6, 0xe5, 0xf1, 0xba, 0x77, 0x9e, 0xab, 0xfb,
	0x5f, 0x7b, 0xfb, 0xd6, 0x9c, 0xfc, 0x4e, 0x96, 0x7e, 0xdb, 0x80, 0x8d,
	0x67, 0x9f, 0x77, 0x7b, 0xc6, 0x70, 0x2c, 0x7d };
static const u8 key192[24] = {
	0x8e, 0x73, 0xb0, 0xf7, 0xda, 0x0e, 0x64, 0x52, 0xc8, 0x10, 0xf3, 0x2b,
	0x80, 0x90, 0x79, 0xe5, 0x62, 0xf8, 0xea, 0xd2, 0x52, 0x2c, 0x6b, 0x7b };
static const u8 ct192[32] = {
	0x4f, 0x02, 0x1d, 0xb2, 0x43, 0xbc, 0x63, 0x3d, 0x71, 0x78, 0x18, 0x3a,
	0x9f, 0xa0, 0x71, 0xe8, 0xb4, 0xd9, 0xad, 0xa9, 0xad, 0x7d, 0xed, 0xf4,
	0xe5, 0xe7, 0x38, 0x76, 0x3f, 0x69, 0x14, 0x5a };

static DEFINE_MUTEX(stream_lock);	/* task, start/stop */
static int stream_crid;
static bool stream_keys;
static struct task_struct *stream_task;
static struct dentry *stream_dir;

static struct {
	u64 done, eagain, errors, wrong, lost;
	int last_err;
	char drivers[256];
} st;

static int stream_cb(struct cryptop *crp)
{
	complete(crp->crp_opaque);
	return 0;
}

static void stream_note_driver(crypto_session_t s, int *last)
{
	struct crypto_driver_info info;
	int id = crypto_session_driver(s, CRYPTO_AES_CBC, 0);

	if (id == *last || crypto_driver_info(id, &info))
		return;
	*last = id;
	strlcat(st.drivers, " ", sizeof(st.drivers));
	strlcat(st.drivers, info.name, sizeof(st.drivers));
}

static int stream_thread(void *arg)
{
	struct cryptoini cri = { .cri_alg = CRYPTO_AES_CBC, .cri_klen = 128 };
	struct completion done;
	crypto_session_t s;
	struct cryptop *crp;
	const u8 *want = ct;
	int last = -1, rc;
	unsigned int turn = 0;
	u8 *buf, *keys;

	cri.cri_key = (u8 *)key;
	buf = kmalloc(sizeof(pt), GFP_KERNEL);
	/* the keys in memory of their own, as a consumer's would be */
	keys = kmalloc(sizeof(key256) + sizeof(key192), GFP_KERNEL);
	if (keys) {
		memcpy(keys, key256, sizeof(key256));
		memcpy(keys + sizeof(key256), key192, sizeof(key192));
	}
	crp = crypto_getreq(1);
	rc = crypto_newsession(&s, &cri, stream_crid);
	if (!buf || !keys || !crp || rc) {
		st.last_err = rc ? rc : ENOMEM;
		goto out;
	}
	init_completion(&done);
	while (!kthread_should_stop()) {
		memcpy(buf, pt, sizeof(pt));
		crp->crp_session = s;
		crp->crp_buf = buf;
		crp->crp_ilen = sizeof(pt);
		crp->crp_callback = stream_cb;
		crp->crp_opaque = &done;
		crp->crp_desc->crd_alg = CRYPTO_AES_CBC;
		crp->crp_desc->crd_len = sizeof(pt);
		crp->crp_desc->crd_flags = CRD_F_ENCRYPT | CRD_F_IV_EXPLICIT | CRD_F_IV_PRESENT;
		memcpy(crp->crp_desc->crd_iv, iv, sizeof(iv));
		want = ct;
		if (stream_keys && turn % 3) {
			bool k256 = turn % 3 == 1;

			crp->crp_desc->crd_flags |= CRD_F_KEY_EXPLICIT;
			crp->crp_desc->crd_key = k256 ? keys : keys + sizeof(key256);
			crp->crp_desc->crd_klen = k256 ? 256 : 192;
			want = k256 ? ct256 : ct192;
		}
		reinit_completion(&done);
		crypto_dispatch(crp);
		if (!wait_for_completion_timeout(&done, 10 * HZ)) {
			st.lost++;
			/* still in flight: never free what it uses */
			return 0;
		}
		if (crp->crp_etype == EAGAIN) {
			st.eagain++;
			s = crp->crp_session;	/* the new handle */
			continue;
		}
		if (crp->crp_etype) {
			st.errors++;
			st.last_err = crp->crp_etype;
			msleep(20);
			continue;
		}
		if (memcmp(buf, want, sizeof(ct)))
			st.wrong++;
		else
			st.done++;
		turn++;
		stream_note_driver(s, &last);
	}
out:
	if (!rc)
		crypto_freesession(s);
	crypto_freereq(crp);
	kfree(buf);
	kfree(keys);
	while (!kthread_should_stop())
		schedule_timeout_interruptible(HZ / 10);
	return 0;
}

static ssize_t stream_control(struct file *f, const char __user *ubuf, size_t len,
			      loff_t *ppos)
{
	char cmd[64] = {};

	if (copy_from_user(cmd, ubuf, min(len, sizeof(cmd) - 1)))
		return -EFAULT;
	strim(cmd);
	mutex_lock(&stream_lock);
	if (!strncmp(cmd, "start", 5) && !stream_task) {
		stream_crid = CRYPTOCAP_F_HARDWARE | CRYPTOCAP_F_SOFTWARE;
		if (cmd[5] == ' ') {
			stream_crid = crypto_find_driver(cmd + 6);
			if (stream_crid < 0) {
				mutex_unlock(&stream_lock);
				return -ENOENT;
			}
		}
		memset(&st, 0, sizeof(st));
		stream_task = kthread_run(stream_thread, NULL, "ocf_stream");
		if (IS_ERR(stream_task))
			stream_task = NULL;
	} else if (!strcmp(cmd, "keys") || !strcmp(cmd, "nokeys")) {
		stream_keys = cmd[0] == 'k';
	} else if (!strncmp(cmd, "stop", 4) && stream_task) {
		kthread_stop(stream_task);
		stream_task = NULL;
	}
	mutex_unlock(&stream_lock);
	return len;
}

static const struct file_operations stream_control_fops = {
	.owner = THIS_MODULE,
	.write = stream_control,
};

static int stream_status_show(struct seq_file *m, void *v)
{
	seq_printf(m, "done %llu\neagain %llu\nerrors %llu\nwrong %llu\nlost %llu\nlast_err %d\ndrivers%s\n",
		   st.done, st.eagain, st.errors, st.wrong, st.lost, st.last_err, st.drivers);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(stream_status);

static int __init stream_init(void)
{
	stream_dir = debugfs_create_dir("opencrypto_stream", NULL);
	debugfs_create_file("control", 0200, stream_dir, NULL, &stream_control_fops);
	debugfs_create_file("status", 0444, stream_dir, NULL, &stream_status_fops);
	return 0;
}

static void __exit stream_exit(void)
{
	debugfs_remove_recursive(stream_dir);
	if (stream_task)
		kthread_stop(stream_task);
}

module_init(stream_init);
module_exit(stream_exit);
MODULE_DESCRIPTION("opencrypto test: stream AES-CBC requests through the framework");
MODULE_LICENSE("GPL");
MODULE_INFO(import_ns, "OPENCRYPTO");
