// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test cases: crypto_dispatch() validation and completion, buffer kinds,
 * IV/key/MAC rules, callback contexts, ASYNC and KEEPORDER, BATCH hints,
 * flow control, repeated algorithms and a concurrent load.
 */
#include <linux/delay.h>
#include <linux/kernel.h>
#include <linux/interrupt.h>
#include <linux/irqflags.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "ocft.h"

static const int ocft_std_algs[] = { CRYPTO_AES_CBC, CRYPTO_SHA2_256_HMAC };

/* AES-CBC (16-byte key) + SHA2-256-HMAC (20-byte key) on @d */
static int ocft_std_session(struct ocft_drv *d, crypto_session_t *s,
			    u8 keys[][32], int mlen)
{
	int ml[2] = { 0, mlen };

	ocft_key_fill(keys[0], 32, d->id * 2 + 11);
	ocft_key_fill(keys[1], 32, d->id * 2 + 12);
	return ocft_session(s, d->id, ocft_std_algs, keys, ml, 2);
}

/*
 * The standard request on @len bytes: encrypt [16, len - 32) with an
 * explicit IV (not written), then MAC [0, len - 32) into the last 32 bytes.
 */
static void ocft_std_desc(struct ocft_req *r, crypto_session_t s, const u8 *iv)
{
	int len = r->len;

	r->crp.crp_session = s;
	memset(r->crd, 0, sizeof(r->crd));
	r->crp.crp_desc = &r->crd[0];
	r->crd[0].crd_skip = 16;
	r->crd[0].crd_len = len - 48;
	r->crd[0].crd_flags = CRD_F_ENCRYPT | CRD_F_IV_EXPLICIT | CRD_F_IV_PRESENT;
	r->crd[0].crd_alg = CRYPTO_AES_CBC;
	memcpy(r->crd[0].crd_iv, iv, 16);
	r->crd[0].crd_next = &r->crd[1];
	r->crd[1].crd_skip = 0;
	r->crd[1].crd_len = len - 32;
	r->crd[1].crd_inject = len - 32;
	r->crd[1].crd_alg = CRYPTO_SHA2_256_HMAC;
}

static void ocft_std_expect(u8 *buf, int len, u8 keys[][32], const u8 *iv)
{
	ocft_toy_cipher(CRYPTO_AES_CBC, keys[0], 16, iv, 16, true, buf + 16,
			len - 48, 0);
	ocft_toy_mac(CRYPTO_SHA2_256_HMAC, keys[1], 20, buf, len - 32,
		     buf + len - 32, 32);
}

/* One standard request on @d: run it, compare, return the request (or NULL). */
static struct ocft_req *ocft_std_run(struct ocft_drv *d, crypto_session_t s,
				     u8 keys[][32], int flags, bool *okp)
{
	struct ocft_req *r = ocft_req_new(128, OCFT_BUF_FLAT, GFP_KERNEL);
	u8 data[128], want[128], iv[16];
	bool ok = true;

	if (!CHECK(r)) {
		*okp = false;
		return NULL;
	}
	ocft_fill(data, sizeof(data), 21);
	ocft_fill(iv, sizeof(iv), 22);
	memcpy(want, data, sizeof(want));
	ocft_std_expect(want, sizeof(want), keys, iv);
	ocft_req_write(r, data);
	ocft_std_desc(r, s, iv);
	r->crp.crp_flags |= flags;
	if (CHECK_EQ(ocft_submit_wait(r, &ok), 0)) {
		ocft_req_read(r, data);
		CHECK(!memcmp(data, want, sizeof(want)));
	}
	if (!ok)
		*okp = false;
	return r;
}

static int t_dispatch_einval_returned(void)
{
	struct ocft_req *r = ocft_req_new(64, OCFT_BUF_FLAT, GFP_KERNEL);
	u8 keys[2][32], iv[16] = { };
	crypto_session_t s;
	bool ok = true;

	CHECK_EQ(crypto_dispatch(NULL), EINVAL);
	if (!CHECK(r))
		return OCFT_FAIL;
	if (CHECK_EQ(ocft_std_session(ocft_sync, &s, keys, 0), 0)) {
		ocft_std_desc(r, s, iv);
		r->crp.crp_callback = NULL;
		CHECK_EQ(crypto_dispatch(&r->crp), EINVAL);
		CHECK(!(r->crp.crp_flags & CRYPTO_F_DONE));
		CHECK_EQ(crypto_freesession(s), 0);
	}
	ocft_req_free(r);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

static int t_dispatch_einval_callback(void)
{
	struct ocft_req *r = ocft_req_new(128, OCFT_BUF_FLAT, GFP_KERNEL);
	u8 keys[2][32], iv[16] = { };
	int np0 = atomic_read(&ocft_sync->nprocess);
	crypto_session_t s;
	bool ok = true;
	int i;

	if (!CHECK(r))
		return OCFT_FAIL;
	if (!CHECK_EQ(ocft_std_session(ocft_sync, &s, keys, 0), 0)) {
		ocft_req_free(r);
		return OCFT_FAIL;
	}
	for (i = 0; i < 7; i++) {
		ocft_std_desc(r, s, iv);
		switch (i) {
		case 0:		/* skip + len > ilen */
			r->crd[0].crd_skip = 100;
			r->crd[0].crd_len = 64;
			break;
		case 1:		/* algorithm not in the session (the driver has it) */
			r->crd[1].crd_alg = CRYPTO_SHA1_HMAC;
			break;
		case 2:		/* no session */
			r->crp.crp_session = NULL;
			break;
		case 3:		/* negative offset */
			r->crd[1].crd_skip = -16;
			break;
		case 4:		/* KEY_EXPLICIT without a key */
			r->crd[0].crd_flags |= CRD_F_KEY_EXPLICIT;
			r->crd[0].crd_key = NULL;
			r->crd[0].crd_klen = 128;
			break;
		case 5:		/* a second descriptor of an algorithm the session has once */
			r->crd[1].crd_alg = CRYPTO_AES_CBC;
			r->crd[1].crd_flags = r->crd[0].crd_flags;
			break;
		case 6:		/* KEY_EXPLICIT longer than the algorithm takes */
			r->crd[0].crd_flags |= CRD_F_KEY_EXPLICIT;
			r->crd[0].crd_key = keys[0];
			r->crd[0].crd_klen = 8 * (32 + 8);
			break;
		}
		r->idx = i;
		if (ocft_submit_wait(r, &ok) != EINVAL)
			ocft_diag("case %d: crp_etype %d, expected EINVAL", i, r->cb_etype);
		CHECK_EQ(r->cb_etype, EINVAL);
		if (r->leaked)
			return OCFT_FAIL;
	}
	CHECK_EQ(atomic_read(&ocft_sync->nprocess) - np0, 0);
	CHECK_EQ(crypto_freesession(s), 0);
	ocft_req_free(r);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/* A scatterlist or page-segment buffer shorter than crp_ilen: EINVAL, untouched. */
static int t_dispatch_buffer_short(void)
{
	static const enum ocft_bufkind kinds[] = { OCFT_BUF_SG, OCFT_BUF_IOV };
	int np0 = atomic_read(&ocft_sync->nprocess);
	u8 keys[2][32], iv[16] = { };
	struct ocft_req *r;
	crypto_session_t s;
	bool ok = true;
	unsigned int i;

	if (!CHECK_EQ(ocft_std_session(ocft_sync, &s, keys, 0), 0))
		return OCFT_FAIL;
	for (i = 0; i < ARRAY_SIZE(kinds); i++) {
		r = ocft_req_new(128, kinds[i], GFP_KERNEL);
		if (!CHECK(r))
			break;
		ocft_std_desc(r, s, iv);
		r->crp.crp_ilen = 256;		/* the buffer holds 128 */
		r->crd[0].crd_skip = 128;	/* in crp_ilen, past the buffer */
		r->crd[0].crd_len = 64;
		r->idx = i;
		if (ocft_submit_wait(r, &ok) != EINVAL)
			ocft_diag("buffer kind %d: crp_etype %d, expected EINVAL",
				  kinds[i], r->cb_etype);
		CHECK_EQ(r->cb_etype, EINVAL);
		if (r->leaked)
			return OCFT_FAIL;
		ocft_req_free(r);
	}
	CHECK_EQ(atomic_read(&ocft_sync->nprocess) - np0, 0);
	CHECK_EQ(crypto_freesession(s), 0);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

static int t_dispatch_completion(void)
{
	struct ocft_drv *ds[] = { ocft_sync, ocft_hw };
	struct ocft_req *r;
	u8 keys[2][32];
	crypto_session_t s;
	bool ok = true;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ds); i++) {
		if (!CHECK_EQ(ocft_std_session(ds[i], &s, keys, 0), 0))
			continue;
		r = ocft_std_run(ds[i], s, keys, 0, &ok);
		if (r && !r->leaked) {
			msleep(20);
			CHECK_EQ(atomic_read(&r->ncb), 1);
			CHECK(r->cb_flags & CRYPTO_F_DONE);
			CHECK_EQ(r->crp.crp_olen, r->crp.crp_ilen);
			CHECK(r->crp.crp_session == s);
		}
		ocft_req_free(r);
		CHECK_EQ(crypto_freesession(s), 0);
	}
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/*
 * Cursors (crypto_cursor_*) over the three kinds of buffer, page segments
 * of uneven sizes and offsets included: read in pieces of 1, 7 and 256
 * bytes from several starts, the same bytes as the buffer holds; written
 * in pieces, the same bytes as one copy writes; out of the buffer, EINVAL.
 */
static int t_buffer_cursor(void)
{
	static const enum ocft_bufkind kinds[] = { OCFT_BUF_FLAT, OCFT_BUF_SG, OCFT_BUF_IOV };
	static const int starts[] = { 0, 1, 249, 250, 999 }, pieces[] = { 1, 7, 256 };
	enum { L = 1000 };
	u8 *data = kmalloc(L, GFP_KERNEL), *got = kmalloc(L, GFP_KERNEL);
	struct crypto_cursor cc;
	struct ocft_req *r;
	unsigned int k, i, p;
	bool ok = true;
	u8 b;

	if (!CHECK(data && got))
		goto out;
	for (k = 0; k < ARRAY_SIZE(kinds); k++) {
		r = ocft_req_new(L, kinds[k], GFP_KERNEL);
		if (!CHECK(r))
			continue;
		for (i = 0; i < ARRAY_SIZE(starts); i++) {
			for (p = 0; p < ARRAY_SIZE(pieces); p++) {
				int off, n, err = 0;

				ocft_fill(data, L, 40 + k);
				ocft_req_write(r, data);
				crypto_cursor_init(&cc, &r->crp, starts[i]);
				for (off = starts[i]; off < L && !err; off += n) {
					n = min(pieces[p], L - off);
					err = crypto_cursor_copydata(&cc, n, got + off);
				}
				off = starts[i];
				if (!CHECK_EQ(err, 0) ||
				    !CHECK(!memcmp(got + off, data + off, L - off)))
					ocft_diag("kind %u, read from %d in %d", k, off, pieces[p]);
				/* written in pieces: what the buffer then holds */
				ocft_fill(got, L, 50 + p);
				off = starts[i];
				memcpy(data + off, got + off, L - off);
				crypto_cursor_init(&cc, &r->crp, starts[i]);
				for (off = starts[i]; off < L && !err; off += n) {
					n = min(pieces[p], L - off);
					err = crypto_cursor_copyback(&cc, n, got + off);
				}
				ocft_req_read(r, got);
				if (!CHECK_EQ(err, 0) || !CHECK(!memcmp(got, data, L)))
					ocft_diag("kind %u, written from %d in %d", k, starts[i],
						  pieces[p]);
			}
		}
		crypto_cursor_init(&cc, &r->crp, L - 5);
		CHECK_EQ(crypto_cursor_copydata(&cc, 5, got), 0);
		CHECK_EQ(crypto_cursor_copydata(&cc, 1, &b), EINVAL);
		crypto_cursor_init(&cc, &r->crp, -1);
		CHECK_EQ(crypto_cursor_copyback(&cc, 1, &b), EINVAL);
		if (r->leaked)
			ok = false;
		else
			ocft_req_free(r);
	}
out:
	kfree(data);
	kfree(got);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/*
 * Page segments as a driver may get them: one spanning two pages, empty
 * ones between, one in the middle of a page. Cursors and crypto_copydata()
 * read what the pages hold, in order; a cursor writes it back there.
 */
static int t_buffer_cursor_segments(void)
{
	static const int starts[] = { 0, 299, 300, 301, 5306 }, pieces[] = { 1, 7, 256 };
	struct { int pg, off, len; } lay[] = {
		{ 0, 4000, 300 }, { 0, 0, 0 }, { 1, 100, 5000 }, { 1, 0, 0 }, { 0, 5000, 7 },
	};
	struct page *pg[2] = { alloc_pages(GFP_KERNEL | __GFP_ZERO, 1),
			       alloc_pages(GFP_KERNEL | __GFP_ZERO, 1) };
	struct bio_vec bv[ARRAY_SIZE(lay)];
	u8 *want = kmalloc(8192, GFP_KERNEL), *got = kmalloc(8192, GFP_KERNEL);
	struct crypto_uio uio = { .uio_bvec = bv, .uio_nr = ARRAY_SIZE(lay) };
	struct cryptop crp = { .crp_flags = CRYPTO_F_IOV, .crp_uio = &uio };
	struct crypto_cursor cc;
	unsigned int i, p;
	int off, n, err, total = 0;
	bool ok = true;

	if (!CHECK(pg[0] && pg[1] && want && got))
		goto out;
	for (i = 0; i < ARRAY_SIZE(lay); i++) {
		u8 *base = page_address(pg[lay[i].pg]) + lay[i].off;

		bv[i].bv_page = pg[lay[i].pg];
		bv[i].bv_offset = lay[i].off;
		bv[i].bv_len = lay[i].len;
		ocft_fill(base, lay[i].len, 60 + i);
		memcpy(want + total, base, lay[i].len);
		total += lay[i].len;
	}
	crp.crp_ilen = total;
	for (i = 0; i < ARRAY_SIZE(starts); i++) {
		memset(got, 0, total);
		CHECK_EQ(crypto_copydata(&crp, starts[i], total - starts[i], got), 0);
		CHECK(!memcmp(got, want + starts[i], total - starts[i]));
		for (p = 0; p < ARRAY_SIZE(pieces); p++) {
			memset(got, 0, total);
			crypto_cursor_init(&cc, &crp, starts[i]);
			for (off = starts[i], err = 0; off < total && !err; off += n) {
				n = min(pieces[p], total - off);
				err = crypto_cursor_copydata(&cc, n, got + off);
			}
			off = starts[i];
			n = total - off;
			if (!CHECK_EQ(err, 0) || !CHECK(!memcmp(got + off, want + off, n)))
				ocft_diag("read from %d in %d", off, pieces[p]);
		}
	}
	/* written back through a cursor in 7-byte pieces, read back whole */
	ocft_fill(want, total, 70);
	crypto_cursor_init(&cc, &crp, 0);
	for (off = 0, err = 0; off < total && !err; off += n) {
		n = min(7, total - off);
		err = crypto_cursor_copyback(&cc, n, want + off);
	}
	CHECK_EQ(err, 0);
	CHECK_EQ(crypto_copydata(&crp, 0, total, got), 0);
	CHECK(!memcmp(got, want, total));
	CHECK(!memcmp(page_address(pg[0]) + 4000, want, 300));
	CHECK(!memcmp(page_address(pg[1]) + 100, want + 300, 5000));
out:
	for (i = 0; i < ARRAY_SIZE(pg); i++)
		if (pg[i])
			__free_pages(pg[i], 1);
	kfree(want);
	kfree(got);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

static int t_buffer_kinds(void)
{
	static const enum ocft_bufkind kinds[] = { OCFT_BUF_FLAT, OCFT_BUF_SG, OCFT_BUF_IOV };
	static const char * const kname[] = { "flat", "scatterlist", "bio_vec" };
	struct ocft_drv *ds[] = { ocft_sync, ocft_hw };
	enum { L = 1000 };
	u8 *data = kmalloc(L, GFP_KERNEL), *want = kmalloc(L, GFP_KERNEL);
	u8 *out = kmalloc(L, GFP_KERNEL);
	u8 keys[2][32], iv[16];
	crypto_session_t s;
	struct ocft_req *r;
	bool ok = true;
	unsigned int i, k;

	if (!CHECK(data && want && out))
		goto out;
	ocft_fill(data, L, 31);
	ocft_fill(iv, 16, 32);
	for (i = 0; i < ARRAY_SIZE(ds); i++) {
		if (!CHECK_EQ(ocft_std_session(ds[i], &s, keys, 0), 0))
			continue;
		for (k = 0; k < ARRAY_SIZE(kinds); k++) {
			bool kok = true;

			r = ocft_req_new(L, kinds[k], GFP_KERNEL);
			if (!CHECK(r))
				continue;
			/* explicit IV: the same output for every kind */
			memcpy(want, data, L);
			ocft_std_expect(want, L, keys, iv);
			ocft_req_write(r, data);
			ocft_std_desc(r, s, iv);
			if (ocft_submit_wait(r, &kok) == 0) {
				ocft_req_read(r, out);
				if (memcmp(out, want, L))
					kok = false;
			} else {
				kok = false;
			}
			/* random IV written across the first segment boundary */
			ocft_req_write(r, data);
			r->crd[0].crd_flags = CRD_F_ENCRYPT;
			r->crd[0].crd_inject = 330;
			r->crd[0].crd_skip = 400;
			r->crd[0].crd_len = 500;
			r->crd[1].crd_len = 960;
			r->crd[1].crd_inject = 960;
			if (ocft_submit_wait(r, &kok) == 0) {
				ocft_req_read(r, out);
				memcpy(want, data, L);
				memcpy(want + 330, out + 330, 16);
				ocft_toy_cipher(CRYPTO_AES_CBC, keys[0], 16, out + 330, 16,
						true, want + 400, 500, 0);
				ocft_toy_mac(CRYPTO_SHA2_256_HMAC, keys[1], 20, want, 960,
					     want + 960, 32);
				if (memcmp(out, want, L))
					kok = false;
			} else {
				kok = false;
			}
			if (!kok) {
				ocft_diag("%s, %s buffer: wrong result or completion",
					  ds[i]->name, kname[k]);
				ok = false;
			}
			if (r->leaked) {
				ok = false;
				break;
			}
			ocft_req_free(r);
		}
		CHECK_EQ(atomic_read(&ds[i]->helper_err), 0);
		CHECK_EQ(crypto_freesession(s), 0);
	}
out:
	kfree(data);
	kfree(want);
	kfree(out);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/* A one-descriptor AES-CBC request on ocft_sync: 16-byte inject area at 0. */
static struct ocft_req *ocft_iv_req(crypto_session_t s, const u8 *data, int flags,
				    const u8 *iv)
{
	struct ocft_req *r = ocft_req_new(80, OCFT_BUF_FLAT, GFP_KERNEL);

	if (!r)
		return NULL;
	ocft_req_write(r, data);
	r->crp.crp_session = s;
	r->crd[0].crd_skip = 16;
	r->crd[0].crd_len = 64;
	r->crd[0].crd_inject = 0;
	r->crd[0].crd_flags = flags;
	r->crd[0].crd_alg = CRYPTO_AES_CBC;
	if (iv)
		memcpy(r->crd[0].crd_iv, iv, 16);
	return r;
}

static int ocft_iv_cases(const int *cases, int ncases)
{
	u8 keys[2][32], data[80], out[80], want[80], iv[16], iv2[16], zero[16] = { };
	struct ocft_drv *d = ocft_sync;
	struct ocft_req *r;
	crypto_session_t s;
	bool ok = true;
	int c, ci;

	if (!CHECK_EQ(ocft_std_session(d, &s, keys, 0), 0))
		return OCFT_FAIL;
	ocft_fill(data, sizeof(data), 41);
	ocft_fill(iv, sizeof(iv), 42);
	memset(iv2, 0, sizeof(iv2));

	for (ci = 0; ci < ncases; ci++) {
		static const int fl[] = {
			CRD_F_ENCRYPT | CRD_F_IV_EXPLICIT | CRD_F_IV_PRESENT,
			CRD_F_ENCRYPT | CRD_F_IV_EXPLICIT,
			CRD_F_ENCRYPT,
			CRD_F_ENCRYPT | CRD_F_IV_PRESENT,
			0,
			CRD_F_IV_EXPLICIT,
		};
		c = cases[ci];
		r = ocft_iv_req(s, data, fl[c], iv);
		if (!CHECK(r))
			break;
		r->idx = c;
		if (!CHECK_EQ(ocft_submit_wait(r, &ok), 0)) {
			ocft_diag("IV case %d failed", c);
			if (r->leaked)
				break;
			ocft_req_free(r);
			continue;
		}
		ocft_req_read(r, out);
		memcpy(want, data, sizeof(want));
		switch (c) {
		case 0:	/* explicit, not written */
			ocft_toy_cipher(CRYPTO_AES_CBC, keys[0], 16, iv, 16, true,
					want + 16, 64, 0);
			break;
		case 1:	/* explicit, written at crd_inject */
			memcpy(want, iv, 16);
			ocft_toy_cipher(CRYPTO_AES_CBC, keys[0], 16, iv, 16, true,
					want + 16, 64, 0);
			break;
		case 2:	/* random, written at crd_inject */
			CHECK(memcmp(out, data, 16));
			CHECK(memcmp(out, zero, 16));
			CHECK(!memcmp(out, d->last_iv, 16));
			memcpy(want, out, 16);
			memcpy(iv2, out, 16);
			ocft_toy_cipher(CRYPTO_AES_CBC, keys[0], 16, out, 16, true,
					want + 16, 64, 0);
			break;
		case 3:	/* random, not written */
			CHECK(memcmp(d->last_iv, zero, 16));
			CHECK(memcmp(d->last_iv, iv2, 16));
			ocft_toy_cipher(CRYPTO_AES_CBC, keys[0], 16, d->last_iv, 16, true,
					want + 16, 64, 0);
			break;
		case 4:	/* decrypt: the IV is at crd_inject */
			ocft_toy_cipher(CRYPTO_AES_CBC, keys[0], 16, data, 16, false,
					want + 16, 64, 0);
			break;
		case 5:	/* decrypt, explicit: crd_iv, not the buffer */
			ocft_toy_cipher(CRYPTO_AES_CBC, keys[0], 16, iv, 16, false,
					want + 16, 64, 0);
			break;
		}
		if (memcmp(out, want, sizeof(want))) {
			ocft_diag("IV case %d (crd_flags %#x): wrong output%s", c, fl[c],
				  c == 1 && memcmp(out, iv, 16) ?
				  ": crd_iv not written at crd_inject" : "");
			ok = false;
		}
		ocft_req_free(r);
	}
	CHECK_EQ(crypto_freesession(s), 0);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/* explicit IV used; random IV written unless IV_PRESENT; decrypt reads it */
static int t_iv_rules(void)
{
	static const int cases[] = { 0, 2, 3, 4, 5 };

	return ocft_iv_cases(cases, ARRAY_SIZE(cases));
}

/*
 * crypto(9), CRD_F_IV_PRESENT: "For encryption, if this bit is not set the
 * IV used to encrypt the packet will be written at the location pointed to
 * by crd_inject" -- explicit IVs included (FreeBSD's cryptosoft does so).
 */
static int t_iv_explicit_written(void)
{
	static const int cases[] = { 1 };

	return ocft_iv_cases(cases, ARRAY_SIZE(cases));
}

static int t_key_explicit(void)
{
	u8 keys[2][32], k2[32], k3[32], data[128], out[128], want[128], iv[16];
	struct ocft_req *r;
	crypto_session_t s;
	bool ok = true;
	int round;

	if (!CHECK_EQ(ocft_std_session(ocft_hw, &s, keys, 0), 0))
		return OCFT_FAIL;
	ocft_key_fill(k2, 32, 51);
	ocft_key_fill(k3, 32, 52);
	ocft_fill(data, sizeof(data), 53);
	ocft_fill(iv, sizeof(iv), 54);
	r = ocft_req_new(128, OCFT_BUF_FLAT, GFP_KERNEL);
	if (!CHECK(r))
		goto out;
	for (round = 0; round < 3; round++) {
		u8 (*use)[32] = keys, alt[2][32];

		ocft_req_write(r, data);
		ocft_std_desc(r, s, iv);
		if (round == 1) {	/* both descriptors with their own key */
			r->crd[0].crd_flags |= CRD_F_KEY_EXPLICIT;
			r->crd[0].crd_key = k2;
			r->crd[0].crd_klen = 128;
			r->crd[1].crd_flags |= CRD_F_KEY_EXPLICIT;
			r->crd[1].crd_key = k3;
			r->crd[1].crd_klen = 160;
			memcpy(alt[0], k2, 32);
			memcpy(alt[1], k3, 32);
			use = alt;
		}
		memcpy(want, data, sizeof(want));
		ocft_std_expect(want, sizeof(want), use, iv);
		if (!CHECK_EQ(ocft_submit_wait(r, &ok), 0))
			break;
		ocft_req_read(r, out);
		if (memcmp(out, want, sizeof(want))) {
			ocft_diag("round %d (%s keys): wrong output", round,
				  round == 1 ? "explicit" : "session");
			ok = false;
		}
	}
	if (r->leaked)
		ok = false;
	ocft_req_free(r);
out:
	CHECK_EQ(crypto_freesession(s), 0);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/* CRD_F_COMP selects compression, and the driver's crp_olen comes back. */
static int t_compression(void)
{
	static const int alg = CRYPTO_DEFLATE_COMP;
	u8 data[128], out[128], want[128], nokey[1][32] = {};
	struct ocft_drv *c;
	struct ocft_req *r = NULL;
	crypto_session_t s = NULL;
	bool ok = true;
	int i;

	c = ocft_drv_new("ocft_comp", 0, CRYPTOCAP_F_SOFTWARE | CRYPTOCAP_F_SYNC, 0,
			 OCFT_MODE_SYNC);
	if (!CHECK(c && c->alive) || !CHECK_EQ(ocft_drv_register(c, alg), 0))
		goto out;
	/* this driver only: the Linux drivers may serve DEFLATE too */
	if (!CHECK_EQ(ocft_session(&s, c->id, &alg, nokey, NULL, 1), 0))
		goto out;
	r = ocft_req_new(128, OCFT_BUF_FLAT, GFP_KERNEL);
	if (!CHECK(r))
		goto out;
	ocft_fill(data, sizeof(data), 71);

	/* compress 40 bytes at offset 8: 20 bytes out, crp_olen 28 */
	ocft_req_write(r, data);
	r->crp.crp_session = s;
	r->crd[0].crd_alg = alg;
	r->crd[0].crd_skip = 8;
	r->crd[0].crd_len = 40;
	r->crd[0].crd_flags = CRD_F_COMP;
	r->crd[0].crd_next = NULL;
	r->crp.crp_desc = &r->crd[0];
	if (CHECK_EQ(ocft_submit_wait(r, &ok), 0)) {
		CHECK_EQ(r->crp.crp_olen, 28);
		ocft_req_read(r, out);
		memcpy(want, data, sizeof(want));
		for (i = 0; i < 20; i++)
			want[8 + i] = data[8 + 2 * i];
		CHECK(!memcmp(out, want, sizeof(want)));
	}
	/* decompress those 20 bytes: 40 out, crp_olen 48 */
	r->crd[0].crd_len = 20;
	r->crd[0].crd_flags = 0;
	if (!r->leaked && CHECK_EQ(ocft_submit_wait(r, &ok), 0)) {
		CHECK_EQ(r->crp.crp_olen, 48);
		ocft_req_read(r, out);
		for (i = 0; i < 20; i++)
			CHECK(out[8 + 2 * i] == data[8 + 2 * i] &&
			      out[9 + 2 * i] == data[8 + 2 * i]);
	}
out:
	if (r) {
		if (r->leaked)
			ok = false;
		ocft_req_free(r);
	}
	if (s)
		CHECK_EQ(crypto_freesession(s), 0);
	ocft_drv_kill(c);	/* freed with the module, like every test driver */
	return ok ? OCFT_PASS : OCFT_FAIL;
}

static int t_mac_results(void)
{
	u8 keys[2][32], data[128], out[128], want[128], iv[16], mac[32];
	struct ocft_req *r;
	crypto_session_t s;
	bool ok = true;
	int m, crpmac;

	ocft_fill(data, sizeof(data), 61);
	ocft_fill(iv, sizeof(iv), 62);
	for (m = 0; m < 2; m++) {
		int mlen = m ? 12 : 0, used = m ? 12 : 32;

		if (!CHECK_EQ(ocft_std_session(ocft_sync, &s, keys, mlen), 0))
			continue;
		for (crpmac = 0; crpmac < 2; crpmac++) {
			r = ocft_req_new(128, OCFT_BUF_FLAT, GFP_KERNEL);
			if (!CHECK(r))
				break;
			memset(data + 96, 0xee, 32);
			ocft_req_write(r, data);
			ocft_std_desc(r, s, iv);
			memset(r->mac, 0xee, sizeof(r->mac));
			if (crpmac)
				r->crp.crp_mac = r->mac;
			memcpy(want, data, sizeof(want));
			ocft_toy_cipher(CRYPTO_AES_CBC, keys[0], 16, iv, 16, true,
					want + 16, 80, 0);
			ocft_toy_mac(CRYPTO_SHA2_256_HMAC, keys[1], 20, want, 96, mac, 32);
			if (!crpmac)
				memcpy(want + 96, mac, used);
			if (CHECK_EQ(ocft_submit_wait(r, &ok), 0)) {
				ocft_req_read(r, out);
				if (memcmp(out, want, sizeof(want))) {
					ocft_diag("mlen %d, crp_mac %s: wrong buffer", mlen,
						  crpmac ? "set" : "unset");
					ok = false;
				}
				if (crpmac) {
					CHECK(!memcmp(r->mac, mac, used));
					CHECK(!memchr_inv(r->mac + used, 0xee,
							  sizeof(r->mac) - used));
				} else {
					CHECK(!memchr_inv(r->mac, 0xee, sizeof(r->mac)));
				}
			}
			if (r->leaked) {
				ok = false;
				break;
			}
			ocft_req_free(r);
		}
		CHECK_EQ(crypto_freesession(s), 0);
	}
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/* Callback contexts: @flags on @d; returns the request for inspection. */
static int t_callbacks(void)
{
	u8 ks[2][32], kh[2][32];
	crypto_session_t ss, sh;
	struct ocft_req *r;
	bool ok = true;

	if (!CHECK_EQ(ocft_std_session(ocft_sync, &ss, ks, 0), 0))
		return OCFT_FAIL;
	if (!CHECK_EQ(ocft_std_session(ocft_hw, &sh, kh, 0), 0)) {
		crypto_freesession(ss);
		return OCFT_FAIL;
	}

	/* CBIMM on a SYNC driver: inside crypto_dispatch(), in this task */
	r = ocft_std_run(ocft_sync, ss, ks, CRYPTO_F_CBIMM, &ok);
	if (r && !r->leaked) {
		CHECK(r->cb_task == current);
		CHECK(r->cb_in_dispatch);
	}
	ocft_req_free(r);

	/* CBIMM on an async driver: in crypto_done()'s context (its worker) */
	r = ocft_std_run(ocft_hw, sh, kh, CRYPTO_F_CBIMM, &ok);
	if (r && !r->leaked) {
		CHECK(r->cb_task != current);
		CHECK(r->cb_task == READ_ONCE(ocft_hw->done_task));
	}
	ocft_req_free(r);

	/* No flag: a return thread, neither us nor the driver's worker */
	r = ocft_std_run(ocft_sync, ss, ks, 0, &ok);
	if (r && !r->leaked) {
		CHECK(r->cb_task != current);
		CHECK(!r->cb_in_dispatch);
		if (r->cb_task)
			ocft_diag("default callback ran in \"%s\"", r->cb_task->comm);
	}
	ocft_req_free(r);
	r = ocft_std_run(ocft_hw, sh, kh, 0, &ok);
	if (r && !r->leaked) {
		CHECK(r->cb_task != current);
		CHECK(r->cb_task != READ_ONCE(ocft_hw->done_task));
	}
	ocft_req_free(r);

	/* CBIFSYNC: immediate on the SYNC driver, deferred on the other */
	r = ocft_std_run(ocft_sync, ss, ks, CRYPTO_F_CBIFSYNC, &ok);
	if (r && !r->leaked) {
		CHECK(r->cb_task == current);
		CHECK(r->cb_in_dispatch);
	}
	ocft_req_free(r);
	r = ocft_std_run(ocft_hw, sh, kh, CRYPTO_F_CBIFSYNC, &ok);
	if (r && !r->leaked) {
		CHECK(r->cb_task != current);
		CHECK(r->cb_task != READ_ONCE(ocft_hw->done_task));
	}
	ocft_req_free(r);

	CHECK_EQ(crypto_freesession(ss), 0);
	CHECK_EQ(crypto_freesession(sh), 0);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

static int t_async(void)
{
	u8 keys[2][32];
	crypto_session_t s;
	struct ocft_req *r;
	bool ok = true;

	if (!CHECK_EQ(ocft_std_session(ocft_sync, &s, keys, 0), 0))
		return OCFT_FAIL;
	ocft_drv_log_reset(ocft_sync);
	r = ocft_std_run(ocft_sync, s, keys, CRYPTO_F_ASYNC, &ok);
	if (r && !r->leaked) {
		struct task_struct *t = READ_ONCE(ocft_sync->last_task);

		CHECK(t);
		CHECK(t != current);
		if (t)
			ocft_diag("ASYNC process ran in \"%s\"", t->comm);
	}
	ocft_req_free(r);
	/* without ASYNC, the SYNC driver runs in the caller */
	ocft_drv_log_reset(ocft_sync);
	r = ocft_std_run(ocft_sync, s, keys, CRYPTO_F_CBIMM, &ok);
	if (r && !r->leaked)
		CHECK(READ_ONCE(ocft_sync->last_task) == current);
	ocft_req_free(r);
	CHECK_EQ(crypto_freesession(s), 0);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/* @n standard requests of @len bytes on @s: allocated, filled, expected. */
struct ocft_batch {
	int n, len;
	struct ocft_req **r;
	u8 *want;		/* n * len */
	struct ocft_group *g;
};

static void ocft_batch_free(struct ocft_batch *b)
{
	int i;

	ocft_group_free(b->g);
	b->g = NULL;
	if (!b->r)
		return;
	for (i = 0; i < b->n; i++)
		ocft_req_free(b->r[i]);
	kvfree(b->r);
	kvfree(b->want);
	b->r = NULL;
}

static bool ocft_batch_new(struct ocft_batch *b, int n, crypto_session_t s,
			   u8 keys[][32], int flags, u32 seed)
{
	u8 data[128], iv[16];
	int i;

	b->n = n;
	b->len = 128;
	b->r = kvcalloc(n, sizeof(*b->r), GFP_KERNEL);
	b->want = kvmalloc_array(n, 128, GFP_KERNEL);
	b->g = ocft_group_new(n);
	if (!b->r || !b->want || !b->g)
		goto err;
	for (i = 0; i < n; i++) {
		b->r[i] = ocft_req_new(128, OCFT_BUF_FLAT, GFP_KERNEL);
		if (!b->r[i])
			goto err;
		ocft_fill(data, 128, seed + i);
		ocft_fill(iv, 16, ~(seed + i));
		ocft_req_write(b->r[i], data);
		ocft_std_desc(b->r[i], s, iv);
		memcpy(b->want + i * 128, data, 128);
		ocft_std_expect(b->want + i * 128, 128, keys, iv);
		b->r[i]->crp.crp_flags |= flags;
		b->r[i]->group = b->g;
		b->r[i]->idx = i;
		ocft_req_reset(b->r[i]);
	}
	return true;
err:
	if (b->r) {
		for (i = 0; i < n; i++)
			ocft_req_free(b->r[i]);
	}
	kvfree(b->r);
	kvfree(b->want);
	b->r = NULL;
	ocft_group_free(b->g);
	b->g = NULL;
	return false;
}

/* Wait for all; check etype 0, one callback each, output; @ordered: callbacks in order. */
static bool ocft_batch_check(struct ocft_batch *b, bool ordered)
{
	u8 out[128];
	int i, bad = 0, misorder = 0;
	bool ok = true;

	if (!ocft_group_wait(b->g, OCFT_LONG_TIMEOUT)) {
		for (i = 0; i < b->n; i++)
			b->r[i]->leaked = true;
		return false;
	}
	for (i = 0; i < b->n; i++) {
		struct ocft_req *r = b->r[i];

		ocft_req_read(r, out);
		if (r->cb_etype || atomic_read(&r->ncb) != 1 ||
		    memcmp(out, b->want + i * 128, 128)) {
			if (bad++ < 3)
				ocft_diag("request %d: etype %d, %d callbacks, output %s",
					  i, r->cb_etype, atomic_read(&r->ncb),
					  memcmp(out, b->want + i * 128, 128) ? "wrong" : "right");
		}
		if (ordered && r->cb_order != i && misorder++ < 3)
			ocft_diag("request %d: callback #%d", i, r->cb_order);
	}
	CHECK_EQ(bad, 0);
	CHECK_EQ(misorder, 0);
	return ok;
}

static int t_keeporder(void)
{
	struct ocft_drv *d = ocft_jitter;
	struct ocft_batch b = { };
	u8 keys[2][32];
	crypto_session_t s;
	bool ok = true;
	int i;

	if (!CHECK_EQ(ocft_std_session(d, &s, keys, 0), 0))
		return OCFT_FAIL;
	if (!CHECK(ocft_batch_new(&b, 256, s, keys,
				  CRYPTO_F_ASYNC | CRYPTO_F_ASYNC_KEEPORDER, 1000)))
		goto out;
	for (i = 0; i < b.n; i++)
		CHECK_EQ(ocft_dispatch(b.r[i]), 0);
	ok &= ocft_batch_check(&b, true);
	ocft_batch_free(&b);
out:
	CHECK_EQ(crypto_freesession(s), 0);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/* ERESTART on the first request, @n - 1 more (with @flags) queue, unblock. */
static int ocft_flow(int n, int flags, bool hints)
{
	struct crypto_driver_info i0, i1;
	struct ocft_drv *d = ocft_block;
	struct ocft_batch b = { };
	u8 keys[2][32];
	crypto_session_t s;
	bool ok = true;
	int i, nr0;

	if (!CHECK_EQ(ocft_std_session(d, &s, keys, 0), 0))
		return OCFT_FAIL;
	if (!CHECK(ocft_batch_new(&b, n, s, keys, 0, 2000)))
		goto out;
	for (i = 1; i < n; i++)
		b.r[i]->crp.crp_flags |= flags;
	memset(&i0, 0, sizeof(i0));
	CHECK_EQ(crypto_driver_info(d->id, &i0), 0);
	nr0 = atomic_read(&d->nrestart);
	ocft_drv_log_reset(d);
	WRITE_ONCE(d->blocked, true);
	for (i = 0; i < n; i++)
		CHECK_EQ(ocft_dispatch(b.r[i]), 0);
	msleep(50);
	CHECK_EQ(atomic_read(&b.g->remaining), n);
	CHECK_EQ(atomic_read(&d->nrestart) - nr0, 1);
	memset(&i1, 0, sizeof(i1));
	crypto_driver_info(d->id, &i1);
	CHECK_EQ(i1.queued, n);
	CHECK_EQ(i1.blocks - i0.blocks, 1);

	WRITE_ONCE(d->blocked, false);
	CHECK_EQ(crypto_unblock(d->id, CRYPTO_SYMQ), 0);
	/*
	 * The order is the driver's (its process log, below): callbacks of
	 * requests completed on different CPUs may come from different
	 * return threads, in any order.
	 */
	if (!ocft_batch_check(&b, false)) {
		ok = false;
		goto out_free;
	}
	CHECK_EQ(d->nlog, n);
	for (i = 0; i < n && i < (int)d->nlog; i++) {
		if (d->log_req[i] != &b.r[i]->crp) {
			ocft_diag("process #%d was request %p, expected %p", i,
				  d->log_req[i], &b.r[i]->crp);
			ok = false;
			break;
		}
		if (hints && d->log_hint[i] != (i < n - 1 ? CRYPTO_HINT_MORE : 0)) {
			ocft_diag("process #%d of %d: hint %#x", i, n, d->log_hint[i]);
			ok = false;
		}
	}
	memset(&i1, 0, sizeof(i1));
	crypto_driver_info(d->id, &i1);
	CHECK_EQ(i1.queued, 0);
	CHECK_EQ(i1.blocks - i0.blocks, 1);
	CHECK_EQ(i1.unblocks - i0.unblocks, 1);
out_free:
	ocft_batch_free(&b);
out:
	WRITE_ONCE(d->blocked, false);
	CHECK_EQ(crypto_freesession(s), 0);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

static int t_batch(void)
{
	return ocft_flow(9, CRYPTO_F_BATCH, true);
}

static int t_flow_symq(void)
{
	return ocft_flow(16, 0, false);
}

/* Dispatch @b's requests from: 0 process context, 1 BH disabled, 2 IRQs off. */
static int ocft_batch_dispatch(struct ocft_batch *b, int ctx)
{
	unsigned long flags;
	int i, bad = 0;

	for (i = 0; i < b->n; i++) {
		switch (ctx) {
		case 1:
			local_bh_disable();
			bad += !!crypto_dispatch(&b->r[i]->crp);
			local_bh_enable();
			break;
		case 2:
			local_irq_save(flags);
			bad += !!crypto_dispatch(&b->r[i]->crp);
			local_irq_restore(flags);
			break;
		default:
			bad += !!ocft_dispatch(b->r[i]);
		}
	}
	return bad;
}

/*
 * crypto_dispatch() with BH or IRQs disabled, on a SYNC driver (process and
 * CBIMM callbacks run there) and on a driver that calls crypto_done() from
 * hard interrupt context (irq_work).
 */
static int t_atomic_contexts(void)
{
	static const int fl[] = { 0, CRYPTO_F_CBIMM, CRYPTO_F_CBIFSYNC, CRYPTO_F_ASYNC,
				  CRYPTO_F_BATCH };
	struct ocft_drv *irq, *ds[2];
	u8 keys[2][32];
	crypto_session_t s;
	bool ok = true;
	int i, f, ctx;

	irq = ocft_drv_new("ocft_irq", 0, CRYPTOCAP_F_HARDWARE, 0, OCFT_MODE_IRQ);
	if (!CHECK(irq && irq->alive) || ocft_drv_register(irq, CRYPTO_AES_CBC) ||
	    ocft_drv_register(irq, CRYPTO_SHA2_256_HMAC)) {
		ocft_drv_kill(irq);
		return OCFT_FAIL;
	}
	ds[0] = ocft_sync;
	ds[1] = irq;
	for (i = 0; i < 2 && ok; i++) {
		if (!CHECK_EQ(ocft_std_session(ds[i], &s, keys, 0), 0))
			break;
		for (ctx = 0; ctx < 3 && ok; ctx++) {
			for (f = 0; f < ARRAY_SIZE(fl) && ok; f++) {
				struct ocft_batch b = { };

				if (!CHECK(ocft_batch_new(&b, 16, s, keys, fl[f], 3000 + f)))
					break;
				CHECK_EQ(ocft_batch_dispatch(&b, ctx), 0);
				if (!ocft_batch_check(&b, false)) {
					ocft_diag("%s, context %d, flags %#x",
						  ds[i]->name, ctx, fl[f]);
					ok = false;
				}
				ocft_batch_free(&b);
			}
		}
		CHECK_EQ(crypto_freesession(s), 0);
	}
	CHECK_EQ(atomic_read(&irq->helper_err), 0);
	ocft_drv_kill(irq);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/* The driver calls crypto_unblock() before its process returns ERESTART. */
static int t_unblock_race(void)
{
	struct ocft_drv *d = ocft_block;
	struct ocft_batch b = { };
	struct crypto_driver_info info;
	u8 keys[2][32];
	crypto_session_t s;
	bool ok = true;

	if (!CHECK_EQ(ocft_std_session(d, &s, keys, 0), 0))
		return OCFT_FAIL;
	if (CHECK(ocft_batch_new(&b, 8, s, keys, 0, 4000))) {
		int i;

		ocft_drv_log_reset(d);
		WRITE_ONCE(d->restart_unblock, 1);
		CHECK_EQ(ocft_batch_dispatch(&b, 0), 0);
		if (!ocft_batch_check(&b, false)) {
			ok = false;
		} else {
			/* FIFO is not promised here: later requests may pass the requeued one */
			for (i = 0; i < b.n && i < (int)d->nlog; i++)
				if (d->log_req[i] != &b.r[i]->crp)
					break;
			if (i < b.n)
				ocft_diag("processed out of submission order from request %d", i);
			ocft_batch_free(&b);
		}
		WRITE_ONCE(d->restart_unblock, 0);
		memset(&info, 0, sizeof(info));
		CHECK_EQ(crypto_driver_info(d->id, &info), 0);
		CHECK_EQ(info.queued, 0);
	}
	CHECK_EQ(crypto_freesession(s), 0);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/*
 * The queues are distinct: with requests queued on a blocked SYMQ,
 * crypto_unblock(CRYPTO_ASYMQ) leaves them there (the driver is not called
 * again), crypto_unblock(CRYPTO_SYMQ) releases them.
 */
static int t_unblock_one_queue(void)
{
	struct ocft_drv *d = ocft_block;
	struct crypto_driver_info i0, i1;
	struct ocft_batch b = { };
	u8 keys[2][32];
	crypto_session_t s;
	bool ok = true;
	int np0;

	if (!CHECK_EQ(ocft_std_session(d, &s, keys, 0), 0))
		return OCFT_FAIL;
	if (!CHECK(ocft_batch_new(&b, 4, s, keys, 0, 6000)))
		goto out;
	memset(&i0, 0, sizeof(i0));
	CHECK_EQ(crypto_driver_info(d->id, &i0), 0);
	WRITE_ONCE(d->blocked, true);
	CHECK_EQ(ocft_batch_dispatch(&b, 0), 0);
	msleep(50);
	np0 = atomic_read(&d->nprocess);
	CHECK_EQ(crypto_unblock(d->id, CRYPTO_ASYMQ), 0);
	msleep(50);
	CHECK_EQ(atomic_read(&b.g->remaining), 4);
	CHECK_EQ(atomic_read(&d->nprocess), np0);
	memset(&i1, 0, sizeof(i1));
	crypto_driver_info(d->id, &i1);
	CHECK_EQ(i1.queued, 4);
	CHECK_EQ(i1.blocks - i0.blocks, 1);
	CHECK_EQ(i1.unblocks - i0.unblocks, 0);

	WRITE_ONCE(d->blocked, false);
	CHECK_EQ(crypto_unblock(d->id, CRYPTO_SYMQ), 0);
	if (!ocft_batch_check(&b, false)) {
		ok = false;
		goto out;
	}
	memset(&i1, 0, sizeof(i1));
	crypto_driver_info(d->id, &i1);
	CHECK_EQ(i1.queued, 0);
	CHECK_EQ(i1.unblocks - i0.unblocks, 1);
	ocft_batch_free(&b);
out:
	WRITE_ONCE(d->blocked, false);
	CHECK_EQ(crypto_freesession(s), 0);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/*
 * crypto(9): CRD_INI "will not be modified by the framework or the device
 * drivers", crp_opaque is "passed through the crypto framework untouched".
 * Requests with an explicit IV written, a random IV, their own key and a
 * decryption, on a SYNC and an async fake driver and on a Linux driver:
 * after completion every descriptor is byte for byte what was dispatched,
 * and the request's consumer fields are too (crp_flags gains
 * CRYPTO_F_DONE only).
 */
static int t_request_untouched(void)
{
	static const int fl[] = {
		CRD_F_ENCRYPT | CRD_F_IV_EXPLICIT,
		CRD_F_ENCRYPT,
		CRD_F_ENCRYPT | CRD_F_IV_EXPLICIT | CRD_F_IV_PRESENT | CRD_F_KEY_EXPLICIT,
		0,
	};
	int ids[3] = { ocft_sync->id, ocft_hw->id, -1 };
	struct cryptodesc snap[ARRAY_SIZE(((struct ocft_req *)NULL)->crd)];
	u8 keys[2][32], k2[32], data[128], iv[16];
	struct crypto_driver_info info;
	crypto_session_t s;
	struct ocft_req *r;
	bool ok = true;
	int i, f, id;

	/* a Linux driver with both algorithms, if there is one */
	for (id = 0; id < 64 && ids[2] < 0; id++)
		if (!ocft_is_ours(id) && crypto_driver_supports(id, CRYPTO_AES_CBC) &&
		    crypto_driver_supports(id, CRYPTO_SHA2_256_HMAC) &&
		    !crypto_driver_info(id, &info) && !info.dead)
			ids[2] = id;
	if (ids[2] < 0)
		ocft_diag("no Linux driver with AES-CBC and HMAC-SHA256: fake drivers only");
	ocft_key_fill(keys[0], 32, 141);
	ocft_key_fill(keys[1], 32, 142);
	ocft_key_fill(k2, 32, 143);
	ocft_fill(data, sizeof(data), 144);
	ocft_fill(iv, sizeof(iv), 145);
	for (i = 0; i < ARRAY_SIZE(ids) && ids[i] >= 0; i++) {
		if (!CHECK_EQ(ocft_session(&s, ids[i], ocft_std_algs, keys, NULL, 2), 0))
			continue;
		for (f = 0; f < ARRAY_SIZE(fl); f++) {
			r = ocft_req_new(128, OCFT_BUF_FLAT, GFP_KERNEL);
			if (!CHECK(r))
				break;
			ocft_req_write(r, data);
			ocft_std_desc(r, s, iv);
			r->crd[0].crd_flags = fl[f];
			if (fl[f] & CRD_F_KEY_EXPLICIT) {
				r->crd[0].crd_key = k2;
				r->crd[0].crd_klen = 128;
			}
			r->crp.crp_mac = f == 3 ? r->mac : NULL;
			memcpy(snap, r->crd, sizeof(snap));
			r->idx = 10 * i + f;
			if (!CHECK_EQ(ocft_submit_wait(r, &ok), 0))
				ocft_diag("driver %d, crd_flags %#x: crp_etype %d", ids[i], fl[f],
					  r->cb_etype);
			if (r->leaked)
				return OCFT_FAIL;
			if (!CHECK(!memcmp(r->crd, snap, sizeof(snap))))
				ocft_diag("driver %d, crd_flags %#x: a descriptor changed",
					  ids[i], fl[f]);
			CHECK(r->crp.crp_opaque == r);
			CHECK(r->crp.crp_desc == &r->crd[0]);
			CHECK(r->crp.crp_session == s);
			CHECK(r->crp.crp_buf == r->flat);
			CHECK(r->crp.crp_mac == (f == 3 ? r->mac : NULL));
			CHECK_EQ(r->crp.crp_ilen, 128);
			CHECK_EQ(r->crp.crp_flags, CRYPTO_F_DONE);
			ocft_req_free(r);
		}
		CHECK_EQ(crypto_freesession(s), 0);
	}
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/* A blocked driver's queue is bounded: the overflow completes with ENOBUFS. */
static int t_queue_bound(void)
{
	enum { N = 1100 };
	struct ocft_drv *d = ocft_block;
	struct ocft_batch b = { };
	struct crypto_driver_info info;
	int i, enobufs = 0, good = 0, other = 0, early;
	u8 keys[2][32], out[128];
	crypto_session_t s;
	bool ok = true;

	if (!CHECK_EQ(ocft_std_session(d, &s, keys, 0), 0))
		return OCFT_FAIL;
	if (!CHECK(ocft_batch_new(&b, N, s, keys, 0, 5000)))
		goto out;
	WRITE_ONCE(d->blocked, true);
	CHECK_EQ(ocft_batch_dispatch(&b, 0), 0);
	msleep(100);
	early = N - atomic_read(&b.g->remaining);
	memset(&info, 0, sizeof(info));
	crypto_driver_info(d->id, &info);
	ocft_diag("%d of %d completed while blocked, %llu queued", early, N, info.queued);
	CHECK(early > 0);
	CHECK_EQ(info.queued + early, N);
	WRITE_ONCE(d->blocked, false);
	CHECK_EQ(crypto_unblock(d->id, CRYPTO_SYMQ), 0);
	if (!ocft_group_wait(b.g, OCFT_LONG_TIMEOUT)) {
		for (i = 0; i < N; i++)
			b.r[i]->leaked = true;
		ok = false;
		goto out;
	}
	for (i = 0; i < N; i++) {
		struct ocft_req *r = b.r[i];

		if (r->cb_etype == ENOBUFS) {
			enobufs++;
			continue;
		}
		ocft_req_read(r, out);
		if (!r->cb_etype && !memcmp(out, b.want + i * 128, 128))
			good++;
		else
			other++;
	}
	ocft_diag("%d done, %d ENOBUFS, %d wrong", good, enobufs, other);
	CHECK_EQ(enobufs, early);
	CHECK_EQ(other, 0);
	CHECK_EQ(good + enobufs, N);
	memset(&info, 0, sizeof(info));
	crypto_driver_info(d->id, &info);
	CHECK_EQ(info.queued, 0);
	ocft_batch_free(&b);
out:
	WRITE_ONCE(d->blocked, false);
	CHECK_EQ(crypto_freesession(s), 0);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/* [AES-CBC key1, AES-CBC key2]: both, with their own keys, in order. */
static int t_repeated_alg(void)
{
	static const int algs[] = { CRYPTO_AES_CBC, CRYPTO_AES_CBC };
	u8 keys[2][32], iv1[16], iv2[16], data[128], out[128], want[128];
	struct ocft_drv *d = ocft_sync;
	struct ocft_req *r;
	crypto_session_t s;
	bool ok = true;
	int nd0 = ocft_drv_ndesc(d, CRYPTO_AES_CBC), rc;

	ocft_key_fill(keys[0], 32, 71);
	ocft_key_fill(keys[1], 32, 72);
	ocft_fill(iv1, 16, 73);
	ocft_fill(iv2, 16, 74);
	ocft_fill(data, sizeof(data), 75);
	rc = ocft_session(&s, d->id, algs, keys, NULL, 2);
	if (!CHECK_EQ(rc, 0))
		return OCFT_FAIL;
	ocft_diag("session parts: %d", crypto_session_nparts(s));
	CHECK_EQ(crypto_session_driver(s, CRYPTO_AES_CBC, 0), d->id);
	CHECK_EQ(crypto_session_driver(s, CRYPTO_AES_CBC, 1), d->id);
	nd0 = ocft_drv_ndesc(d, CRYPTO_AES_CBC);
	r = ocft_req_new(128, OCFT_BUF_FLAT, GFP_KERNEL);
	if (!CHECK(r))
		goto out;
	ocft_req_write(r, data);
	r->crp.crp_session = s;
	r->crd[0].crd_skip = 0;
	r->crd[0].crd_len = 96;
	r->crd[0].crd_flags = CRD_F_ENCRYPT | CRD_F_IV_EXPLICIT | CRD_F_IV_PRESENT;
	r->crd[0].crd_alg = CRYPTO_AES_CBC;
	memcpy(r->crd[0].crd_iv, iv1, 16);
	r->crd[0].crd_next = &r->crd[1];
	r->crd[1].crd_skip = 32;
	r->crd[1].crd_len = 96;
	r->crd[1].crd_flags = CRD_F_ENCRYPT | CRD_F_IV_EXPLICIT | CRD_F_IV_PRESENT;
	r->crd[1].crd_alg = CRYPTO_AES_CBC;
	memcpy(r->crd[1].crd_iv, iv2, 16);
	memcpy(want, data, sizeof(want));
	ocft_toy_cipher(CRYPTO_AES_CBC, keys[0], 16, iv1, 16, true, want, 96, 0);
	ocft_toy_cipher(CRYPTO_AES_CBC, keys[1], 16, iv2, 16, true, want + 32, 96, 0);
	if (CHECK_EQ(ocft_submit_wait(r, &ok), 0)) {
		ocft_req_read(r, out);
		CHECK(!memcmp(out, want, sizeof(want)));
		CHECK_EQ(ocft_drv_ndesc(d, CRYPTO_AES_CBC) - nd0, 2);
		CHECK(r->crp.crp_desc == &r->crd[0]);
		CHECK(r->crd[0].crd_next == &r->crd[1]);
		CHECK(!r->crd[1].crd_next);
	}
	if (r->leaked)
		ok = false;
	ocft_req_free(r);
out:
	CHECK_EQ(crypto_freesession(s), 0);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/* Load: 4 threads x 2000 requests, mixed flags, on ocft_sync and ocft_hw. */
#define LOAD_THREADS	4
#define LOAD_REQS	2000
#define LOAD_WINDOW	64

struct ocft_load {
	int t;
	crypto_session_t s[2];
	u8 keys[2][2][32];
	struct completion done;
	int bad, timeouts, dispatch_err;
	struct ocft_req *r[LOAD_WINDOW];
	int ridx[LOAD_WINDOW];
};

static void ocft_load_expect(struct ocft_load *l, int i, u8 *data, u8 *iv, bool expect)
{
	u32 seed = l->t * 100000 + i;

	ocft_fill(data, 128, seed);
	ocft_fill(iv, 16, ~seed);
	if (expect)
		ocft_std_expect(data, 128, l->keys[(i / 4 + l->t) % 2], iv);
}

static void ocft_load_verify(struct ocft_load *l, int slot)
{
	struct ocft_req *r = l->r[slot];
	u8 want[128], out[128], iv[16];

	if (!wait_for_completion_timeout(&r->done, OCFT_LONG_TIMEOUT)) {
		r->leaked = true;
		l->timeouts++;
		l->r[slot] = NULL;
		return;
	}
	ocft_load_expect(l, l->ridx[slot], want, iv, true);
	ocft_req_read(r, out);
	if (r->cb_etype || atomic_read(&r->ncb) != 1 ||
	    !(r->cb_flags & CRYPTO_F_DONE) || memcmp(out, want, 128))
		l->bad++;
}

static int ocft_load_fn(void *arg)
{
	static const int fl[4] = { 0, CRYPTO_F_CBIMM, CRYPTO_F_ASYNC, CRYPTO_F_BATCH };
	struct ocft_load *l = arg;
	u8 data[128], iv[16];
	int i, slot;

	for (i = 0; i < LOAD_REQS; i++) {
		slot = i % LOAD_WINDOW;
		if (l->r[slot] && l->ridx[slot] >= 0)
			ocft_load_verify(l, slot);
		if (!l->r[slot]) {
			l->r[slot] = ocft_req_new(128, OCFT_BUF_FLAT, GFP_KERNEL);
			if (!l->r[slot]) {
				l->bad++;
				break;
			}
		}
		ocft_load_expect(l, i, data, iv, false);
		ocft_req_write(l->r[slot], data);
		ocft_std_desc(l->r[slot], l->s[(i / 4 + l->t) % 2], iv);
		l->r[slot]->crp.crp_flags = fl[i % 4];
		l->r[slot]->idx = i;
		ocft_req_reset(l->r[slot]);
		l->ridx[slot] = i;
		if (crypto_dispatch(&l->r[slot]->crp)) {
			l->dispatch_err++;
			l->ridx[slot] = -1;
		}
	}
	for (slot = 0; slot < LOAD_WINDOW; slot++)
		if (l->r[slot] && l->ridx[slot] >= 0)
			ocft_load_verify(l, slot);
	msleep(100);	/* a late second callback would show now */
	for (slot = 0; slot < LOAD_WINDOW; slot++) {
		if (l->r[slot] && atomic_read(&l->r[slot]->ncb) > 1)
			l->bad++;
		ocft_req_free(l->r[slot]);
		l->r[slot] = NULL;
	}
	complete(&l->done);
	return 0;
}

static int t_load(void)
{
	struct ocft_load *l[LOAD_THREADS] = { };
	struct crypto_driver_info info;
	struct task_struct *task;
	bool ok = true, leak = false;
	int t, j, rc;

	for (t = 0; t < LOAD_THREADS; t++) {
		l[t] = kzalloc(sizeof(*l[t]), GFP_KERNEL);
		if (!CHECK(l[t]))
			goto out;
		l[t]->t = t;
		init_completion(&l[t]->done);
		for (j = 0; j < 2; j++) {
			rc = ocft_std_session(j ? ocft_hw : ocft_sync, &l[t]->s[j],
					      l[t]->keys[j], 0);
			if (!CHECK_EQ(rc, 0))
				goto out;
		}
	}
	for (t = 0; t < LOAD_THREADS; t++) {
		task = kthread_run(ocft_load_fn, l[t], "ocft_load%d", t);
		if (!CHECK(!IS_ERR(task)))
			complete(&l[t]->done);
	}
	for (t = 0; t < LOAD_THREADS; t++) {
		if (!wait_for_completion_timeout(&l[t]->done, 120 * HZ)) {
			ocft_diag("load thread %d did not finish", t);
			ok = false;
			leak = true;
			continue;
		}
		if (l[t]->bad || l[t]->timeouts || l[t]->dispatch_err) {
			ocft_diag("thread %d: %d wrong, %d without callback, %d dispatch errors",
				  t, l[t]->bad, l[t]->timeouts, l[t]->dispatch_err);
			ok = false;
		}
	}
	if (leak)
		return OCFT_FAIL;
	msleep(50);
	memset(&info, 0, sizeof(info));
	CHECK_EQ(crypto_driver_info(ocft_sync->id, &info), 0);
	CHECK_EQ(info.queued, 0);
	memset(&info, 0, sizeof(info));
	CHECK_EQ(crypto_driver_info(ocft_hw->id, &info), 0);
	CHECK_EQ(info.queued, 0);
	CHECK_EQ(atomic_read(&ocft_sync->helper_err), 0);
	CHECK_EQ(atomic_read(&ocft_hw->helper_err), 0);
	CHECK_EQ(atomic_read(&ocft_sync->bad_sess), 0);
	CHECK_EQ(atomic_read(&ocft_hw->bad_sess), 0);
out:
	for (t = 0; t < LOAD_THREADS; t++) {
		if (!l[t])
			continue;
		for (j = 0; j < 2; j++)
			if (l[t]->s[j])
				CHECK_EQ(crypto_freesession(l[t]->s[j]), 0);
		kfree(l[t]);
	}
	return ok ? OCFT_PASS : OCFT_FAIL;
}

const struct ocft_case ocft_cases_req[] = {
	{ "dispatch_einval_returned", t_dispatch_einval_returned },
	{ "dispatch_einval_in_callback", t_dispatch_einval_callback },
	{ "dispatch_buffer_shorter_than_ilen", t_dispatch_buffer_short },
	{ "dispatch_completion_done_once", t_dispatch_completion },
	{ "buffer_kinds_flat_sg_iov", t_buffer_kinds },
	{ "buffer_cursor_flat_sg_iov", t_buffer_cursor },
	{ "buffer_cursor_segments", t_buffer_cursor_segments },
	{ "iv_rules", t_iv_rules },
	{ "iv_explicit_written_unless_present", t_iv_explicit_written },
	{ "key_explicit", t_key_explicit },
	{ "request_fields_untouched", t_request_untouched },
	{ "compression_comp_flag_and_olen", t_compression },
	{ "mac_mlen_truncation_and_crp_mac", t_mac_results },
	{ "callback_contexts_cbimm_cbifsync", t_callbacks },
	{ "async_process_in_worker", t_async },
	{ "async_keeporder_256", t_keeporder },
	{ "batch_hint_more", t_batch },
	{ "flow_control_symq", t_flow_symq },
	{ "unblock_before_erestart_not_lost", t_unblock_race },
	{ "unblock_one_queue_symq_asymq", t_unblock_one_queue },
	{ "queue_bound_enobufs", t_queue_bound },
	{ "atomic_contexts_bh_irq_hardirq_done", t_atomic_contexts },
	{ "repeated_algorithm", t_repeated_alg },
	{ "load_4x2000_mixed", t_load },
};

const unsigned int ocft_ncases_req = ARRAY_SIZE(ocft_cases_req);
