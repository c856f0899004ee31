// SPDX-License-Identifier: GPL-2.0-only
/*
 * Symmetric request dispatch: validation, the per-driver queues and their
 * flow control (ERESTART / crypto_unblock()), the ASYNC worker pool, split
 * sessions run in stages, completion and the return threads that run
 * callbacks (in submission order for CRYPTO_F_ASYNC_KEEPORDER).
 *
 * Nothing here sleeps: every entry point may be called from softirq or
 * hardirq context.
 */
#include <linux/kthread.h>
#include <linux/moduleparam.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>

#include "internal.h"

unsigned int ocf_max_queue = 1024;
module_param_named(max_queue, ocf_max_queue, uint, 0644);
MODULE_PARM_DESC(max_queue, "Requests a driver queue holds before new ones fail with ENOBUFS (default 1024)");

#define OCF_MAX_RET 8
#define OCF_MAX_DESC 64		/* descriptors in one request */

/* Return threads: each runs the callbacks queued on it. */
struct ocf_ret {
	spinlock_t lock;		/* the lists and next_seq */
	struct list_head crps;		/* cryptop.crp_next */
	struct list_head krps;		/* cryptkop.krp_next */
	struct list_head ordered;	/* ret 0 only: by crp_seq */
	u64 next_seq;			/* ret 0 only: next to deliver */
	wait_queue_head_t wq;
	struct task_struct *task;
};

static struct ocf_ret ocf_rets[OCF_MAX_RET];
static unsigned int ocf_nret;
static atomic64_t ocf_order_seq;
static struct workqueue_struct *ocf_async_wq;	/* CRYPTO_F_ASYNC pool */
static struct workqueue_struct *ocf_queue_wq;	/* queue drains */

enum { OCF_TAKEN, OCF_BLOCKED, OCF_BOUNCE };

#define OCF_CRP_STAGE_CONT	0x8	/* crp_work continues a split stage */

static void ocf_stage_start(struct cryptop *crp, struct cryptodesc *first);
static void ocf_enqueue(struct cryptop *crp);

static bool ocf_ret_ready(struct ocf_ret *r)
{
	struct cryptop *crp;

	if (!list_empty(&r->crps) || !list_empty(&r->krps))
		return true;
	crp = list_first_entry_or_null(&r->ordered, struct cryptop, crp_next);
	return crp && crp->crp_seq == r->next_seq;
}

static void ocf_ret_run(struct ocf_ret *r)
{
	struct cryptop *crp;
	struct cryptkop *krp;
	unsigned long flags;

	spin_lock_irqsave(&r->lock, flags);
	for (;;) {
		crp = list_first_entry_or_null(&r->ordered, struct cryptop, crp_next);
		if (crp && crp->crp_seq == r->next_seq)
			r->next_seq++;
		else
			crp = list_first_entry_or_null(&r->crps, struct cryptop, crp_next);
		if (crp) {
			list_del_init(&crp->crp_next);
			spin_unlock_irqrestore(&r->lock, flags);
			crp->crp_callback(crp);
			spin_lock_irqsave(&r->lock, flags);
			continue;
		}
		krp = list_first_entry_or_null(&r->krps, struct cryptkop, krp_next);
		if (!krp)
			break;
		list_del_init(&krp->krp_next);
		spin_unlock_irqrestore(&r->lock, flags);
		krp->krp_callback(krp);
		spin_lock_irqsave(&r->lock, flags);
	}
	spin_unlock_irqrestore(&r->lock, flags);
}

static int ocf_ret_thread(void *arg)
{
	struct ocf_ret *r = arg;

	while (!kthread_should_stop()) {
		wait_event_interruptible(r->wq, ocf_ret_ready(r) || kthread_should_stop());
		ocf_ret_run(r);
	}
	ocf_ret_run(r);
	return 0;
}

static void ocf_ret_queue(struct cryptop *crp)
{
	struct ocf_ret *r;
	unsigned long flags;
	struct cryptop *pos;

	if (crp->crp_state & OCF_CRP_ORDERED) {
		r = &ocf_rets[0];
		spin_lock_irqsave(&r->lock, flags);
		/* completions come mostly in order: search from the tail */
		list_for_each_entry_reverse(pos, &r->ordered, crp_next)
			if (pos->crp_seq < crp->crp_seq)
				break;
		list_add(&crp->crp_next, &pos->crp_next);
		spin_unlock_irqrestore(&r->lock, flags);
	} else {
		r = &ocf_rets[raw_smp_processor_id() % ocf_nret];
		spin_lock_irqsave(&r->lock, flags);
		list_add_tail(&crp->crp_next, &r->crps);
		spin_unlock_irqrestore(&r->lock, flags);
	}
	wake_up(&r->wq);
}

/**
 * ocf_kret_queue() - run a keying callback from a return thread
 * @krp: the completed request
 */
void ocf_kret_queue(struct cryptkop *krp)
{
	struct ocf_ret *r = &ocf_rets[raw_smp_processor_id() % ocf_nret];
	unsigned long flags;

	spin_lock_irqsave(&r->lock, flags);
	list_add_tail(&krp->krp_next, &r->krps);
	spin_unlock_irqrestore(&r->lock, flags);
	wake_up(&r->wq);
}

/* The request is over: hand it back through its callback. */
static void ocf_finish(struct cryptop *crp, int err, bool sync)
{
	crp->crp_etype = err;
	if (err == EAGAIN)
		this_cpu_inc(ocf_counters.eagain);
	if (err)
		this_cpu_inc(ocf_counters.errors);
	this_cpu_inc(ocf_counters.ops);
	crp->crp_flags |= CRYPTO_F_DONE;
	if (!(crp->crp_state & OCF_CRP_ORDERED) &&
	    ((crp->crp_flags & CRYPTO_F_CBIMM) ||
	     ((crp->crp_flags & CRYPTO_F_CBIFSYNC) && sync)))
		crp->crp_callback(crp);
	else
		ocf_ret_queue(crp);
}

/**
 * ocf_complete() - complete a request the framework itself fails
 * @crp: a request with no driver involved (or bounced back from one)
 * @err: positive errno
 */
void ocf_complete(struct cryptop *crp, int err)
{
	if (crp->crp_top) {
		struct crypto_session *top = crp->crp_top;

		if (crp->crp_state & OCF_CRP_STAGED)	/* the chain whole again */
			crp->crp_stage_last->crd_next = crp->crp_stage_next;
		crp->crp_session = top;
		crp->crp_desc = crp->crp_desc_all;
		crp->crp_top = NULL;
		crp->crp_state &= ~OCF_CRP_STAGED;
		ocf_session_put(top);
	}
	ocf_finish(crp, err, false);
}

/*
 * The session the request was queued for has moved or died: send it on.
 * A stage of a split session restarts on the part's replacement; a
 * consumer's request completes with EAGAIN and the new handle, or with the
 * session's error when there is no replacement.
 */
static void ocf_bounce(struct cryptop *crp)
{
	struct crypto_session *bs = crp->crp_run;
	struct crypto_session *to = ocf_moved_to(bs);
	int err = READ_ONCE(bs->dead_err);

	crp->crp_run = NULL;
	if (crp->crp_state & OCF_CRP_STAGED) {
		struct cryptodesc *first = crp->crp_desc;

		crp->crp_stage_last->crd_next = crp->crp_stage_next;
		crp->crp_state &= ~OCF_CRP_STAGED;
		ocf_session_put(bs);
		if (to)
			ocf_stage_start(crp, first);
		else
			ocf_complete(crp, err ? err : ENXIO);
		return;
	}
	if (to) {
		to = ocf_session_head(to);
		err = READ_ONCE(to->dead_err);
		if (!err) {
			crp->crp_session = to;
			err = EAGAIN;
		}
	}
	ocf_session_put(bs);
	ocf_complete(crp, err ? err : ENXIO);
}

/* Call the driver. OCF_BOUNCE: it cannot take requests of this session. */
static int ocf_invoke(struct cryptop *crp, int hint)
{
	struct crypto_session *bs = crp->crp_run;
	struct ocf_driver *drv = bs->drv;
	struct ocf_queue *q = &drv->q[0];
	unsigned int gen;
	unsigned long flags;
	int rc;

	if (!ocf_session_enter(bs, drv))
		return OCF_BOUNCE;
	crp->crp_state |= OCF_CRP_INDRIVER;
	gen = READ_ONCE(q->unblock_gen);
	rc = drv->dev->methods->process(drv->dev, crp, hint);
	if (rc == ERESTART || rc == -ERESTART) {
		crp->crp_state &= ~OCF_CRP_INDRIVER;
		ocf_inflight_dec(bs, drv);
		spin_lock_irqsave(&q->lock, flags);
		/*
		 * Moved or died while in process(): the migration's flush of
		 * this queue may be over (it takes q->lock after marking the
		 * session), so the request would wait on it for ever.
		 */
		if (ocf_moved_to(bs) || READ_ONCE(bs->dead_err)) {
			spin_unlock_irqrestore(&q->lock, flags);
			ocf_bounce(crp);
			return OCF_TAKEN;
		}
		list_add(&crp->crp_next, &q->list);
		q->len++;
		if (gen == q->unblock_gen) {
			q->blocked = true;
			atomic64_inc(&drv->blocks);
			spin_unlock_irqrestore(&q->lock, flags);
			return OCF_BLOCKED;
		}
		/*
		 * crypto_unblock() ran while process() was deciding. Kicked
		 * under q->lock: once it is dropped, a flush may take the
		 * request and its references away, and the driver with them.
		 */
		ocf_queue_kick(q);
		spin_unlock_irqrestore(&q->lock, flags);
		return OCF_BLOCKED;
	}
	if (rc) {
		crp->crp_etype = rc < 0 ? -rc : rc;
		crypto_done(crp);
	}
	return OCF_TAKEN;
}

/* Put a request on its driver's queue (slow path); bounce it if needed. */
static void ocf_enqueue(struct cryptop *crp)
{
	struct crypto_session *bs = crp->crp_run;
	struct ocf_driver *drv = bs->drv;
	struct ocf_queue *q = &drv->q[0];
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	if (ocf_moved_to(bs) || READ_ONCE(bs->dead_err)) {
		spin_unlock_irqrestore(&q->lock, flags);
		ocf_bounce(crp);
		return;
	}
	/*
	 * Full: ENOBUFS, for the consumer to try again later; but not to a
	 * split session's later stage, which the earlier ones have changed
	 * the buffer for (tried again, they would run twice): it waits.
	 */
	if (q->len >= READ_ONCE(ocf_max_queue) &&
	    !((crp->crp_state & OCF_CRP_STAGED) && crp->crp_desc != crp->crp_desc_all)) {
		spin_unlock_irqrestore(&q->lock, flags);
		crp->crp_run = NULL;
		ocf_session_put(bs);
		ocf_complete(crp, ENOBUFS);
		return;
	}
	list_add_tail(&crp->crp_next, &q->list);
	q->len++;
	/*
	 * Kicked under q->lock: once it is dropped, a flush may bounce the
	 * request and drop its references, and the driver may go with them.
	 */
	if (!q->blocked && !drv->dead)
		ocf_queue_kick(q);
	spin_unlock_irqrestore(&q->lock, flags);
}

/* Submit to the driver of a bound session. */
static void ocf_submit_bound(struct cryptop *crp, struct crypto_session *bs)
{
	struct ocf_driver *drv = bs->drv;
	struct ocf_queue *q = &drv->q[0];

	kref_get(&bs->ref);
	crp->crp_run = bs;
	if ((crp->crp_flags & CRYPTO_F_ASYNC) && (drv->flags & CRYPTOCAP_F_SYNC)) {
		queue_work(ocf_async_wq, &crp->crp_work);
		return;
	}
	if (!(crp->crp_flags & CRYPTO_F_BATCH) && ocf_queue_idle(q)) {
		if (ocf_invoke(crp, 0) != OCF_BOUNCE)
			return;
	}
	ocf_enqueue(crp);
}

static void ocf_sym_queue_run(struct ocf_queue *q)
{
	struct ocf_driver *drv = q->drv;
	struct cryptop *crp;
	unsigned long flags;
	bool more;
	int r;

	spin_lock_irqsave(&q->lock, flags);
	while (!q->blocked && !READ_ONCE(drv->dead) && !list_empty(&q->list)) {
		crp = list_first_entry(&q->list, struct cryptop, crp_next);
		list_del_init(&crp->crp_next);
		q->len--;
		q->busy++;
		more = !list_empty(&q->list);
		spin_unlock_irqrestore(&q->lock, flags);
		r = ocf_invoke(crp, more ? CRYPTO_HINT_MORE : 0);
		spin_lock_irqsave(&q->lock, flags);
		q->busy--;
		spin_unlock_irqrestore(&q->lock, flags);
		/*
		 * A worker: a driver that unblocks itself at once (its device
		 * full, nothing of ours in flight) must not keep this CPU
		 */
		cond_resched();
		if (r == OCF_BOUNCE) {
			struct crypto_session *bs = crp->crp_run;

			/* under q->lock: a migration marks, then flushes under it */
			spin_lock_irqsave(&q->lock, flags);
			if (ocf_moved_to(bs) || READ_ONCE(bs->dead_err)) {
				spin_unlock_irqrestore(&q->lock, flags);
				ocf_bounce(crp);
			} else {
				/* driver dying, sessions not moved yet: keep it */
				list_add(&crp->crp_next, &q->list);
				q->len++;
				break;
			}
		}
		spin_lock_irqsave(&q->lock, flags);
	}
	spin_unlock_irqrestore(&q->lock, flags);
}

static void ocf_queue_work(struct work_struct *work)
{
	struct ocf_queue *q = container_of(work, struct ocf_queue, work);

	if (q->which)
		ocf_kqueue_run(q);
	else
		ocf_sym_queue_run(q);
	ocf_driver_put(q->drv);		/* taken by ocf_queue_kick() */
}

void ocf_queue_init(struct ocf_queue *q, struct ocf_driver *drv, int which)
{
	spin_lock_init(&q->lock);
	INIT_LIST_HEAD(&q->list);
	INIT_WORK(&q->work, ocf_queue_work);
	q->drv = drv;
	q->which = which;
}

/**
 * ocf_queue_kick() - schedule the worker that drains @q
 * @q: a driver queue
 *
 * A pending work item holds a reference on its driver, so a driver freed
 * after unregistration never has work pending.
 */
void ocf_queue_kick(struct ocf_queue *q)
{
	kref_get(&q->drv->ref);
	if (!queue_work(ocf_queue_wq, &q->work))
		ocf_driver_put(q->drv);
}

/**
 * ocf_queue_flush_sym() - bounce the queued requests of migrated sessions
 * @drv: a driver whose sessions (some or all) have moved or died
 *
 * Requests of sessions that have not moved stay queued, in order.
 */
void ocf_queue_flush_sym(struct ocf_driver *drv)
{
	struct ocf_queue *q = &drv->q[0];
	struct cryptop *crp, *tmp;
	unsigned long flags;
	LIST_HEAD(out);

	spin_lock_irqsave(&q->lock, flags);
	list_for_each_entry_safe(crp, tmp, &q->list, crp_next) {
		if (ocf_moved_to(crp->crp_run) ||
		    READ_ONCE(crp->crp_run->dead_err) || drv->dead) {
			list_move_tail(&crp->crp_next, &out);
			q->len--;
		}
	}
	spin_unlock_irqrestore(&q->lock, flags);
	list_for_each_entry_safe(crp, tmp, &out, crp_next) {
		list_del_init(&crp->crp_next);
		ocf_bounce(crp);
	}
}

static void ocf_work(struct work_struct *work)
{
	struct cryptop *crp = container_of(work, struct cryptop, crp_work);

	if (crp->crp_state & OCF_CRP_STAGE_CONT) {
		crp->crp_state &= ~OCF_CRP_STAGE_CONT;
		ocf_stage_start(crp, crp->crp_stage_next);
		return;
	}
	if (ocf_invoke(crp, 0) == OCF_BOUNCE)
		ocf_enqueue(crp);
}

/* Split sessions: run the descriptors that map to one part as a stage. */
static void ocf_stage_start(struct cryptop *crp, struct cryptodesc *first)
{
	struct crypto_session *top = crp->crp_top, *part;
	struct cryptodesc *last = first;
	int idx, p;

	if (READ_ONCE(top->dead_err) ||
	    ocf_session_map_desc(top, crp->crp_desc_all, first, &idx)) {
		ocf_complete(crp, top->dead_err ? top->dead_err : EINVAL);
		return;
	}
	p = top->part_of[idx];
	while (last->crd_next &&
	       !ocf_session_map_desc(top, crp->crp_desc_all, last->crd_next, &idx) &&
	       top->part_of[idx] == p)
		last = last->crd_next;

	part = ocf_session_part(top, p);
	if (!part) {
		ocf_complete(crp, EBADF);
		return;
	}
	crp->crp_stage_last = last;
	crp->crp_stage_next = last->crd_next;
	last->crd_next = NULL;
	crp->crp_desc = first;
	crp->crp_session = part;
	crp->crp_state |= OCF_CRP_STAGED;
	ocf_submit_bound(crp, part);
	ocf_session_put(part);
}

static void ocf_stage_done(struct cryptop *crp, bool sync)
{
	struct cryptodesc *next = crp->crp_stage_next;

	crp->crp_stage_last->crd_next = next;
	crp->crp_state &= ~OCF_CRP_STAGED;
	/*
	 * A driver's ENOBUFS says "try again", which after an earlier stage
	 * has changed the buffer would run that stage twice
	 */
	if (crp->crp_etype == ENOBUFS && crp->crp_desc != crp->crp_desc_all)
		crp->crp_etype = EIO;
	if (crp->crp_etype || !next) {
		struct crypto_session *top = crp->crp_top;

		crp->crp_session = top;
		crp->crp_desc = crp->crp_desc_all;
		crp->crp_top = NULL;
		ocf_session_put(top);
		ocf_finish(crp, crp->crp_etype, sync);
		return;
	}
	if (in_hardirq() || irqs_disabled()) {
		crp->crp_state |= OCF_CRP_STAGE_CONT;
		queue_work(ocf_async_wq, &crp->crp_work);
		return;
	}
	ocf_stage_start(crp, next);
}

/**
 * crypto_done() - a driver has finished a request
 * @crp: the request, with crp_etype set (0 or a positive errno)
 *
 * Context: any; may be called from within the driver's process method.
 */
void crypto_done(struct cryptop *crp)
{
	struct crypto_session *bs = crp->crp_run;
	struct ocf_driver *drv;
	bool sync;

	if (WARN_ON_ONCE(!bs))		/* completed twice, or never dispatched */
		return;
	drv = bs->drv;
	sync = drv->flags & CRYPTOCAP_F_SYNC;
	if (crp->crp_etype < 0)
		crp->crp_etype = -crp->crp_etype;
	this_cpu_inc(drv->pc->ops);
	if (crp->crp_etype)
		this_cpu_inc(drv->pc->errors);
	crp->crp_state |= OCF_CRP_DRIVER_DONE;
	ocf_driver_stat_latency(drv, crp->crp_tstamp);
	if (crp->crp_state & OCF_CRP_INDRIVER) {
		crp->crp_state &= ~OCF_CRP_INDRIVER;
		ocf_inflight_dec(bs, drv);
	}
	crp->crp_run = NULL;
	ocf_session_put(bs);
	if (crp->crp_state & OCF_CRP_STAGED)
		ocf_stage_done(crp, sync);
	else
		ocf_finish(crp, crp->crp_etype, sync);
}
EXPORT_SYMBOL_OCF(crypto_done);

static int ocf_check_buffer(const struct cryptop *crp)
{
	struct scatterlist *sg;
	u64 total = 0;
	unsigned int i;

	if (crp->crp_ilen < 0)
		return EINVAL;
	switch (crp->crp_flags & (CRYPTO_F_IMBUF | CRYPTO_F_IOV)) {
	case 0:
		return crp->crp_ilen && !crp->crp_buf ? EINVAL : 0;
	case CRYPTO_F_IMBUF:
		/* as long as crp_ilen: drivers walk it without looking */
		for (sg = crp->crp_sg; sg && total < crp->crp_ilen; sg = sg_next(sg))
			total += sg->length;
		return !crp->crp_sg || total < crp->crp_ilen ? EINVAL : 0;
	case CRYPTO_F_IOV:
		if (!crp->crp_uio || (crp->crp_uio->uio_nr && !crp->crp_uio->uio_bvec))
			return EINVAL;
		for (i = 0; i < crp->crp_uio->uio_nr; i++)
			total += crp->crp_uio->uio_bvec[i].bv_len;
		return total < crp->crp_ilen ? EINVAL : 0;
	default:
		return EINVAL;
	}
}

static int ocf_check_request(struct cryptop *crp, struct crypto_session *s)
{
	struct cryptodesc *crd;
	int n = 0, idx;

	if (ocf_check_buffer(crp) || !crp->crp_desc)
		return EINVAL;
	for (crd = crp->crp_desc; crd; crd = crd->crd_next) {
		if (++n > OCF_MAX_DESC)
			return EINVAL;
		if (crd->crd_aadlen < 0 || crd->crd_aadlen > crd->crd_len)
			return EINVAL;
		if (crd->crd_skip < 0 || crd->crd_len < 0 || crd->crd_inject < 0 ||
		    (s64)crd->crd_skip + crd->crd_len > crp->crp_ilen ||
		    crd->crd_inject > crp->crp_ilen)
			return EINVAL;
		if (ocf_session_map_desc(s, crp->crp_desc, crd, &idx))
			return EINVAL;
		/* a request's own key (the session's algorithm: a known one) */
		if ((crd->crd_flags & CRD_F_KEY_EXPLICIT) &&
		    !ocf_alg_key_ok(ocf_alg_get(crd->crd_alg), crd->crd_klen, crd->crd_key))
			return EINVAL;
		/* a hash in parts: alone in its request, on a driver that can */
		if ((crd->crd_flags & (CRD_F_MAC_MORE | CRD_F_MAC_CONT)) &&
		    (s->nparts || crd != crp->crp_desc || crd->crd_next ||
		     !ocf_mac_partial(s, crd->crd_alg)))
			return EINVAL;
	}
	return 0;
}

/**
 * crypto_dispatch() - submit a symmetric request
 * @crp: the request: session, buffer, descriptors and callback set
 *
 * The callback is always called, exactly once, with crp_etype 0 or: EINVAL
 * (no or a bad session, descriptors outside the buffer or naming an
 * algorithm the session lacks, malformed buffer), EAGAIN (the session moved
 * to another driver: crp_session holds the new handle, resubmit), ENXIO (it
 * moved and no driver can take it), EBADF (the session is being freed),
 * ENOBUFS (the driver's queue is full), or the driver's error.
 *
 * Context: any; never sleeps.
 * Return: EINVAL if @crp or its callback is NULL (nothing else happens),
 * 0 otherwise.
 */
int crypto_dispatch(struct cryptop *crp)
{
	struct crypto_session *s, *head;
	int err;

	if (!crp || !crp->crp_callback)
		return EINVAL;
	crp->crp_flags &= ~CRYPTO_F_DONE;
	crp->crp_etype = 0;
	crp->crp_state = 0;
	crp->crp_run = NULL;
	crp->crp_top = NULL;
	crp->crp_olen = crp->crp_ilen;
	crp->crp_tstamp = ocf_lat_stamp();
	INIT_WORK(&crp->crp_work, ocf_work);
	if (crp->crp_flags & CRYPTO_F_ASYNC_KEEPORDER) {
		crp->crp_seq = atomic64_inc_return(&ocf_order_seq) - 1;
		crp->crp_state |= OCF_CRP_ORDERED;
	}

	s = crp->crp_session;
	if (!s) {
		ocf_complete(crp, EINVAL);
		return 0;
	}
	head = ocf_session_head(s);
	if (head != s) {
		err = READ_ONCE(head->dead_err);
		if (!err) {
			crp->crp_session = head;
			err = EAGAIN;
		}
		ocf_complete(crp, err);
		return 0;
	}
	err = READ_ONCE(s->dead_err);
	if (!err)
		err = ocf_check_request(crp, s);
	if (err) {
		ocf_complete(crp, err);
		return 0;
	}
	if (s->nparts) {
		kref_get(&s->ref);
		crp->crp_top = s;
		crp->crp_desc_all = crp->crp_desc;
		ocf_stage_start(crp, crp->crp_desc);
	} else {
		ocf_submit_bound(crp, s);
	}
	return 0;
}
EXPORT_SYMBOL_OCF(crypto_dispatch);

/**
 * crypto_unblock() - a driver can take requests again
 * @driverid: the driver
 * @what: CRYPTO_SYMQ and/or CRYPTO_ASYMQ
 *
 * Resubmits, in order, what queued up while the driver was blocked.
 *
 * Context: any; never sleeps.
 * Return: 0, or EINVAL for an unknown driver or an empty @what.
 */
int crypto_unblock(u32 driverid, int what)
{
	struct ocf_driver *drv;
	unsigned long flags;
	bool was;
	int i;

	if (!(what & (CRYPTO_SYMQ | CRYPTO_ASYMQ)) || (what & ~(CRYPTO_SYMQ | CRYPTO_ASYMQ)))
		return EINVAL;
	drv = ocf_driver_get(driverid);
	if (!drv)
		return EINVAL;
	for (i = 0; i < OCF_NQUEUES; i++) {
		struct ocf_queue *q = &drv->q[i];

		if (!(what & (i ? CRYPTO_ASYMQ : CRYPTO_SYMQ)))
			continue;
		spin_lock_irqsave(&q->lock, flags);
		q->unblock_gen++;
		was = q->blocked;
		q->blocked = false;
		spin_unlock_irqrestore(&q->lock, flags);
		if (was)
			atomic64_inc(&drv->unblocks);
		if (!READ_ONCE(drv->dead))
			ocf_queue_kick(q);
	}
	ocf_driver_put(drv);
	return 0;
}
EXPORT_SYMBOL_OCF(crypto_unblock);

int ocf_dispatch_init(void)
{
	unsigned int i;

	ocf_async_wq = alloc_workqueue("ocf_async", WQ_UNBOUND | WQ_HIGHPRI, 0);
	ocf_queue_wq = alloc_workqueue("ocf_queue", WQ_UNBOUND | WQ_HIGHPRI, 0);
	if (!ocf_async_wq || !ocf_queue_wq)
		goto fail;
	ocf_nret = clamp_t(unsigned int, num_online_cpus(), 1, OCF_MAX_RET);
	for (i = 0; i < ocf_nret; i++) {
		struct ocf_ret *r = &ocf_rets[i];

		spin_lock_init(&r->lock);
		INIT_LIST_HEAD(&r->crps);
		INIT_LIST_HEAD(&r->krps);
		INIT_LIST_HEAD(&r->ordered);
		init_waitqueue_head(&r->wq);
		r->task = kthread_run(ocf_ret_thread, r, "ocf_ret/%u", i);
		if (IS_ERR(r->task)) {
			r->task = NULL;
			goto fail;
		}
	}
	return 0;
fail:
	ocf_dispatch_exit();
	return -ENOMEM;
}

void ocf_dispatch_exit(void)
{
	unsigned int i;

	for (i = 0; i < ocf_nret; i++)
		if (ocf_rets[i].task)
			kthread_stop(ocf_rets[i].task);
	if (ocf_async_wq)
		destroy_workqueue(ocf_async_wq);
	if (ocf_queue_wq)
		destroy_workqueue(ocf_queue_wq);
}
