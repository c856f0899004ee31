// SPDX-License-Identifier: GPL-2.0-only
/*
 * CIOCASYNCCRYPT / CIOCASYNCFETCH: requests submitted without waiting, up
 * to cdev_async_depth per open file (then EBUSY), all in flight in the
 * drivers at once; results are fetched oldest first (EBUSY when none has
 * finished). poll() gives POLLIN when a result is ready, POLLOUT when there
 * is room for another request. Results are copied to the user at fetch.
 */
#include <linux/poll.h>
#include <linux/slab.h>

#include "cdev.h"

/**
 * cdev_async_submit() - start a job without waiting for it
 * @f: the open file whose queue it joins
 * @j: the job
 *
 * Return: 0, -EBUSY when the queue is full, or a negative errno.
 */
int cdev_async_submit(struct cdev_file *f, struct cdev_job *j)
{
	int err;

	spin_lock_irq(&f->alock);
	if (f->async >= cdev_async_depth) {
		spin_unlock_irq(&f->alock);
		return -EBUSY;
	}
	f->async++;
	f->running++;
	spin_unlock_irq(&f->alock);
	j->async = true;
	j->f = f;
	err = cdev_job_submit(j);
	if (err) {
		spin_lock_irq(&f->alock);
		f->async--;
		f->running--;
		spin_unlock_irq(&f->alock);
		/* a poll() that saw the file full meanwhile */
		wake_up_poll(&f->wq, EPOLLOUT | EPOLLWRNORM);
	}
	return err;
}

/* The callback of an async job: queue it for CIOCASYNCFETCH. */
void cdev_async_done(struct cdev_job *j)
{
	struct cdev_file *f = j->f;
	unsigned long flags;

	spin_lock_irqsave(&f->alock, flags);
	list_add_tail(&j->node, &f->done);
	f->running--;
	wake_up_all(&f->wq);	/* poll()ers and a closing file */
	spin_unlock_irqrestore(&f->alock, flags);
}

/**
 * cdev_async_fetch() - CIOCASYNCFETCH: the oldest finished request
 * @f: the open file
 * @cop: set to the request as submitted (dlen updated)
 *
 * A request that met EAGAIN (its session moved) is resubmitted first.
 *
 * Return: the request's own status (0 or a negative errno, its results
 * copied out only on 0), or -EBUSY when no request has finished.
 */
int cdev_async_fetch(struct cdev_file *f, struct crypt_op *cop)
{
	struct cdev_job *j;
	int err;

again:
	spin_lock_irq(&f->alock);
	j = list_first_entry_or_null(&f->done, struct cdev_job, node);
	if (j)
		list_del_init(&j->node);
	spin_unlock_irq(&f->alock);
	if (!j)
		return -EBUSY;
	err = -j->crp->crp_etype;
	if ((err == -EAGAIN || err == -ENOBUFS) && ++j->tries < 16) {
		if (err == -EAGAIN)
			cdev_job_follow(j);
		spin_lock_irq(&f->alock);
		f->running++;
		spin_unlock_irq(&f->alock);
		err = cdev_job_submit(j);
		if (!err)
			goto again;
		spin_lock_irq(&f->alock);
		f->running--;
		spin_unlock_irq(&f->alock);
	}
	*cop = j->cop;
	if (!err) {
		cdev_job_next_iv(j);
		err = cdev_job_copyout(j);
	}
	spin_lock_irq(&f->alock);
	f->async--;
	spin_unlock_irq(&f->alock);
	/* room for a request: a submitter may wait in poll() for POLLOUT */
	wake_up_poll(&f->wq, EPOLLOUT | EPOLLWRNORM);
	cdev_job_free(j);
	return err;
}

/**
 * cdev_async_poll() - the poll() mask of an open file
 * @f: the open file
 *
 * Return: POLLIN when a result is ready, POLLOUT when a request fits.
 */
__poll_t cdev_async_poll(struct cdev_file *f)
{
	__poll_t mask = 0;

	spin_lock_irq(&f->alock);
	if (!list_empty(&f->done))
		mask |= EPOLLIN | EPOLLRDNORM;
	if (f->async < cdev_async_depth)
		mask |= EPOLLOUT | EPOLLWRNORM;
	spin_unlock_irq(&f->alock);
	return mask;
}

/* Close: wait for the drivers to finish, then drop what was not fetched. */
void cdev_async_release(struct cdev_file *f)
{
	struct cdev_job *j, *tmp;
	LIST_HEAD(list);

	wait_event(f->wq, READ_ONCE(f->running) == 0);
	spin_lock_irq(&f->alock);
	list_splice_init(&f->done, &list);
	f->async = 0;
	spin_unlock_irq(&f->alock);
	list_for_each_entry_safe(j, tmp, &list, node)
		cdev_job_free(j);
}
