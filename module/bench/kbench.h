/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * opencrypto_bench: what the files of module/bench/ share. The protocol
 * and the data patterns are in bench.h.
 */
#ifndef OPENCRYPTO_KBENCH_H
#define OPENCRYPTO_KBENCH_H

#include <linux/crypto.h>
#include <linux/types.h>
#include <linux/wait.h>

#include "bench.h"

#define BENCH_MAX_DEPTH		64
#define BENCH_MAX_SIZE		(16 << 20)
#define BENCH_MIN_MSECS		10
#define BENCH_MAX_MSECS		60000
#define BENCH_TAG_BYTES		16	/* GCM's tag, after the data */

enum bench_kind {
	BENCH_CIPHER,
	BENCH_AEAD,
	BENCH_HASH,
	BENCH_MODEXP,
};

/* One algorithm of BENCH_ALGS and what runs it on either path. */
struct bench_alg {
	const char *name;	/* as in BENCH_ALGS */
	enum bench_kind kind;
	const char *lx;		/* Linux cra_name */
	int ocf;		/* CRYPTO_* (symmetric) */
	unsigned int klen;	/* key bytes */
	unsigned int ivlen;	/* IV bytes */
	unsigned int blocksize;	/* sizes must be multiples of it */
};

/* A parsed command line. */
struct bench_cmd {
	bool ocf;				/* path "ocf", else "tfm" or "call" */
	bool call;				/* path "call" */
	const struct bench_alg *alg;
	unsigned int size;			/* bytes per operation */
	unsigned int msecs;
	unsigned int depth;
	char driver[CRYPTO_MAX_ALG_NAME];	/* tfm: "" for the API's choice */
	int crid;				/* ocf */
};

struct bench_result {
	u64 ops, ns, bytes;
	char driver[CRYPTO_MAX_ALG_NAME];
	u8 out[BENCH_CHECK_BYTES];
};

struct bench_run;

/*
 * Start one operation on @slot. The operation ends with one
 * bench_done(), possibly before this returns. Return 0, or a negative
 * errno when nothing was started (then no bench_done() follows).
 */
typedef int (*bench_submit_t)(struct bench_run *r, unsigned int slot);

/* The timing loop's state, shared with the completions. */
struct bench_run {
	bench_submit_t submit;
	void *priv;			/* the path's */
	wait_queue_head_t wq;		/* its lock guards @done and @err */
	DECLARE_BITMAP(done, BENCH_MAX_DEPTH);
	int err[BENCH_MAX_DEPTH];
	u8 retries[BENCH_MAX_DEPTH];
	/* a completion inside submit(), on the submitting task */
	struct task_struct *submitter;
	int submitting;			/* its slot, or -1 */
	bool sync_done;
	int sync_err;
};

void bench_run_init(struct bench_run *r, bench_submit_t submit, void *priv);
void bench_done(struct bench_run *r, unsigned int slot, int err);
int bench_loop(struct bench_run *r, unsigned int depth, unsigned int msecs,
	       u64 max_ops, u64 *ops, u64 *ns);
int bench_run_one(struct bench_run *r, unsigned int slot);

void bench_fill_key(u8 *key, unsigned int len);
void bench_fill_iv(u8 *iv, unsigned int len);
void bench_fill_data(u8 *buf, unsigned int len);
void bench_check_tail(u8 *out, const u8 *buf, unsigned int len);
void bench_modexp_le(u8 *le, unsigned char (*byte)(unsigned int i));
void *bench_buf_alloc(unsigned int len);

int bench_tfm(const struct bench_cmd *cmd, struct bench_result *res);
struct bench_tfm;
struct bench_tfm *bench_tfm_prepare(const struct bench_cmd *cmd, struct bench_result *res);
int bench_tfm_call(struct bench_tfm *t);
void bench_tfm_free(struct bench_tfm *t);
int bench_tfm_rsa(const struct bench_cmd *cmd, struct bench_result *res);
int bench_ocf(const struct bench_cmd *cmd, struct bench_result *res);
int bench_ocf_key(const struct bench_cmd *cmd, struct bench_result *res);

#endif /* OPENCRYPTO_KBENCH_H */
