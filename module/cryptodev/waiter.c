// SPDX-License-Identifier: GPL-2.0-only
/*
 * A request's waiter may be killed while a driver still holds the request.
 * The request is then orphaned, not freed: its callback, finding no waiter,
 * hands it to a worker that frees it. One protocol, used by symmetric jobs
 * (job.c) and keying jobs (key.c).
 *
 * A request that completes within its own dispatch (a synchronous driver,
 * the callback made at once) is noted as finished inline, with no
 * completion signalled and none waited for: the waiter is the task that is
 * still inside the dispatch, so nothing else can be touching the request.
 *
 * An orphaned request holds a reference to this module until it is freed:
 * its file may be closed (the caller is dying), and the module must not be
 * unloaded while a driver can still call the request's callback.
 */
#include <linux/module.h>

#include "cdev.h"

/* An orphan is freed: the module reference it held goes last. */
static void cdev_waiter_orphan_work(struct work_struct *work)
{
	struct cdev_waiter *w = container_of(work, struct cdev_waiter, free_work);

	w->free_fn(work);	/* frees @w too */
	/*
	 * The rest of this function is module code: unloading waits for it,
	 * as cryptodev_exit() destroys cdev_wq, where it runs.
	 */
	module_put(THIS_MODULE);
}

/**
 * cdev_waiter_arm() - get ready to wait for one completion
 * @w: the waiter
 * @free_fn: what frees the request once it is orphaned
 *
 * Called by the task that dispatches the request, just before it does;
 * cdev_waiter_submitted() once the dispatch has returned.
 */
void cdev_waiter_arm(struct cdev_waiter *w, work_func_t free_fn)
{
	atomic_set(&w->state, CDEV_RUNNING);
	w->submitter = current;
	init_completion(&w->done);
	w->free_fn = free_fn;	/* free_work is set up only if it is orphaned */
}

/**
 * cdev_waiter_submitted() - the dispatch of the request has returned
 * @w: the waiter
 *
 * From here on the callback, wherever it runs, signals the completion.
 */
void cdev_waiter_submitted(struct cdev_waiter *w)
{
	WRITE_ONCE(w->submitter, NULL);
}

/**
 * cdev_waiter_done() - the request finished (its callback; any context)
 * @w: the waiter
 */
void cdev_waiter_done(struct cdev_waiter *w)
{
	/*
	 * On the submitting task inside its dispatch (or in an interrupt on
	 * top of it, which ends before the dispatch goes on): it is not
	 * waiting, and will see the state before it would.
	 */
	if (READ_ONCE(w->submitter) == current) {
		atomic_set(&w->state, CDEV_FINISHED_INLINE);
		return;
	}
	if (atomic_cmpxchg(&w->state, CDEV_RUNNING, CDEV_FINISHED) == CDEV_ORPHANED)
		queue_work(cdev_wq, &w->free_work);
	else
		complete(&w->done);
}

/**
 * cdev_waiter_wait() - wait for the request, killably
 * @w: the waiter
 * @killed: when the caller is killed, called before the request is left
 *	to its callback, while it is still alive (may be NULL)
 *
 * Context: process; sleeps.
 * Return: 0 when it finished; -EINTR when the caller was killed first: the
 * request now belongs to its callback and must not be touched (it holds a
 * reference to the module until it is freed).
 */
int cdev_waiter_wait(struct cdev_waiter *w, void (*killed)(struct cdev_waiter *w))
{
	if (atomic_read(&w->state) == CDEV_FINISHED_INLINE)
		return 0;
	if (!wait_for_completion_killable(&w->done))
		return 0;
	if (killed)	/* not orphaned yet: the callback does not free it */
		killed(w);
	__module_get(THIS_MODULE);	/* the caller's file holds one now */
	/* before ORPHANED: the callback queues it once it sees that */
	INIT_WORK(&w->free_work, cdev_waiter_orphan_work);
	if (atomic_cmpxchg(&w->state, CDEV_RUNNING, CDEV_ORPHANED) == CDEV_RUNNING)
		return -EINTR;
	module_put(THIS_MODULE);
	wait_for_completion(&w->done);	/* it is finishing now */
	return 0;
}
