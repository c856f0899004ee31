// SPDX-License-Identifier: GPL-2.0-only
/*
 * opencrypto_test: runs the framework's test cases at load time and keeps
 * the KTAP report in /sys/kernel/debug/opencrypto_test/results until it is
 * unloaded. Unloading unregisters every fake driver.
 */
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "ocft.h"

#define OCFT_REPORT_SIZE	(128 * 1024)

static char *ocft_body;		/* the results of the cases, as they run */
static size_t ocft_body_len;
static char *ocft_report;	/* header + body: what debugfs shows */
static struct debugfs_blob_wrapper ocft_blob;
static struct dentry *ocft_dir;
char ocft_skip_reason[128];

struct task_struct *ocft_tester;
bool ocft_in_dispatch;

struct ocft_drv *ocft_zero, *ocft_sync, *ocft_hw, *ocft_block, *ocft_jitter, *ocft_key;

static __printf(1, 0) void ocft_vappend(const char *fmt, va_list ap)
{
	if (!ocft_body || ocft_body_len >= OCFT_REPORT_SIZE - 1)
		return;
	ocft_body_len += vscnprintf(ocft_body + ocft_body_len,
				    OCFT_REPORT_SIZE - ocft_body_len, fmt, ap);
}

static __printf(1, 2) void ocft_append(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ocft_vappend(fmt, ap);
	va_end(ap);
}

void ocft_diag(const char *fmt, ...)
{
	char line[256];
	va_list ap;

	va_start(ap, fmt);
	vscnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	ocft_append("# %s\n", line);
	pr_debug("%s\n", line);
}

int ocft_skip(const char *reason)
{
	strscpy(ocft_skip_reason, reason, sizeof(ocft_skip_reason));
	return OCFT_SKIP;
}

/* The long-lived fake drivers that most cases share. */
static int ocft_setup(void)
{
	int rc = 0;

	/*
	 * First, so that it likely gets driver id 0, which is also what a
	 * crid of no class looks like: the other drivers get ids > 0.
	 */
	ocft_zero = ocft_drv_new("ocft_zero", 0,
				 CRYPTOCAP_F_SOFTWARE | CRYPTOCAP_F_SYNC, 0,
				 OCFT_MODE_SYNC);
	ocft_sync = ocft_drv_new("ocft_sync", 0,
				 CRYPTOCAP_F_SOFTWARE | CRYPTOCAP_F_SYNC, 200,
				 OCFT_MODE_SYNC);
	ocft_hw = ocft_drv_new("ocft_hw", 0, CRYPTOCAP_F_HARDWARE, 300,
			       OCFT_MODE_ASYNC);
	ocft_block = ocft_drv_new("ocft_block", 0, CRYPTOCAP_F_HARDWARE, 0,
				  OCFT_MODE_SYNC);
	ocft_jitter = ocft_drv_new("ocft_jitter", 0,
				   CRYPTOCAP_F_SOFTWARE | CRYPTOCAP_F_SYNC, 0,
				   OCFT_MODE_SYNC);
	ocft_key = ocft_drv_new("ocft_key", 0, CRYPTOCAP_F_HARDWARE, 0,
				OCFT_MODE_ASYNC);
	if (!ocft_zero || !ocft_sync || !ocft_hw || !ocft_block || !ocft_jitter || !ocft_key)
		return -ENOMEM;
	if (ocft_hw)
		ocft_hw->async_delay = 1;
	if (ocft_jitter)
		ocft_jitter->jitter_us = 50;

	rc |= ocft_drv_register(ocft_sync, CRYPTO_AES_CBC);
	rc |= ocft_drv_register(ocft_sync, CRYPTO_SHA2_256_HMAC);
	rc |= ocft_drv_register(ocft_sync, CRYPTO_SHA1_HMAC);
	rc |= ocft_drv_register(ocft_hw, CRYPTO_AES_CBC);
	rc |= ocft_drv_register(ocft_hw, CRYPTO_SHA2_256_HMAC);
	rc |= ocft_drv_register(ocft_hw, CRYPTO_SHA1_HMAC);
	rc |= ocft_drv_register(ocft_zero, CRYPTO_AES_CBC);
	rc |= ocft_drv_register(ocft_zero, CRYPTO_SHA2_256_HMAC);
	rc |= ocft_drv_register(ocft_block, CRYPTO_AES_CBC);
	rc |= ocft_drv_register(ocft_block, CRYPTO_SHA2_256_HMAC);
	rc |= ocft_drv_register(ocft_jitter, CRYPTO_AES_CBC);
	rc |= ocft_drv_register(ocft_jitter, CRYPTO_SHA2_256_HMAC);
	if (ocft_key && ocft_key->alive) {
		int krc = crypto_kregister(ocft_key->id, CRK_MOD_EXP, 0);

		if (krc)
			ocft_diag("crypto_kregister(ocft_key, CRK_MOD_EXP) == %d", krc);
		rc |= krc;
	}
	return rc ? -EINVAL : 0;
}

/* The last case: no callback arrived for a request already freed. */
static int t_no_late_callbacks(void)
{
	int bad, total;
	bool ok = true;

	msleep(500);
	bad = ocft_graveyard_check(&total);
	ocft_diag("%d requests checked", total);
	CHECK_EQ(bad, 0);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

static const struct ocft_case ocft_cases_last[] = {
	{ "no_callback_after_completion", t_no_late_callbacks },
};

static int ocft_run_case(unsigned int n, const struct ocft_case *c)
{
	int r;

	pr_debug("running %u %s\n", n, c->name);

	ocft_skip_reason[0] = 0;
	ocft_tester = current;
	r = c->fn();
	if (r == OCFT_SKIP)
		ocft_append("ok %u %s # SKIP %s\n", n, c->name, ocft_skip_reason);
	else
		ocft_append("%sok %u %s\n", r == OCFT_PASS ? "" : "not ", n, c->name);
	return r;
}

static const unsigned int ocft_ncases_last = ARRAY_SIZE(ocft_cases_last);

static int __init ocft_init(void)
{
	static const struct {
		const struct ocft_case *cases;
		const unsigned int *n;
	} sets[] = {
		{ ocft_cases_api, &ocft_ncases_api },
		{ ocft_cases_req, &ocft_ncases_req },
		{ ocft_cases_mig, &ocft_ncases_mig },
		{ ocft_cases_linux, &ocft_ncases_linux },
		{ ocft_cases_lxkey, &ocft_ncases_lxkey },
		{ ocft_cases_soft, &ocft_ncases_soft },
		{ ocft_cases_pk, &ocft_ncases_pk },
		{ ocft_cases_last, &ocft_ncases_last },
	};
	unsigned int total = 0, pass = 0, fail = 0, skip = 0, n = 0, i, j;
	int rc;

	ocft_body = kvzalloc(OCFT_REPORT_SIZE, GFP_KERNEL);
	ocft_report = kvzalloc(OCFT_REPORT_SIZE + 64, GFP_KERNEL);
	if (!ocft_body || !ocft_report) {
		rc = -ENOMEM;
		goto err;
	}
	rc = ocft_drivers_init();
	if (rc)
		goto err;

	for (i = 0; i < ARRAY_SIZE(sets); i++)
		total += *sets[i].n;

	if (ocft_setup())
		ocft_diag("setting up the shared fake drivers failed");
	ocft_diag("opencrypto %s; driver ids: zero %d, sync %d, hw %d, block %d, jitter %d, key %d",
		  opencrypto_version(), ocft_zero->id, ocft_sync->id, ocft_hw->id,
		  ocft_block->id, ocft_jitter->id, ocft_key->id);

	for (i = 0; i < ARRAY_SIZE(sets); i++) {
		for (j = 0; j < *sets[i].n; j++) {
			switch (ocft_run_case(++n, &sets[i].cases[j])) {
			case OCFT_PASS:
				pass++;
				break;
			case OCFT_SKIP:
				skip++;
				break;
			default:
				fail++;
			}
		}
	}
	ocft_append("# opencrypto_test: %u passed, %u failed, %u skipped\n",
		    pass, fail, skip);

	ocft_blob.size = scnprintf(ocft_report, OCFT_REPORT_SIZE + 64,
				   "KTAP version 1\n1..%u\n%s", total, ocft_body);
	ocft_blob.data = ocft_report;
	ocft_dir = debugfs_create_dir("opencrypto_test", NULL);
	debugfs_create_blob("results", 0444, ocft_dir, &ocft_blob);

	pr_info("%u tests: %u passed, %u failed, %u skipped\n", total, pass,
		fail, skip);
	return 0;
err:
	kvfree(ocft_body);
	kvfree(ocft_report);
	return rc;
}

static void __exit ocft_exit(void)
{
	debugfs_remove(ocft_dir);
	ocft_drivers_exit();
	ocft_graveyard_exit();
	kvfree(ocft_body);
	kvfree(ocft_report);
}

module_init(ocft_init);
module_exit(ocft_exit);

MODULE_DESCRIPTION("opencrypto framework tests (fake drivers, KTAP in debugfs)");
MODULE_LICENSE("GPL");
MODULE_INFO(import_ns, "OPENCRYPTO");
