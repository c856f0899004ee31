// SPDX-License-Identifier: GPL-2.0-only
/*
 * Requests over the three buffer kinds, their callback, bounded waits, and
 * session helpers for the test cases.
 */
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "ocft.h"

void ocft_fill(u8 *buf, int len, u32 seed)
{
	int i;

	for (i = 0; i < len; i++) {
		seed = seed * 1664525u + 1013904223u;
		buf[i] = seed >> 24;
	}
}

void ocft_key_fill(u8 *key, int len, u32 seed)
{
	ocft_fill(key, len, seed ^ 0x4b455953u);
}

static int ocft_cb(struct cryptop *crp)
{
	struct ocft_req *r = crp->crp_opaque;
	struct ocft_group *g = r->group;
	int n;

	r->cb_task = current;
	r->cb_in_dispatch = READ_ONCE(ocft_in_dispatch) && current == ocft_tester;
	r->cb_etype = crp->crp_etype;
	r->cb_flags = crp->crp_flags;
	r->cb_session = crp->crp_session;
	n = atomic_inc_return(&r->ncb);
	if (n == 1 && g)
		r->cb_order = atomic_inc_return(&g->order) - 1;
	/* the waiter may free @r from here on: do not touch it again */
	complete(&r->done);
	if (n == 1 && g && atomic_dec_and_test(&g->remaining))
		complete(&g->all);
	return 0;
}

/* Segment lengths of a buffer cut in three uneven pieces. */
static int ocft_segs(int len, int *seglen)
{
	if (len < 16) {
		seglen[0] = len;
		return 1;
	}
	seglen[0] = len / 3 + 1;
	seglen[1] = len / 4 + 3;
	seglen[2] = len - seglen[0] - seglen[1];
	return 3;
}

/* IOV segments start at these page offsets. */
static const unsigned int ocft_iov_off[OCFT_NSEG] = { 100, 0, 7, 0 };

static void ocft_req_release(struct ocft_req *r);

struct ocft_req *ocft_req_new(int len, enum ocft_bufkind kind, gfp_t gfp)
{
	int seglen[OCFT_NSEG], nseg, i;
	struct ocft_req *r;

	r = kzalloc(sizeof(*r), gfp);
	if (!r)
		return NULL;
	r->len = len;
	r->kind = kind;
	init_completion(&r->done);
	r->crp.crp_ilen = len;
	r->crp.crp_opaque = r;
	r->crp.crp_callback = ocft_cb;
	r->crp.crp_desc = &r->crd[0];

	switch (kind) {
	case OCFT_BUF_FLAT:
		r->flat = kzalloc(len + 1, gfp);
		if (!r->flat)
			goto err;
		r->crp.crp_buf = r->flat;
		break;
	case OCFT_BUF_SG:
		nseg = ocft_segs(len, seglen);
		sg_init_table(r->sg, nseg);
		for (i = 0; i < nseg; i++) {
			r->seg[i] = kzalloc(seglen[i] + 1, gfp);
			if (!r->seg[i])
				goto err;
			sg_set_buf(&r->sg[i], r->seg[i], seglen[i]);
		}
		r->crp.crp_sg = r->sg;
		r->crp.crp_flags |= CRYPTO_F_IMBUF;
		break;
	case OCFT_BUF_IOV:
		nseg = ocft_segs(len, seglen);
		for (i = 0; i < nseg; i++) {
			if (seglen[i] + ocft_iov_off[i] > PAGE_SIZE)
				goto err;
			r->pg[i] = alloc_page(gfp | __GFP_ZERO);
			if (!r->pg[i])
				goto err;
			r->bv[i].bv_page = r->pg[i];
			r->bv[i].bv_offset = ocft_iov_off[i];
			r->bv[i].bv_len = seglen[i];
		}
		r->uio.uio_bvec = r->bv;
		r->uio.uio_nr = nseg;
		r->crp.crp_uio = &r->uio;
		r->crp.crp_flags |= CRYPTO_F_IOV;
		break;
	}
	return r;
err:
	ocft_req_release(r);
	return NULL;
}

/*
 * Freed requests are kept until the module goes: a late or second callback
 * then lands in live memory, where the last test case finds it, instead of
 * corrupting whatever reused the memory.
 */
static LIST_HEAD(ocft_graveyard);
static LIST_HEAD(ocft_group_graveyard);
static DEFINE_SPINLOCK(ocft_graveyard_lock);

void ocft_req_free(struct ocft_req *r)
{
	if (!r || r->leaked)
		return;
	r->group = NULL;
	r->ncb_at_free = atomic_read(&r->ncb);
	spin_lock(&ocft_graveyard_lock);
	list_add_tail(&r->grave, &ocft_graveyard);
	spin_unlock(&ocft_graveyard_lock);
}

/* Requests that got a callback after they were freed. */
int ocft_graveyard_check(int *total)
{
	struct ocft_req *r;
	int bad = 0;

	*total = 0;
	spin_lock(&ocft_graveyard_lock);
	list_for_each_entry(r, &ocft_graveyard, grave) {
		(*total)++;
		if (atomic_read(&r->ncb) != r->ncb_at_free && bad++ < 5)
			ocft_diag("request %d (%s): %d callbacks when freed, %d now",
				  r->idx, r->crp.crp_flags & CRYPTO_F_IMBUF ? "sg" :
				  r->crp.crp_flags & CRYPTO_F_IOV ? "iov" : "flat",
				  r->ncb_at_free, atomic_read(&r->ncb));
	}
	spin_unlock(&ocft_graveyard_lock);
	return bad;
}

static void ocft_req_release(struct ocft_req *r)
{
	int i;

	kfree(r->flat);
	for (i = 0; i < OCFT_NSEG; i++) {
		kfree(r->seg[i]);
		if (r->pg[i])
			__free_page(r->pg[i]);
	}
	kfree(r);
}

void ocft_graveyard_exit(void)
{
	struct ocft_group *g, *gtmp;
	struct ocft_req *r, *tmp;

	list_for_each_entry_safe(r, tmp, &ocft_graveyard, grave)
		ocft_req_release(r);
	INIT_LIST_HEAD(&ocft_graveyard);
	list_for_each_entry_safe(g, gtmp, &ocft_group_graveyard, grave)
		kfree(g);
	INIT_LIST_HEAD(&ocft_group_graveyard);
}

void ocft_req_reset(struct ocft_req *r)
{
	r->crp.crp_flags &= ~CRYPTO_F_DONE;
	r->crp.crp_etype = 0;
	reinit_completion(&r->done);
	atomic_set(&r->ncb, 0);
	r->cb_task = NULL;
	r->cb_in_dispatch = false;
	r->cb_etype = -1;
	r->cb_session = NULL;
}

static void ocft_req_copy(struct ocft_req *r, u8 *data, bool write)
{
	int seglen[OCFT_NSEG], nseg, i, off = 0;
	u8 *p;

	if (r->kind == OCFT_BUF_FLAT) {
		if (write)
			memcpy(r->flat, data, r->len);
		else
			memcpy(data, r->flat, r->len);
		return;
	}
	nseg = ocft_segs(r->len, seglen);
	for (i = 0; i < nseg; i++) {
		if (r->kind == OCFT_BUF_SG)
			p = r->seg[i];
		else
			p = (u8 *)page_address(r->pg[i]) + ocft_iov_off[i];
		if (write)
			memcpy(p, data + off, seglen[i]);
		else
			memcpy(data + off, p, seglen[i]);
		off += seglen[i];
	}
}

void ocft_req_write(struct ocft_req *r, const u8 *src)
{
	ocft_req_copy(r, (u8 *)src, true);
}

void ocft_req_read(struct ocft_req *r, u8 *dst)
{
	ocft_req_copy(r, dst, false);
}

int ocft_dispatch(struct ocft_req *r)
{
	bool mark = current == ocft_tester;
	int rc;

	if (mark)
		WRITE_ONCE(ocft_in_dispatch, true);
	rc = crypto_dispatch(&r->crp);
	if (mark)
		WRITE_ONCE(ocft_in_dispatch, false);
	return rc;
}

bool ocft_wait(struct ocft_req *r)
{
	if (wait_for_completion_timeout(&r->done, OCFT_TIMEOUT))
		return true;
	r->leaked = true;
	ocft_diag("request %d: no callback within %d s", r->idx, OCFT_TIMEOUT / HZ);
	return false;
}

/* A group of @n requests waited for together; NULL without memory. */
struct ocft_group *ocft_group_new(int n)
{
	struct ocft_group *g = kzalloc(sizeof(*g), GFP_KERNEL);

	if (g) {
		atomic_set(&g->remaining, n);
		atomic_set(&g->order, 0);
		init_completion(&g->all);
	}
	return g;
}

/*
 * Like a request, a group is kept until the module goes: a callback that
 * comes after its test gave up waiting (or returned on an error) finds it
 * still there rather than a dead stack frame or reused memory.
 */
void ocft_group_free(struct ocft_group *g)
{
	if (!g)
		return;
	spin_lock(&ocft_graveyard_lock);
	list_add_tail(&g->grave, &ocft_group_graveyard);
	spin_unlock(&ocft_graveyard_lock);
}

bool ocft_group_wait(struct ocft_group *g, unsigned long timeout)
{
	if (wait_for_completion_timeout(&g->all, timeout))
		return true;
	ocft_diag("%d requests without a callback after %lu s",
		  atomic_read(&g->remaining), timeout / HZ);
	return false;
}

/* Dispatch and wait; checks dispatch's return value and the single callback. */
int ocft_submit_wait(struct ocft_req *r, bool *okp)
{
	bool ok = true;
	int rc;

	ocft_req_reset(r);
	rc = ocft_dispatch(r);
	CHECK_EQ(rc, 0);
	if (rc) {
		*okp = false;
		return -1;
	}
	if (!ocft_wait(r)) {
		*okp = false;
		return -1;
	}
	CHECK_EQ(atomic_read(&r->ncb), 1);
	CHECK(r->crp.crp_flags & CRYPTO_F_DONE);
	if (!ok)
		*okp = false;
	return r->cb_etype;
}

int ocft_session(crypto_session_t *s, int crid, const int *algs,
		 u8 keys[][32], const int *mlen, int n)
{
	struct cryptoini cri[4];
	const struct ocft_alginfo *ai;
	int i;

	if (n > 4)
		return EINVAL;
	memset(cri, 0, sizeof(cri));
	for (i = 0; i < n; i++) {
		ai = ocft_alg(algs[i]);
		cri[i].cri_alg = algs[i];
		cri[i].cri_klen = ai ? ai->keylen * 8 : 128;
		cri[i].cri_key = keys[i];
		cri[i].cri_mlen = mlen ? mlen[i] : 0;
		cri[i].cri_next = i + 1 < n ? &cri[i + 1] : NULL;
	}
	*s = NULL;
	return crypto_newsession(s, cri, crid);
}
