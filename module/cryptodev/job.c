// SPDX-License-Identifier: GPL-2.0-only
/*
 * /dev/crypto requests: a kernel copy of the user's data (charged to the
 * caller's memory cgroup, and to its user's and the module's bounds:
 * account.c), one crypto_dispatch(), and the wait for its callback. A
 * waiter killed while the request is inside a driver leaves it orphaned:
 * the callback then frees it from a worker, so nothing a driver may still
 * touch is freed early.
 *
 * Zero-copy: from cdev_zc_min bytes on (unless COP_FLAG_NO_ZC), the user's
 * pages are pinned with pin_user_pages_fast() and become the request's
 * buffer (a crypto_uio of bio_vecs): FOLL_WRITE for anything written, so a
 * read-only mapping is EFAULT and a MAP_PRIVATE file page is copied on
 * write before it is pinned, never written in the page cache; pages written
 * are dirtied when unpinned, so a MAP_SHARED file page is written back as
 * after write(). Every pin is undone when the job is freed, on every path.
 */
#include <linux/backing-dev.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#include "cdev.h"

struct workqueue_struct *cdev_wq;

/*
 * Jobs whose buffer is at most this big are kept for the next request: one
 * per session, and one per CPU for new sessions (a session per operation).
 */
#define CDEV_SPARE_MAX (16 * 1024)

static DEFINE_PER_CPU(struct cdev_job *, cdev_spare);

/* Free a job whose buffer is not charged (a CPU's spare, or uncharged). */
static void cdev_job_free_uncharged(struct cdev_job *j)
{
	kvfree_sensitive(j->buf, j->bufcap);
	crypto_freereq(j->crp);
	kfree(j);
}

/* The job the session or this CPU kept, if it fits: its buffer stays charged. */
static struct cdev_job *cdev_job_reuse(struct cdev_session *cs, int ndesc,
				       size_t buflen)
{
	struct cdev_job *j = NULL;

	if (READ_ONCE(cs->spare))
		j = xchg(&cs->spare, NULL);
	if (!j) {
		j = this_cpu_xchg(cdev_spare, NULL);
		if (!j)
			return NULL;
		if (cdev_mem_charge(cs->acct, j->bufcap)) {	/* uncharged while kept */
			cdev_job_free_uncharged(j);
			return NULL;
		}
		j->acct = cs->acct;
	}
	if (j->ndesc != ndesc || j->bufcap < buflen) {
		cdev_job_destroy(j);
		return NULL;
	}
	crypto_clearreq(j->crp, ndesc);
	memset_startat(j, 0, cs);
	return j;
}

/**
 * cdev_job_alloc() - a request with @ndesc descriptors and a data buffer
 * @cs: its session, referenced by the job
 * @ndesc: descriptors
 * @buflen: bytes of data buffer (0: none)
 *
 * The session's spare job is taken when it fits; otherwise one is made.
 *
 * Return: the job or an ERR_PTR.
 */
struct cdev_job *cdev_job_alloc(struct cdev_session *cs, int ndesc, size_t buflen)
{
	struct cdev_job *j;
	int err;

	j = cdev_job_reuse(cs, ndesc, buflen);
	if (j)
		goto init;
	j = kzalloc(sizeof(*j), GFP_KERNEL_ACCOUNT);
	if (!j)
		return ERR_PTR(-ENOMEM);
	j->crp = crypto_getreq(ndesc);
	if (!j->crp) {
		kfree(j);
		return ERR_PTR(-ENOMEM);
	}
	j->ndesc = ndesc;
	if (buflen) {
		err = cdev_mem_charge(cs->acct, buflen);
		if (err) {
			crypto_freereq(j->crp);
			kfree(j);
			return ERR_PTR(err);
		}
		j->buf = kvmalloc(buflen, GFP_KERNEL_ACCOUNT);
		if (!j->buf) {
			cdev_mem_uncharge(cs->acct, buflen);
			crypto_freereq(j->crp);
			kfree(j);
			return ERR_PTR(-ENOMEM);
		}
		j->bufcap = buflen;
		j->acct = cs->acct;
	}
init:
	j->buflen = buflen;
	j->bufused = max(j->bufused, buflen);
	kref_get(&cs->ref);
	j->cs = cs;
	atomic_inc(&cdev_stats.jobs);
	INIT_LIST_HEAD(&j->node);
	return j;
}

/**
 * cdev_job_destroy() - free a job for good: request, buffer and all
 * @j: a job that is no request's any more (a session's spare, or one
 *     cdev_job_free() does not keep)
 */
void cdev_job_destroy(struct cdev_job *j)
{
	if (j->acct)
		cdev_mem_uncharge(j->acct, j->bufcap);
	memzero_explicit(j->mac, sizeof(j->mac));
	memzero_explicit(j->iv, sizeof(j->iv));
	cdev_job_free_uncharged(j);
}

/**
 * cdev_job_stash() - keep a session's spare job for any session, wiped
 * @j: a job no request uses, its buffer at most CDEV_SPARE_MAX
 *
 * It becomes this CPU's spare (the one there before is destroyed), its
 * buffer no longer charged: with no file open, /dev/crypto holds nothing
 * but these, at most CDEV_SPARE_MAX per CPU.
 */
void cdev_job_stash(struct cdev_job *j)
{
	if (j->bufused)
		memzero_explicit(j->buf, j->bufused);
	j->bufused = 0;
	memzero_explicit(j->mac, sizeof(j->mac));
	memzero_explicit(j->iv, sizeof(j->iv));
	if (j->acct)
		cdev_mem_uncharge(j->acct, j->bufcap);
	j->acct = NULL;
	j = this_cpu_xchg(cdev_spare, j);
	if (j)
		cdev_job_free_uncharged(j);
}

/**
 * cdev_job_exit() - free the jobs the CPUs kept (module unload)
 */
void cdev_job_exit(void)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		struct cdev_job *j = xchg(per_cpu_ptr(&cdev_spare, cpu), NULL);

		if (j)
			cdev_job_free_uncharged(j);
	}
}

/**
 * cdev_job_free() - free a job that no driver holds
 * @j: the job
 *
 * A job with a small buffer becomes its session's spare (the previous one
 * goes to the CPU's, wiped). The data it holds stays in memory of the same
 * session until the next request overwrites it or it is wiped.
 *
 * Context: process.
 */
void cdev_job_free(struct cdev_job *j)
{
	struct cdev_session *cs = j->cs;
	struct cdev_job *parent = j->parent;

	if (j->npages) {
		unpin_user_pages_dirty_lock(j->pages, j->npages, j->pinned_write);
		cdev_mem_uncharge(cs->acct, (size_t)j->npages << PAGE_SHIFT);
		atomic_long_sub(j->npages, &cdev_stats.pinned);
	}
	atomic_dec(&cdev_stats.jobs);
	kvfree(j->pages);
	kvfree(j->bvec);
	if (j->bufcap <= CDEV_SPARE_MAX) {
		j = xchg(&cs->spare, j);
		if (j)
			cdev_job_stash(j);
	} else {
		cdev_job_destroy(j);
	}
	cdev_session_put(cs);
	if (parent)
		cdev_job_free(parent);
}

/*
 * Does the file system track @vma's pages dirty (a file's MAP_SHARED
 * writable pages that write back or are notified of writes)? What GUP
 * itself asks before a long-term write pin from 6.5 on.
 */
static bool cdev_vma_tracks_dirty(const struct vm_area_struct *vma)
{
	const struct vm_operations_struct *ops = vma->vm_ops;

	if ((vma->vm_flags & (VM_SHARED | VM_WRITE)) != (VM_SHARED | VM_WRITE))
		return false;
	if (ops && (ops->page_mkwrite || ops->pfn_mkwrite))
		return true;
	return vma->vm_file && mapping_can_writeback(vma->vm_file->f_mapping);
}

/*
 * A long-term write pin on a kernel whose GUP grants it on pages tracked
 * dirty (compat.h): refused here as later kernels refuse it (-EFAULT),
 * the mappings checked and the pages pinned under one hold of the mmap
 * lock, so that no mapping changes in between.
 */
static int cdev_pin_longterm_write(unsigned long start, unsigned int n,
				   struct page **pages)
{
	struct mm_struct *mm = current->mm;
	unsigned long addr = start, end = start + ((unsigned long)n << PAGE_SHIFT);
	struct vm_area_struct *vma;
	int got = -EFAULT;

	if (mmap_read_lock_killable(mm))
		return -EINTR;
	while (addr < end) {
		vma = vma_lookup(mm, addr);
		if (!vma || cdev_vma_tracks_dirty(vma))
			goto out;
		addr = vma->vm_end;
	}
	got = ocf_pin_user_pages_locked(start, n, FOLL_WRITE | FOLL_LONGTERM, pages);
out:
	mmap_read_unlock(mm);
	return got;
}

/**
 * cdev_job_pin() - make the user's memory the job's buffer
 * @j: a job allocated without a buffer
 * @uaddr: the user's data
 * @len: its length
 * @write: the request writes it
 * @longterm: an asynchronous request: its pages stay pinned until the
 *	caller fetches it, so they are pinned as long-term pins are
 *	(FOLL_LONGTERM: moved out of movable and CMA memory first; a file's
 *	shared pages written through it are refused, -EFAULT, on every
 *	kernel)
 *
 * Context: process; sleeps.
 * Return: 0, -EFAULT (not mapped, or not writable when @write, or not
 * pinnable long-term), -ENOMEM, or another refusal of the pin (-EOPNOTSUPP
 * for fs-dax pages pinned long-term).
 */
int cdev_job_pin(struct cdev_job *j, u8 __user *uaddr, size_t len, bool write,
		 bool longterm)
{
	unsigned long start = (unsigned long)uaddr;
	unsigned int off = offset_in_page(start), i;
	unsigned int n = DIV_ROUND_UP(off + len, PAGE_SIZE);
	int got, err;

	if (!len || !access_ok(uaddr, len))
		return -EFAULT;
	err = cdev_mem_charge(j->cs->acct, (size_t)n << PAGE_SHIFT);
	if (err)
		return err;
	j->pages = kvmalloc_array(n, sizeof(*j->pages), GFP_KERNEL_ACCOUNT);
	j->bvec = kvmalloc_array(n, sizeof(*j->bvec), GFP_KERNEL_ACCOUNT);
	if (!j->pages || !j->bvec) {
		cdev_mem_uncharge(j->cs->acct, (size_t)n << PAGE_SHIFT);
		return -ENOMEM;
	}
	if (!COMPAT_GUP_REFUSES_LONGTERM_FILE_WRITE && write && longterm)
		got = cdev_pin_longterm_write(start & PAGE_MASK, n, j->pages);
	else
		got = pin_user_pages_fast(start & PAGE_MASK, n, (write ? FOLL_WRITE : 0) |
					  (longterm ? FOLL_LONGTERM : 0), j->pages);
	if (got != n) {
		if (got > 0)
			unpin_user_pages(j->pages, got);
		cdev_mem_uncharge(j->cs->acct, (size_t)n << PAGE_SHIFT);
		return got < 0 && got != -EFAULT && got != -ENOMEM ? got : -EFAULT;
	}
	j->npages = n;
	j->pinned_write = write;
	atomic_long_add(n, &cdev_stats.pinned);
	for (i = 0; i < n; i++) {
		unsigned int c = min_t(size_t, PAGE_SIZE - off, len);

		bvec_set_page(&j->bvec[i], j->pages[i], c, off);
		len -= c;
		off = 0;
	}
	j->uio.uio_bvec = j->bvec;
	j->uio.uio_nr = n;
	j->crp->crp_flags |= CRYPTO_F_IOV;
	j->crp->crp_uio = &j->uio;
	return 0;
}

/**
 * cdev_job_fill_pinned() - copy the user's source into the pinned pages
 * @j: a job pinned with cdev_job_pin() (write) on the destination
 * @src: the source, as long as the pinned range
 *
 * For out-of-place requests: one copy instead of two.
 *
 * Return: 0 or -EFAULT.
 */
int cdev_job_fill_pinned(struct cdev_job *j, const u8 __user *src)
{
	unsigned int i;

	for (i = 0; i < j->npages; i++) {
		struct bio_vec *bv = &j->bvec[i];
		u8 *p = kmap_local_page(bv->bv_page);
		unsigned long left;

		left = copy_from_user(p + bv->bv_offset, src, bv->bv_len);
		kunmap_local(p);
		if (left)
			return -EFAULT;
		src += bv->bv_len;
	}
	return 0;
}

static void cdev_job_free_work(struct work_struct *w)
{
	cdev_job_free(container_of(w, struct cdev_job, wait.free_work));
}

static int cdev_job_callback(struct cryptop *crp)
{
	struct cdev_job *j = crp->crp_opaque;

	if (j->async) {
		cdev_async_done(j);
		return 0;
	}
	cdev_waiter_done(&j->wait);
	return 0;
}

/**
 * cdev_job_submit() - hand a job to the framework
 * @j: the job, its request filled in (session, buffer, descriptors)
 *
 * Return: 0 (the callback will run) or a negative errno.
 */
int cdev_job_submit(struct cdev_job *j)
{
	struct cryptop *crp = j->crp;

	crp->crp_opaque = j;
	crp->crp_callback = cdev_job_callback;
	/* the callback only wakes or queues: run it where the request ends */
	crp->crp_flags |= CRYPTO_F_CBIMM;
	crp->crp_session = READ_ONCE(j->cs->ses);
	return -crypto_dispatch(crp);
}

/**
 * cdev_job_follow() - after EAGAIN, make the session's handle the new one
 * @j: the job whose request met EAGAIN (crp_session is the replacement)
 */
void cdev_job_follow(struct cdev_job *j)
{
	WRITE_ONCE(j->cs->ses, j->crp->crp_session);
}

/**
 * cdev_job_run() - run a job synchronously
 * @j: the job
 *
 * Resubmits after a migration (EAGAIN) and retries a full queue (ENOBUFS)
 * a bounded number of times.
 *
 * Context: process; sleeps, killable.
 * Return: 0 or a negative errno; on -EINTR the job belongs to its callback
 * and must not be touched.
 */
int cdev_job_run(struct cdev_job *j)
{
	int err;

	for (;;) {
		cdev_waiter_arm(&j->wait, cdev_job_free_work);
		err = cdev_job_submit(j);
		cdev_waiter_submitted(&j->wait);
		if (err)
			return err;
		if (cdev_waiter_wait(&j->wait, NULL))
			return -EINTR;
		err = j->crp->crp_etype;
		if (err == EAGAIN && ++j->tries < 16) {
			cdev_job_follow(j);
			continue;
		}
		if (err == ENOBUFS && ++j->tries < 16) {
			/* the request is over: the job is still the caller's */
			if (schedule_timeout_killable(msecs_to_jiffies(1)))
				return -ENOBUFS;
			continue;
		}
		return -err;
	}
}

/**
 * cdev_job_copyout() - give a finished job's results to the user
 * @j: the job
 *
 * Return: 0 or -EFAULT.
 */
int cdev_job_copyout(struct cdev_job *j)
{
	if (j->outlen && copy_to_user(j->out.dst, j->buf + j->outoff, j->outlen))
		return -EFAULT;
	if (j->maclen_out) {
		u8 __user *to = j->out.mac ? j->out.mac : j->out.tag;

		if (copy_to_user(to, j->mac, j->maclen_out))
			return -EFAULT;
	}
	if (j->ivlen_out && copy_to_user(j->out.iv, j->iv, j->ivlen_out))
		return -EFAULT;
	return 0;
}
