// SPDX-License-Identifier: GPL-2.0-only
/*
 * A request's waiter may be killed while a driver still holds the request.
 * The request is then orphaned, not freed: its callback, finding no waiter,
 * hands it to a worker that frees it. One protocol, used by symmetric jobs
 * (job.c) and keying jobs (key.c).
 */
#include "cdev.h"

/**
 * cdev_waiter_arm() - get ready to wait for one completion
 * @w: the waiter
 * @free_fn: what frees the request once it is orphaned
 */
void cdev_waiter_arm(struct cdev_waiter *w, work_func_t free_fn)
{
	atomic_set(&w->state, CDEV_RUNNING);
	init_completion(&w->done);
	INIT_WORK(&w->free_work, free_fn);
}

/**
 * cdev_waiter_done() - the request finished (its callback; any context)
 * @w: the waiter
 */
void cdev_waiter_done(struct cdev_waiter *w)
{
	if (atomic_cmpxchg(&w->state, CDEV_RUNNING, CDEV_FINISHED) == CDEV_ORPHANED)
		queue_work(cdev_wq, &w->free_work);
	else
		complete(&w->done);
}

/**
 * cdev_waiter_wait() - wait for the request, killably
 * @w: the waiter
 *
 * Context: process; sleeps.
 * Return: 0 when it finished; -EINTR when the caller was killed first: the
 * request now belongs to its callback and must not be touched.
 */
int cdev_waiter_wait(struct cdev_waiter *w)
{
	if (!wait_for_completion_killable(&w->done))
		return 0;
	if (atomic_cmpxchg(&w->state, CDEV_RUNNING, CDEV_ORPHANED) == CDEV_RUNNING)
		return -EINTR;
	wait_for_completion(&w->done);	/* it is finishing now */
	return 0;
}
