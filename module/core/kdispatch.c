// SPDX-License-Identifier: GPL-2.0-only
/*
 * Keying (asymmetric) requests: sessionless, routed to a driver that
 * registered the operation (hardware first), with the same flow control as
 * symmetric requests on the driver's ASYMQ, and re-routed when a driver
 * goes away with requests queued, or when it refuses one with EOPNOTSUPP
 * (an input its implementation does not take, such as a modulus size):
 * then the next driver that has not tried it gets it, and the request
 * fails with EOPNOTSUPP only when none is left.
 */
#include <linux/sort.h>
#include <linux/timekeeping.h>

#include "internal.h"

static void ocf_kfinish(struct cryptkop *krp, int status)
{
	if (status)
		krp->krp_status = status;
	if (krp->krp_status)
		this_cpu_inc(ocf_counters.kerrors);
	this_cpu_inc(ocf_counters.kops);
	ocf_kret_queue(krp);
}

static int ocf_kcand_cmp(const void *a, const void *b)
{
	const struct ocf_driver *x = *(struct ocf_driver * const *)a;
	const struct ocf_driver *y = *(struct ocf_driver * const *)b;
	bool xh = x->flags & CRYPTOCAP_F_HARDWARE, yh = y->flags & CRYPTOCAP_F_HARDWARE;

	if (xh != yh)
		return xh ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int ocf_kinvoke(struct cryptkop *krp, int hint);
static void ocf_kenqueue(struct cryptkop *krp);

/*
 * Send @krp to the best driver it has not tried yet: at once when its
 * queue is idle and @direct, with @hint, else through the queue (whose
 * worker runs it: a driver that refuses inside kprocess thus never
 * recurses here).
 */
static void ocf_kroute(struct cryptkop *krp, bool direct, int hint)
{
	struct ocf_driver *drvs[OCF_MAX_DRIVERS], *drv = NULL;
	int crid = krp->krp_crid ? krp->krp_crid : CRYPTOCAP_F_HARDWARE | CRYPTOCAP_F_SOFTWARE;
	int op = krp->krp_op, n, i;
	struct ocf_queue *q;

	n = ocf_driver_candidates(crid, &op, 1, true, drvs, OCF_MAX_DRIVERS);
	sort(drvs, n, sizeof(drvs[0]), ocf_kcand_cmp, NULL);
	for (i = 0; i < n; i++) {
		if (!drv && !(krp->krp_tried & BIT_ULL(drvs[i]->id)))
			drv = drvs[i];
		else
			ocf_driver_put(drvs[i]);
	}
	if (!drv) {
		/* a driver's refusal (EOPNOTSUPP) says more than ENODEV */
		ocf_kfinish(krp, krp->krp_status ? 0 : ENODEV);
		return;
	}
	krp->krp_status = 0;
	krp->krp_tried |= BIT_ULL(drv->id);
	krp->krp_drv = drv;		/* keeps our reference */
	krp->krp_hid = drv->id;
	q = &drv->q[1];
	if (direct && ocf_queue_idle(q) && ocf_kinvoke(krp, hint) == 0)
		return;
	ocf_kenqueue(krp);
}

/* Send @krp to the best driver it has not tried yet. */
void ocf_kdispatch_retry(struct cryptkop *krp)
{
	ocf_kroute(krp, true, 0);
}

/* Give a request of a dying driver to another one. */
static void ocf_kreroute(struct cryptkop *krp)
{
	struct ocf_driver *drv = krp->krp_drv;

	krp->krp_drv = NULL;
	ocf_driver_put(drv);
	ocf_kdispatch_retry(krp);
}

/* 0: taken or queued again by flow control; 1: the driver is dying. */
static int ocf_kinvoke(struct cryptkop *krp, int hint)
{
	struct ocf_driver *drv = krp->krp_drv;
	struct ocf_queue *q = &drv->q[1];
	unsigned long flags;
	unsigned int gen;
	bool dying;
	int rc;

	atomic_inc(&drv->inflight);
	smp_mb__after_atomic();	/* inflight before dead: pairs with unregistration */
	if (READ_ONCE(drv->dead)) {
		if (atomic_dec_and_test(&drv->inflight))
			wake_up_all(&drv->drain_wq);
		return 1;
	}
	gen = READ_ONCE(q->unblock_gen);
	rc = drv->dev->methods->kprocess(drv->dev, krp, hint);
	if (rc == ERESTART || rc == -ERESTART) {
		/*
		 * Queued under q->lock unless dying: unregistration marks the
		 * driver dead, then moves what is queued, under q->lock. Once
		 * queued, the request's reference to @drv may go with it (a
		 * reroute): ours keeps @drv until we are done with it.
		 */
		kref_get(&drv->ref);
		spin_lock_irqsave(&q->lock, flags);
		dying = drv->dead;
		if (!dying) {
			list_add(&krp->krp_next, &q->list);
			q->len++;
			if (gen == q->unblock_gen) {
				q->blocked = true;
				atomic64_inc(&drv->blocks);
				gen = 0;
			} else {
				gen = 1;
			}
		}
		spin_unlock_irqrestore(&q->lock, flags);
		if (atomic_dec_and_test(&drv->inflight))
			wake_up_all(&drv->drain_wq);
		if (!dying && gen)
			ocf_queue_kick(q);
		ocf_driver_put(drv);
		return dying;
	}
	if (rc) {
		krp->krp_status = rc < 0 ? -rc : rc;
		crypto_kdone(krp);
	}
	return 0;
}

static void ocf_kenqueue(struct cryptkop *krp)
{
	struct ocf_driver *drv = krp->krp_drv;
	struct ocf_queue *q = &drv->q[1];
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	if (drv->dead) {
		spin_unlock_irqrestore(&q->lock, flags);
		ocf_kreroute(krp);
		return;
	}
	if (q->len >= READ_ONCE(ocf_max_queue)) {
		spin_unlock_irqrestore(&q->lock, flags);
		krp->krp_drv = NULL;
		ocf_driver_put(drv);
		ocf_kfinish(krp, ENOBUFS);
		return;
	}
	list_add_tail(&krp->krp_next, &q->list);
	q->len++;
	/*
	 * Kicked under q->lock: once it is dropped, a withdrawal may reroute
	 * the request, drop its reference and free the driver.
	 */
	if (!q->blocked)
		ocf_queue_kick(q);
	spin_unlock_irqrestore(&q->lock, flags);
}

/* The ASYMQ worker: resubmit in order until empty or blocked again. */
void ocf_kqueue_run(struct ocf_queue *q)
{
	struct ocf_driver *drv = q->drv;
	struct cryptkop *krp;
	unsigned long flags;
	bool more;
	int dying;

	spin_lock_irqsave(&q->lock, flags);
	while (!q->blocked && !drv->dead && !list_empty(&q->list)) {
		krp = list_first_entry(&q->list, struct cryptkop, krp_next);
		list_del_init(&krp->krp_next);
		q->len--;
		q->busy++;
		more = !list_empty(&q->list);
		spin_unlock_irqrestore(&q->lock, flags);
		dying = ocf_kinvoke(krp, more ? CRYPTO_HINT_MORE : 0);
		spin_lock_irqsave(&q->lock, flags);
		q->busy--;
		spin_unlock_irqrestore(&q->lock, flags);
		cond_resched();		/* as ocf_sym_queue_run(): a worker */
		if (dying)
			ocf_kreroute(krp);
		spin_lock_irqsave(&q->lock, flags);
	}
	spin_unlock_irqrestore(&q->lock, flags);
}

/**
 * ocf_kqueue_reroute() - move a dead driver's queued keying requests
 * @drv: the driver, marked dead
 */
void ocf_kqueue_reroute(struct ocf_driver *drv)
{
	struct ocf_queue *q = &drv->q[1];
	struct cryptkop *krp, *tmp;
	unsigned long flags;
	LIST_HEAD(out);

	spin_lock_irqsave(&q->lock, flags);
	list_splice_init(&q->list, &out);
	q->len = 0;
	spin_unlock_irqrestore(&q->lock, flags);
	list_for_each_entry_safe(krp, tmp, &out, krp_next) {
		list_del_init(&krp->krp_next);
		ocf_kreroute(krp);
	}
}

/**
 * crypto_kdispatch() - submit a keying request
 * @krp: the request: operation, parameters, callback; krp_crid selects
 *	drivers (0: hardware, then software)
 *
 * The callback is always called, once, with krp_status 0 or: EINVAL (bad
 * operation or parameter counts), ENODEV (no driver offers the operation),
 * ENOBUFS (queue full), EOPNOTSUPP (every driver that offers it refused
 * the input), or the driver's error. krp_hid names the driver.
 *
 * With CRYPTO_KF_MAYSLEEP in krp_flags the driver may do the work before
 * this returns, in the caller's thread (see struct cryptkop); the callback
 * still comes from the framework's return thread.
 *
 * Context: any; never sleeps. With CRYPTO_KF_MAYSLEEP: process, may sleep.
 * Return: EINVAL if @krp or its callback is NULL, 0 otherwise.
 */
int crypto_kdispatch(struct cryptkop *krp)
{
	if (!krp || !krp->krp_callback)
		return EINVAL;
	krp->krp_status = 0;
	krp->krp_tried = 0;
	krp->krp_cancelled = false;
	krp->krp_drv = NULL;
	krp->krp_hid = (u32)-1;
	krp->krp_tstamp = ocf_lat_stamp();
	if (!ocf_kalg_valid(krp->krp_op) ||
	    krp->krp_iparams + krp->krp_oparams > CRK_MAXPARAM) {
		ocf_kfinish(krp, EINVAL);
		return 0;
	}
	if (krp->krp_flags & CRYPTO_KF_MAYSLEEP) {
		might_sleep();
		ocf_kroute(krp, true, CRYPTO_HINT_CALLER);
	} else {
		ocf_kdispatch_retry(krp);
	}
	return 0;
}
EXPORT_SYMBOL_OCF(crypto_kdispatch);

/**
 * crypto_kdone() - a driver has finished a keying request
 * @krp: the request, with krp_status set
 *
 * A status of EOPNOTSUPP means "not this input on this driver": the
 * request goes on to the next driver that offers the operation, if any.
 *
 * Context: any.
 */
void crypto_kdone(struct cryptkop *krp)
{
	struct ocf_driver *drv = krp->krp_drv;

	if ((int)krp->krp_status < 0)
		krp->krp_status = -(int)krp->krp_status;
	this_cpu_inc(drv->pc->kops);
	if (krp->krp_status)
		this_cpu_inc(drv->pc->kerrors);
	ocf_driver_stat_latency(drv, krp->krp_tstamp);
	krp->krp_drv = NULL;
	if (atomic_dec_and_test(&drv->inflight))
		wake_up_all(&drv->drain_wq);
	ocf_driver_put(drv);
	if (krp->krp_status == EOPNOTSUPP) {
		ocf_kroute(krp, false, 0);
		return;
	}
	ocf_kfinish(krp, 0);
}
EXPORT_SYMBOL_OCF(crypto_kdone);
