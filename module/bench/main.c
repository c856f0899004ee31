// SPDX-License-Identifier: GPL-2.0-only
/*
 * opencrypto_bench: the in-kernel references of the benchmark. Its debugfs
 * file /sys/kernel/debug/opencrypto_bench/run takes one command per write
 * and runs it in the writer's context; a read on the same open file gives
 * the result line. The protocol is in bench.h.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include <opencrypto/crypto.h>

#include "kbench.h"

#define BENCH_CMD_LEN		256	/* longest command line */
#define BENCH_RESULT_LEN	256

static const struct bench_alg bench_algs[] = {
	{ "aes-128-cbc", BENCH_CIPHER, "cbc(aes)", CRYPTO_AES_CBC, 16, 16, 16 },
	{ "aes-256-gcm", BENCH_AEAD, "gcm(aes)", CRYPTO_AES_NIST_GCM_16, 32, 12, 1 },
	{ "aes-128-ctr", BENCH_CIPHER, "ctr(aes)", CRYPTO_AES_ICM, 16, 16, 1 },
	{ "sha256", BENCH_HASH, "sha256", CRYPTO_SHA2_256, 0, 0, 1 },
	{ "hmac-sha256", BENCH_HASH, "hmac(sha256)", CRYPTO_SHA2_256_HMAC, 32, 0, 1 },
	{ "null", BENCH_CIPHER, "ecb(cipher_null)", CRYPTO_NULL_CBC, 0, 0, 1 },
	{ "modexp-2048", BENCH_MODEXP, "rsa", 0, 0, 0, 1 },
};

/* An open file: its last result, and the transform of a "call" command. */
struct bench_file {
	struct mutex lock;		/* one command or call at a time */
	char result[BENCH_RESULT_LEN];
	size_t len;
	struct bench_tfm *call;
};

static struct dentry *bench_dir;

static const struct bench_alg *bench_alg_get(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bench_algs); i++)
		if (!strcmp(bench_algs[i].name, name))
			return &bench_algs[i];
	return NULL;
}

/* The next word of @line, or NULL at its end. */
static char *bench_word(char **line)
{
	char *w;

	do {
		w = strsep(line, " \t\n");
	} while (w && !*w);
	return w;
}

static int bench_option(struct bench_cmd *cmd, char *opt, unsigned int *seen)
{
	char *val = strchr(opt, '=');

	if (!val)
		return -EINVAL;
	*val++ = '\0';
	if (!strcmp(opt, "driver") && !cmd->ocf && !(*seen & 1)) {
		*seen |= 1;
		if (!*val || strscpy(cmd->driver, val, sizeof(cmd->driver)) < 0)
			return -EINVAL;
		return 0;
	}
	if (!strcmp(opt, "crid") && cmd->ocf && !(*seen & 2)) {
		*seen |= 2;
		return kstrtoint(val, 0, &cmd->crid);
	}
	if (!strcmp(opt, "depth") && !(*seen & 4)) {
		*seen |= 4;
		if (kstrtouint(val, 10, &cmd->depth) ||
		    cmd->depth < 1 || cmd->depth > BENCH_MAX_DEPTH)
			return -EINVAL;
		return 0;
	}
	return -EINVAL;
}

/* Parse and check a command line (modified in place). */
static int bench_parse(char *line, struct bench_cmd *cmd)
{
	char *path, *alg, *size, *msecs, *opt;
	unsigned int seen = 0;
	int err;

	memset(cmd, 0, sizeof(*cmd));
	path = bench_word(&line);
	alg = bench_word(&line);
	size = bench_word(&line);
	msecs = bench_word(&line);
	if (!msecs)
		return -EINVAL;
	if (!strcmp(path, "ocf"))
		cmd->ocf = true;
	else if (!strcmp(path, "call"))
		cmd->call = true;
	else if (strcmp(path, "tfm"))
		return -EINVAL;
	cmd->alg = bench_alg_get(alg);
	if (!cmd->alg)
		return -EINVAL;
	if (kstrtouint(size, 10, &cmd->size) || kstrtouint(msecs, 10, &cmd->msecs))
		return -EINVAL;
	if (cmd->alg->kind == BENCH_MODEXP)
		cmd->size = BENCH_MODEXP_BYTES;	/* the size is ignored */
	if (!cmd->size || cmd->size > BENCH_MAX_SIZE || cmd->size % cmd->alg->blocksize)
		return -EINVAL;
	if (cmd->msecs < BENCH_MIN_MSECS || cmd->msecs > BENCH_MAX_MSECS)
		return -EINVAL;
	cmd->depth = 1;
	cmd->crid = CRYPTOCAP_F_HARDWARE | CRYPTOCAP_F_SOFTWARE;
	while ((opt = bench_word(&line))) {
		err = bench_option(cmd, opt, &seen);
		if (err)
			return -EINVAL;
	}
	if (cmd->call && (cmd->depth != 1 || cmd->alg->kind == BENCH_MODEXP))
		return -EINVAL;
	return 0;
}

static int bench_exec(struct bench_file *bf, const struct bench_cmd *cmd,
		      struct bench_result *res)
{
	if (cmd->call) {
		struct bench_tfm *t = bench_tfm_prepare(cmd, res);

		if (IS_ERR(t))
			return PTR_ERR(t);
		bf->call = t;
		return 0;
	}
	if (cmd->alg->kind == BENCH_MODEXP)
		return cmd->ocf ? bench_ocf_key(cmd, res) : bench_tfm_rsa(cmd, res);
	return cmd->ocf ? bench_ocf(cmd, res) : bench_tfm(cmd, res);
}

static int bench_open(struct inode *inode, struct file *file)
{
	struct bench_file *bf = kzalloc(sizeof(*bf), GFP_KERNEL);

	if (!bf)
		return -ENOMEM;
	mutex_init(&bf->lock);
	file->private_data = bf;
	return 0;
}

static int bench_release(struct inode *inode, struct file *file)
{
	struct bench_file *bf = file->private_data;

	if (bf->call)
		bench_tfm_free(bf->call);
	mutex_destroy(&bf->lock);
	kfree(bf);
	return 0;
}

/*
 * A command: run it and keep its result for read(). The write succeeds
 * when the command was read, whatever its outcome ("error=..." then); the
 * file position goes back to 0 for the result.
 */
static ssize_t bench_write(struct file *file, const char __user *ubuf,
			   size_t count, loff_t *ppos)
{
	struct bench_file *bf = file->private_data;
	struct bench_result *res;
	struct bench_cmd *cmd;
	char *line;
	int err;

	if (count >= BENCH_CMD_LEN)
		return -EINVAL;
	line = memdup_user_nul(ubuf, count);
	if (IS_ERR(line))
		return PTR_ERR(line);
	cmd = kzalloc(sizeof(*cmd), GFP_KERNEL);
	res = kzalloc(sizeof(*res), GFP_KERNEL);
	err = mutex_lock_killable(&bf->lock);
	if (err)
		goto out;
	if (bf->call) {		/* a new command ends a "call" */
		bench_tfm_free(bf->call);
		bf->call = NULL;
	}
	if (!cmd || !res)
		err = -ENOMEM;
	else
		err = bench_parse(line, cmd);
	if (!err)
		err = bench_exec(bf, cmd, res);
	if (err) {
		bf->len = scnprintf(bf->result, sizeof(bf->result), "error=%d\n", -err);
	} else {
		res->bytes = res->ops * cmd->size;
		bf->len = scnprintf(bf->result, sizeof(bf->result),
				    "ops=%llu ns=%llu bytes=%llu driver=%s out=%*phN\n",
				    res->ops, res->ns, res->bytes, res->driver,
				    BENCH_CHECK_BYTES, res->out);
	}
	*ppos = 0;
	mutex_unlock(&bf->lock);
	err = count;
out:
	kfree(res);
	kfree(cmd);
	kfree(line);
	return err;
}

static ssize_t bench_read(struct file *file, char __user *ubuf, size_t count,
			  loff_t *ppos)
{
	struct bench_file *bf = file->private_data;
	ssize_t n;

	if (mutex_lock_killable(&bf->lock))
		return -EINTR;
	n = simple_read_from_buffer(ubuf, count, ppos, bf->result, bf->len);
	mutex_unlock(&bf->lock);
	return n;
}

/* BENCH_IOC_CALL: one operation on the transform of a "call" command. */
static long bench_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct bench_file *bf = file->private_data;
	long err;

	if (cmd != BENCH_IOC_CALL)
		return -ENOTTY;
	if (mutex_lock_killable(&bf->lock))
		return -EINTR;
	err = bf->call ? bench_tfm_call(bf->call) : -EINVAL;
	mutex_unlock(&bf->lock);
	return err;
}

static const struct file_operations bench_fops = {
	.owner = THIS_MODULE,
	.open = bench_open,
	.release = bench_release,
	.read = bench_read,
	.write = bench_write,
	.unlocked_ioctl = bench_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = default_llseek,
};

static int __init bench_init(void)
{
	bench_dir = debugfs_create_dir("opencrypto_bench", NULL);
	if (IS_ERR(bench_dir))
		return PTR_ERR(bench_dir);
	/*
	 * Without debugfs's proxy (its reference per call would weigh on
	 * BENCH_IOC_CALL's floor): the file is removed only at module
	 * unload, which cannot come while it is open (.owner).
	 */
	debugfs_create_file_unsafe("run", 0600, bench_dir, NULL, &bench_fops);
	return 0;
}

static void __exit bench_exit(void)
{
	debugfs_remove_recursive(bench_dir);
}

module_init(bench_init);
module_exit(bench_exit);

MODULE_DESCRIPTION("opencrypto benchmark references: Linux transforms and crypto_dispatch()");
MODULE_LICENSE("GPL");
OCF_IMPORT_NS();
