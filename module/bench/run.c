// SPDX-License-Identifier: GPL-2.0-only
/*
 * The timing loop that both paths share, and the data patterns of bench.h.
 *
 * bench_loop() keeps @depth operations in flight, one per slot: it starts
 * one on every slot, then waits for completions and starts the next
 * operation on each slot that completed, until the time is up; then it
 * waits for the operations still in flight. The clock is read every few
 * operations (more often when operations are slow), fatal signals and
 * cond_resched() are looked at on the same occasions.
 *
 * A completion comes through bench_done(), from any context. When it comes
 * on the submitting task while it is inside submit() (a synchronous
 * transform that returned 0, or an opencrypto callback made with
 * CRYPTO_F_CBIMM from within crypto_dispatch(), or an interrupt on top of
 * it), it is only noted for the loop, with no lock and no wake-up: that is
 * the cost a synchronous consumer has. Other completions set the slot's
 * bit under the wait queue's lock and wake the loop; the loop takes the
 * bits under the same lock, so once it has seen the last one no
 * completion touches the loop's memory any more.
 */
#include <linux/bitmap.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "kbench.h"

#define BENCH_MAX_RETRIES	16	/* EAGAIN/ENOBUFS resubmissions of an op */
#define BENCH_MAX_STRIDE	64	/* operations between two clock reads */

struct bench_state {
	struct bench_run *r;
	unsigned int inflight;
	bool stop;
	int err;
	u64 ops, max_ops;
	u64 deadline, last;
	unsigned int since, stride;
};

void bench_run_init(struct bench_run *r, bench_submit_t submit, void *priv)
{
	memset(r, 0, sizeof(*r));
	r->submit = submit;
	r->priv = priv;
	init_waitqueue_head(&r->wq);
	r->submitter = current;
	r->submitting = -1;
}

/**
 * bench_done() - an operation of the timing loop has completed
 * @r: the loop
 * @slot: its slot
 * @err: 0, a negative errno, or -EAGAIN to start it again (not counted)
 *
 * Context: any.
 */
void bench_done(struct bench_run *r, unsigned int slot, int err)
{
	unsigned long flags;

	if (r->submitter == current && READ_ONCE(r->submitting) == (int)slot) {
		r->sync_err = err;
		r->sync_done = true;
		return;
	}
	spin_lock_irqsave(&r->wq.lock, flags);
	r->err[slot] = err;
	__set_bit(slot, r->done);
	wake_up_locked(&r->wq);
	spin_unlock_irqrestore(&r->wq.lock, flags);
}

/* Count a completed operation of @slot; false: do not start another. */
static bool bench_account(struct bench_state *st, unsigned int slot, int err)
{
	struct bench_run *r = st->r;
	u64 now;

	if (err == -EAGAIN && r->retries[slot] < BENCH_MAX_RETRIES) {
		r->retries[slot]++;
		return !st->stop;
	}
	if (err == -EAGAIN)
		err = -EBUSY;
	if (err) {
		if (!st->err)
			st->err = err;
		st->stop = true;
		return false;
	}
	r->retries[slot] = 0;
	if (++st->ops >= st->max_ops)
		st->stop = true;
	if (++st->since >= st->stride) {
		now = ktime_get_ns();
		st->since = 0;
		if (now - st->last < 20 * NSEC_PER_USEC && st->stride < BENCH_MAX_STRIDE)
			st->stride *= 2;
		else if (now - st->last > 200 * NSEC_PER_USEC && st->stride > 1)
			st->stride /= 2;
		st->last = now;
		if (now >= st->deadline)
			st->stop = true;
		if (fatal_signal_pending(current)) {
			if (!st->err)
				st->err = -EINTR;
			st->stop = true;
		}
		cond_resched();
	}
	return !st->stop;
}

/*
 * Start an operation on @slot; r->sync_done says whether it completed
 * within (then r->sync_err is its result). Returns submit()'s answer.
 */
static int bench_start(struct bench_run *r, unsigned int slot)
{
	int rc;

	r->sync_done = false;
	WRITE_ONCE(r->submitting, slot);
	rc = r->submit(r, slot);
	WRITE_ONCE(r->submitting, -1);
	barrier();
	return rc;
}

/* Start operations on @slot until one stays in flight or the loop stops. */
static void bench_kick(struct bench_state *st, unsigned int slot)
{
	struct bench_run *r = st->r;
	int rc;

	for (;;) {
		rc = bench_start(r, slot);
		if (rc) {
			if (!st->err)
				st->err = rc;
			st->stop = true;
			return;
		}
		if (!r->sync_done) {
			st->inflight++;
			return;
		}
		if (!bench_account(st, slot, r->sync_err))
			return;
	}
}

static bool bench_any_done(struct bench_run *r)
{
	return !bitmap_empty(r->done, BENCH_MAX_DEPTH);
}

/**
 * bench_loop() - run operations for a while
 * @r: the loop, from bench_run_init()
 * @depth: operations in flight, on slots 0 to @depth - 1
 * @msecs: for how long
 * @max_ops: stop after this many operations, if sooner
 * @ops: set to the operations completed
 * @ns: set to the time from the first start to the last completion
 *
 * Context: process; sleeps.
 * Return: 0, or the first error: a negative errno of an operation,
 * -EINTR on a fatal signal.
 */
int bench_loop(struct bench_run *r, unsigned int depth, unsigned int msecs,
	       u64 max_ops, u64 *ops, u64 *ns)
{
	DECLARE_BITMAP(done, BENCH_MAX_DEPTH);
	struct bench_state st = {
		.r = r, .max_ops = max_ops, .stride = 1,
	};
	unsigned int i;
	u64 start;

	start = ktime_get_ns();
	st.last = start;
	st.deadline = start + (u64)msecs * NSEC_PER_MSEC;
	for (i = 0; i < depth && !st.stop; i++)
		bench_kick(&st, i);
	while (st.inflight) {
		if (st.stop) {
			wait_event(r->wq, bench_any_done(r));
		} else if (wait_event_killable(r->wq, bench_any_done(r))) {
			if (!st.err)
				st.err = -EINTR;
			st.stop = true;
			continue;	/* and wait for the rest */
		}
		spin_lock_irq(&r->wq.lock);
		bitmap_copy(done, r->done, BENCH_MAX_DEPTH);
		bitmap_zero(r->done, BENCH_MAX_DEPTH);
		spin_unlock_irq(&r->wq.lock);
		for_each_set_bit(i, done, BENCH_MAX_DEPTH) {
			st.inflight--;
			if (bench_account(&st, i, r->err[i]))
				bench_kick(&st, i);
		}
		if (!st.stop && fatal_signal_pending(current)) {
			st.err = -EINTR;
			st.stop = true;
		}
	}
	*ns = ktime_get_ns() - start;
	*ops = st.ops;
	return st.err;
}

/**
 * bench_run_one() - one operation on @slot, waited for, with no clock
 * @r: the loop's state, from bench_run_init(); no bench_loop() running
 * @slot: the slot
 *
 * Context: process; sleeps until an asynchronous operation completes.
 * Return: the operation's result (0 or a negative errno; -EAGAIN is not
 * retried), submit()'s error, or -EINTR when a fatal signal came while it
 * was in flight (it was waited for all the same).
 */
int bench_run_one(struct bench_run *r, unsigned int slot)
{
	int err;

	r->submitter = current;		/* the caller may be another task */
	err = bench_start(r, slot);
	if (err)
		return err;
	if (r->sync_done)
		return r->sync_err;
	err = wait_event_killable(r->wq, test_bit(slot, r->done));
	if (err)
		wait_event(r->wq, test_bit(slot, r->done));
	spin_lock_irq(&r->wq.lock);
	__clear_bit(slot, r->done);
	spin_unlock_irq(&r->wq.lock);
	return err ? -EINTR : r->err[slot];
}

void bench_fill_key(u8 *key, unsigned int len)
{
	unsigned int i;

	for (i = 0; i < len; i++)
		key[i] = bench_key_byte(i);
}

void bench_fill_iv(u8 *iv, unsigned int len)
{
	unsigned int i;

	for (i = 0; i < len; i++)
		iv[i] = bench_iv_byte(i);
}

void bench_fill_data(u8 *buf, unsigned int len)
{
	unsigned int i;

	for (i = 0; i < len; i++)
		buf[i] = bench_data_byte(i);
}

/* The check value of a cipher's output: its last 16 bytes, or all of it. */
void bench_check_tail(u8 *out, const u8 *buf, unsigned int len)
{
	memset(out, 0, BENCH_CHECK_BYTES);
	if (len >= BENCH_CHECK_BYTES)
		memcpy(out, buf + len - BENCH_CHECK_BYTES, BENCH_CHECK_BYTES);
	else
		memcpy(out, buf, len);
}

/* A MOD_EXP pattern as a little-endian number (struct crparam's order). */
void bench_modexp_le(u8 *le, unsigned char (*byte)(unsigned int i))
{
	unsigned int i;

	for (i = 0; i < BENCH_MODEXP_BYTES; i++)
		le[BENCH_MODEXP_BYTES - 1 - i] = byte(i);
}

/* A data buffer of @len bytes, zeroed; kvfree() it. */
void *bench_buf_alloc(unsigned int len)
{
	return kvzalloc(len, GFP_KERNEL | __GFP_NOWARN);
}
