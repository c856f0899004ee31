// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test cases: unregistration with requests in flight and queued (session
 * migration, EAGAIN, handle ownership), unregistration against threads in
 * newsession/freesession, failed migration, unregistering one algorithm,
 * and split sessions.
 *
 * Sessions here use the CRYPTOCAP_F_HARDWARE class with algorithms that no
 * other hardware driver serves, so that the fake drivers are the only
 * candidates whatever else is registered.
 */
#include <linux/delay.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "ocft.h"

#define HW	CRYPTOCAP_F_HARDWARE

/* A request encrypting [0, 64) with @alg, explicit IV; @want gets the result. */
static struct ocft_req *ocft_cipher_req(crypto_session_t s, int alg, const u8 *key,
					u32 seed, u8 *want)
{
	const struct ocft_alginfo *ai = ocft_alg(alg);
	struct ocft_req *r = ocft_req_new(64, OCFT_BUF_FLAT, GFP_KERNEL);
	u8 data[64], iv[16];

	if (!r)
		return NULL;
	ocft_fill(data, 64, seed);
	ocft_fill(iv, 16, ~seed);
	ocft_req_write(r, data);
	r->crp.crp_session = s;
	r->crd[0].crd_len = 64;
	r->crd[0].crd_flags = CRD_F_ENCRYPT | CRD_F_IV_EXPLICIT | CRD_F_IV_PRESENT;
	r->crd[0].crd_alg = alg;
	memcpy(r->crd[0].crd_iv, iv, 16);
	memcpy(want, data, 64);
	ocft_toy_cipher(alg, key, ai->keylen, iv, ai->ivlen, true, want, 64, 0);
	ocft_req_reset(r);
	return r;
}

/* A request MACing [0, 64) into [64, 64 + maclen). */
static struct ocft_req *ocft_mac_req(crypto_session_t s, int alg, const u8 *key,
				     u32 seed, u8 *want)
{
	const struct ocft_alginfo *ai = ocft_alg(alg);
	struct ocft_req *r = ocft_req_new(128, OCFT_BUF_FLAT, GFP_KERNEL);
	u8 data[128];

	if (!r)
		return NULL;
	ocft_fill(data, 128, seed);
	ocft_req_write(r, data);
	r->crp.crp_session = s;
	r->crd[0].crd_len = 64;
	r->crd[0].crd_inject = 64;
	r->crd[0].crd_alg = alg;
	memcpy(want, data, 128);
	ocft_toy_mac(alg, key, ai->keylen, want, 64, want + 64, ai->maclen);
	ocft_req_reset(r);
	return r;
}

static bool ocft_req_is(struct ocft_req *r, const u8 *want)
{
	u8 out[128];

	ocft_req_read(r, out);
	return !memcmp(out, want, r->len);
}

struct ocft_unreg {
	u32 id;
	int alg;		/* crypto_unregister() of it; 0: unregister_all */
	int rc;
	struct completion done;
};

static int ocft_unreg_fn(void *arg)
{
	struct ocft_unreg *u = arg;

	u->rc = u->alg ? crypto_unregister(u->id, u->alg) : crypto_unregister_all(u->id);
	complete(&u->done);
	return 0;
}

#define MIG_N	3	/* per session: held in the driver, and queued */

/*
 * Two sessions on driver X, requests held inside X and queued behind an
 * ERESTART, X unregisters: the sessions move to Y. Session A is then freed
 * through its new handle, session B through its old one.
 */
static int t_migration(void)
{
	struct ocft_req *r[2][2 * MIG_N] = { };
	u8 (*want)[2 * MIG_N][64] = kmalloc(2 * sizeof(*want), GFP_KERNEL);
	u8 keys[1][32];
	struct ocft_drv *x = NULL, *y = NULL;
	crypto_session_t s[2] = { }, ns[2] = { };
	struct ocft_unreg *u = NULL;
	struct task_struct *task;
	struct crypto_driver_info info;
	struct ocft_group *g = NULL;
	int alg, i, j, n0, nf0, ny0, held_ok = 0, eagain = 0;
	unsigned long end;
	bool ok = true, leak = false;

	alg = ocft_pick_alg(OCFT_CIPHER, HW, NULL, 0);
	if (alg < 0)
		return ocft_skip("every cipher has a hardware driver already");
	ocft_key_fill(keys[0], 32, 81);
	x = ocft_drv_new("ocft_migx", 0, HW, 0, OCFT_MODE_ASYNC);
	y = ocft_drv_new("ocft_migy", 0, HW, 0, OCFT_MODE_SYNC);
	u = kzalloc(sizeof(*u), GFP_KERNEL);
	if (!CHECK(x && x->alive && y && y->alive && u && want) ||
	    ocft_drv_register(x, alg))
		goto out;
	for (i = 0; i < 2; i++) {
		if (!CHECK_EQ(ocft_session(&s[i], HW, &alg, keys, NULL, 1), 0))
			goto out;
		CHECK_EQ(crypto_session_driver(s[i], alg, 0), x->id);
	}
	if (ocft_drv_register(y, alg))
		goto out;

	g = ocft_group_new(4 * MIG_N);
	if (!CHECK(g))
		goto out;
	for (i = 0; i < 2; i++) {
		for (j = 0; j < 2 * MIG_N; j++) {
			r[i][j] = ocft_cipher_req(s[i], alg, keys[0], 100 * i + j, want[i][j]);
			if (!CHECK(r[i][j]))
				goto out;
			r[i][j]->group = g;
			r[i][j]->idx = 100 * i + j;
		}
	}
	/* MIG_N per session taken by X and held there */
	WRITE_ONCE(x->hold, true);
	for (j = 0; j < MIG_N; j++)
		for (i = 0; i < 2; i++)
			CHECK_EQ(ocft_dispatch(r[i][j]), 0);
	/* then X pushes back: the rest waits in the framework's queue */
	WRITE_ONCE(x->blocked, true);
	for (j = MIG_N; j < 2 * MIG_N; j++)
		for (i = 0; i < 2; i++)
			CHECK_EQ(ocft_dispatch(r[i][j]), 0);
	msleep(20);
	CHECK_EQ(atomic_read(&g->remaining), 4 * MIG_N);
	memset(&info, 0, sizeof(info));
	crypto_driver_info(x->id, &info);
	CHECK_EQ(info.queued, 2 * MIG_N);

	n0 = atomic_read(&x->nnew);
	ny0 = atomic_read(&y->nnew);
	u->id = x->id;
	init_completion(&u->done);
	task = kthread_run(ocft_unreg_fn, u, "ocft_unreg");
	if (!CHECK(!IS_ERR(task)))
		goto out;
	/* the queued requests come back first (EAGAIN) ... */
	end = jiffies + OCFT_TIMEOUT;
	while (atomic_read(&g->remaining) > 2 * MIG_N && time_before(jiffies, end))
		usleep_range(10000, 20000);
	CHECK_EQ(atomic_read(&g->remaining), 2 * MIG_N);
	/* ... while unregistration waits for the ones inside X */
	msleep(100);
	CHECK(!completion_done(&u->done));
	ocft_drv_release(x);
	if (!wait_for_completion_timeout(&u->done, OCFT_TIMEOUT)) {
		ocft_diag("crypto_unregister_all() did not return");
		ok = false;
		leak = true;
		goto out;
	}
	x->alive = false;
	CHECK_EQ(u->rc, 0);
	if (!ocft_group_wait(g, OCFT_TIMEOUT)) {
		ok = false;
		leak = true;
		goto out;
	}
	CHECK_EQ(atomic_read(&x->inside), 0);
	CHECK_EQ(atomic_read(&x->nfree), atomic_read(&x->nnew));
	CHECK_EQ(atomic_read(&y->nnew) - ny0, 2);
	/* gone, or left dead with nothing queued */
	memset(&info, 0, sizeof(info));
	if (!crypto_driver_info(x->id, &info) && !CHECK(info.dead && !info.queued))
		ocft_diag("X after crypto_unregister_all: dead %d, queued %llu",
			  info.dead, info.queued);
	ocft_diag("X: %d sessions created, %d freed (%d before unregistering)",
		  atomic_read(&x->nnew), atomic_read(&x->nfree), n0);

	for (i = 0; i < 2; i++) {
		for (j = 0; j < 2 * MIG_N; j++) {
			struct ocft_req *q = r[i][j];

			CHECK_EQ(atomic_read(&q->ncb), 1);
			if (q->cb_etype == 0) {
				if (!ocft_req_is(q, want[i][j])) {
					ocft_diag("request %d: etype 0, wrong output", q->idx);
					ok = false;
				}
				held_ok++;
				continue;
			}
			if (!CHECK_EQ(q->cb_etype, EAGAIN))
				continue;
			eagain++;
			if (!CHECK(q->cb_session && q->cb_session != s[i]))
				continue;
			if (!ns[i])
				ns[i] = q->cb_session;
			CHECK(q->cb_session == ns[i]);
		}
	}
	ocft_diag("%d completed in X, %d EAGAIN", held_ok, eagain);
	CHECK_EQ(held_ok, 2 * MIG_N);
	CHECK_EQ(eagain, 2 * MIG_N);
	if (!ns[0] || !ns[1]) {
		ok = false;
		goto free_sessions;
	}
	CHECK(ns[0] != ns[1]);
	for (i = 0; i < 2; i++)
		CHECK_EQ(crypto_session_driver(ns[i], alg, 0), y->id);

	/* resubmit the EAGAIN'd requests on their new handle: Y serves them */
	n0 = atomic_read(&y->nprocess);
	for (i = 0; i < 2; i++) {
		for (j = 0; j < 2 * MIG_N; j++) {
			struct ocft_req *q = r[i][j];
			u8 data[64];

			if (q->cb_etype != EAGAIN)
				continue;
			ocft_fill(data, 64, 100 * i + j);
			ocft_req_write(q, data);
			q->crp.crp_session = q->cb_session;
			q->group = NULL;
			if (ocft_submit_wait(q, &ok) != 0 || !ocft_req_is(q, want[i][j])) {
				ocft_diag("resubmitted request %d: etype %d", q->idx, q->cb_etype);
				ok = false;
			}
			if (q->leaked)
				leak = true;
		}
	}
	CHECK_EQ(atomic_read(&y->nprocess) - n0, eagain);

	/* a new request on an old handle: EAGAIN and the current handle */
	if (!leak) {
		struct ocft_req *q = r[1][0];

		q->crp.crp_session = s[1];
		q->group = NULL;
		CHECK_EQ(ocft_submit_wait(q, &ok), EAGAIN);
		CHECK(q->cb_session == ns[1]);
		leak |= q->leaked;
	}

free_sessions:
	nf0 = atomic_read(&y->nfree);
	if (ns[0])
		CHECK_EQ(crypto_freesession(ns[0]), 0);	/* A: the new handle */
	else
		CHECK_EQ(crypto_freesession(s[0]), 0);
	CHECK_EQ(crypto_freesession(s[1]), 0);		/* B: the old handle */
	s[0] = NULL;
	s[1] = NULL;
	CHECK_EQ(atomic_read(&y->nfree) - nf0, (ns[0] ? 1 : 0) + (ns[1] ? 1 : 0));
	CHECK_EQ(atomic_read(&y->nfree), atomic_read(&y->nnew));
	CHECK_EQ(atomic_read(&x->helper_err) + atomic_read(&y->helper_err), 0);
	CHECK_EQ(atomic_read(&x->bad_sess) + atomic_read(&y->bad_sess), 0);
out:
	ocft_group_free(g);
	if (leak)
		return OCFT_FAIL;
	for (i = 0; i < 2; i++) {
		if (s[i])
			crypto_freesession(s[i]);
		for (j = 0; j < 2 * MIG_N; j++)
			ocft_req_free(r[i][j]);
	}
	ocft_drv_kill(x);
	ocft_drv_kill(y);
	kfree(u);
	kfree(want);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

struct ocft_sessop {
	struct cryptoini cri;
	u8 key[32];
	int crid;
	crypto_session_t s;
	int rc;
	bool free;		/* crypto_freesession(s) instead of newsession */
	struct completion done;
};

static int ocft_sessop_fn(void *arg)
{
	struct ocft_sessop *o = arg;

	if (o->free)
		o->rc = crypto_freesession(o->s);
	else
		o->rc = crypto_newsession(&o->s, &o->cri, o->crid);
	complete(&o->done);
	return 0;
}

/* crypto_unregister_all() while another thread sleeps in newsession/freesession. */
static int t_unregister_vs_methods(void)
{
	struct ocft_sessop *o[2] = { };
	struct ocft_drv *z[2] = { };
	struct task_struct *task;
	unsigned long end;
	bool ok = true, leak = false;
	int alg, i, rc;

	alg = ocft_pick_alg(OCFT_CIPHER, HW, NULL, 0);
	if (alg < 0)
		return ocft_skip("every cipher has a hardware driver already");
	for (i = 0; i < 2; i++) {
		z[i] = ocft_drv_new("ocft_slowsess", i, HW, 0, OCFT_MODE_SYNC);
		o[i] = kzalloc(sizeof(*o[i]), GFP_KERNEL);
		if (!CHECK(z[i] && z[i]->alive && o[i]) || ocft_drv_register(z[i], alg))
			goto out;
		init_completion(&o[i]->done);
		ocft_key_fill(o[i]->key, 32, 90 + i);
		o[i]->cri.cri_alg = alg;
		o[i]->cri.cri_klen = ocft_alg(alg)->keylen * 8;
		o[i]->cri.cri_key = o[i]->key;
		o[i]->crid = z[i]->id;
	}
	/* z[1]: a session to free while unregistering */
	rc = crypto_newsession(&o[1]->s, &o[1]->cri, o[1]->crid);
	if (!CHECK_EQ(rc, 0))
		goto out;
	o[1]->free = true;
	WRITE_ONCE(z[0]->sleep_new_ms, 200);
	WRITE_ONCE(z[1]->sleep_free_ms, 200);

	for (i = 0; i < 2; i++) {
		task = kthread_run(ocft_sessop_fn, o[i], "ocft_sessop%d", i);
		if (!CHECK(!IS_ERR(task))) {
			complete(&o[i]->done);
			continue;
		}
		end = jiffies + OCFT_TIMEOUT;
		while (!atomic_read(&z[i]->inside) && time_before(jiffies, end))
			usleep_range(1000, 2000);
		CHECK_EQ(atomic_read(&z[i]->inside), 1);
		CHECK_EQ(crypto_unregister_all(z[i]->id), 0);
		z[i]->alive = false;
		if (!CHECK_EQ(atomic_read(&z[i]->inside), 0))
			ocft_diag("%s%d: crypto_unregister_all() returned with a thread in %s",
				  z[i]->name, i, i ? "freesession" : "newsession");
		if (!wait_for_completion_timeout(&o[i]->done, OCFT_TIMEOUT)) {
			ocft_diag("crypto_%ssession() did not return", i ? "free" : "new");
			ok = false;
			leak = true;
			continue;
		}
		CHECK_EQ(atomic_read(&z[i]->nfree), atomic_read(&z[i]->nnew));
	}
	if (leak)
		return OCFT_FAIL;
	/* newsession raced with unregistration: if it won, the session is dead */
	ocft_diag("newsession during unregistration returned %d", o[0]->rc);
	if (o[0]->rc == 0) {
		CHECK_EQ(atomic_read(&z[0]->nnew), 1);
		CHECK_EQ(crypto_freesession(o[0]->s), 0);
	}
	CHECK_EQ(o[1]->rc, 0);
	CHECK_EQ(atomic_read(&z[1]->nfree), 1);	/* once, not twice */
out:
	for (i = 0; i < 2; i++) {
		ocft_drv_kill(z[i]);
		kfree(o[i]);
	}
	return ok ? OCFT_PASS : OCFT_FAIL;
}

#define CROSS_N	4	/* sessions of each algorithm */

/*
 * Two withdrawals whose migrations cross: X loses algorithm A, whose
 * sessions move to Y, while Y loses B, whose sessions move to X. Each
 * holds its own driver's methods for writing and needs the other's for
 * reading (the replacement's newsession, slowed down here): run together
 * they would wait for each other for ever (once Y's waiting writer stops
 * X's migration from reading Y again). One withdrawal runs at a time, so
 * both return and every session lands on the other driver.
 */
static int t_withdrawals_crossed(void)
{
	struct ocft_unreg *u[2] = { };
	struct ocft_drv *x = NULL, *y = NULL;
	crypto_session_t s[2][CROSS_N] = { };
	struct task_struct *task;
	u8 keys[1][32];
	int ca, cb, i, j, nx, ny;
	unsigned long end;
	bool ok = true, leak = false;

	ca = ocft_pick_alg(OCFT_CIPHER, HW, NULL, 0);
	cb = ocft_pick_alg(OCFT_CIPHER, HW, &ca, 1);
	if (ca < 0 || cb < 0)
		return ocft_skip("no two ciphers free of hardware drivers");
	ocft_key_fill(keys[0], 32, 111);
	x = ocft_drv_new("ocft_crossx", 0, HW, 0, OCFT_MODE_SYNC);
	y = ocft_drv_new("ocft_crossy", 0, HW, 0, OCFT_MODE_SYNC);
	for (i = 0; i < 2; i++) {
		u[i] = kzalloc(sizeof(*u[i]), GFP_KERNEL);
		if (u[i])
			init_completion(&u[i]->done);
	}
	/* each algorithm's sessions made while only one driver has it */
	if (!CHECK(x && x->alive && y && y->alive && u[0] && u[1]) ||
	    ocft_drv_register(x, ca) || ocft_drv_register(y, cb))
		goto out;
	for (j = 0; j < CROSS_N; j++)
		if (!CHECK_EQ(ocft_session(&s[0][j], HW, &ca, keys, NULL, 1), 0) ||
		    !CHECK_EQ(ocft_session(&s[1][j], HW, &cb, keys, NULL, 1), 0))
			goto out;
	if (ocft_drv_register(x, cb) || ocft_drv_register(y, ca))
		goto out;
	nx = atomic_read(&x->nnew);
	ny = atomic_read(&y->nnew);
	WRITE_ONCE(x->sleep_new_ms, 100);
	WRITE_ONCE(y->sleep_new_ms, 100);

	u[0]->id = x->id;
	u[0]->alg = ca;
	u[1]->id = y->id;
	u[1]->alg = cb;
	for (i = 0; i < 2; i++) {
		task = kthread_run(ocft_unreg_fn, u[i], "ocft_cross%d", i);
		if (!CHECK(!IS_ERR(task))) {
			complete(&u[i]->done);
			u[i]->rc = -1;
			continue;
		}
		/* Y withdraws B while X's first session is in Y's newsession */
		end = jiffies + OCFT_TIMEOUT;
		while (!i && !atomic_read(&y->inside) && time_before(jiffies, end))
			usleep_range(1000, 2000);
		if (!i)
			CHECK_EQ(atomic_read(&y->inside), 1);
	}
	for (i = 0; i < 2; i++) {
		if (!wait_for_completion_timeout(&u[i]->done, 4 * OCFT_TIMEOUT)) {
			ocft_diag("crypto_unregister() of %s did not return",
				  i ? "Y's B" : "X's A");
			ok = false;
			leak = true;
			continue;
		}
		CHECK_EQ(u[i]->rc, 0);
	}
	if (leak)
		return OCFT_FAIL;
	CHECK_EQ(atomic_read(&y->nnew) - ny, CROSS_N);
	CHECK_EQ(atomic_read(&x->nnew) - nx, CROSS_N);
	CHECK(!crypto_driver_supports(x->id, ca) && crypto_driver_supports(x->id, cb));
	CHECK(!crypto_driver_supports(y->id, cb) && crypto_driver_supports(y->id, ca));
	WRITE_ONCE(x->sleep_new_ms, 0);
	WRITE_ONCE(y->sleep_new_ms, 0);
out:
	for (i = 0; i < 2; i++)
		for (j = 0; j < CROSS_N; j++)
			if (s[i][j])
				CHECK_EQ(crypto_freesession(s[i][j]), 0);
	if (x && y) {
		CHECK_EQ(atomic_read(&x->nfree), atomic_read(&x->nnew));
		CHECK_EQ(atomic_read(&y->nfree), atomic_read(&y->nnew));
	}
	ocft_drv_kill(x);
	ocft_drv_kill(y);
	kfree(u[0]);
	kfree(u[1]);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/* The only driver for the algorithm goes: ENXIO, not an EAGAIN loop. */
static int t_failed_migration(void)
{
	struct ocft_req *r[4] = { };
	u8 want[4][64], keys[1][32];
	struct ocft_drv *w;
	crypto_session_t s = NULL;
	struct ocft_group *g = NULL;
	bool ok = true, leak = false;
	int alg, i;

	alg = ocft_pick_alg(OCFT_CIPHER, HW, NULL, 0);
	if (alg < 0)
		return ocft_skip("every cipher has a hardware driver already");
	ocft_key_fill(keys[0], 32, 95);
	w = ocft_drv_new("ocft_lonely", 0, HW, 0, OCFT_MODE_SYNC);
	if (!CHECK(w && w->alive) || ocft_drv_register(w, alg))
		goto out;
	if (!CHECK_EQ(ocft_session(&s, HW, &alg, keys, NULL, 1), 0))
		goto out;
	for (i = 0; i < 4; i++) {
		r[i] = ocft_cipher_req(s, alg, keys[0], 200 + i, want[i]);
		if (!CHECK(r[i]))
			goto out;
	}
	if (CHECK_EQ(ocft_submit_wait(r[3], &ok), 0))
		CHECK(ocft_req_is(r[3], want[3]));
	leak |= r[3]->leaked;

	g = ocft_group_new(3);
	if (!CHECK(g))
		goto out;
	WRITE_ONCE(w->blocked, true);
	for (i = 0; i < 3; i++) {
		r[i]->group = g;
		CHECK_EQ(ocft_dispatch(r[i]), 0);
	}
	msleep(20);
	CHECK_EQ(atomic_read(&g->remaining), 3);
	CHECK_EQ(crypto_unregister_all(w->id), 0);
	w->alive = false;
	if (!ocft_group_wait(g, OCFT_TIMEOUT)) {
		for (i = 0; i < 3; i++)
			leak |= !completion_done(&r[i]->done);
		ok = false;
	} else {
		for (i = 0; i < 3; i++) {
			CHECK_EQ(r[i]->cb_etype, ENXIO);
			CHECK_EQ(atomic_read(&r[i]->ncb), 1);
		}
	}
	CHECK_EQ(atomic_read(&w->nfree), atomic_read(&w->nnew));
	if (!leak) {
		r[3]->group = NULL;
		CHECK_EQ(ocft_submit_wait(r[3], &ok), ENXIO);
		leak |= r[3]->leaked;
	}
	CHECK_EQ(crypto_freesession(s), 0);
	s = NULL;
out:
	ocft_group_free(g);
	if (leak)
		return OCFT_FAIL;
	if (s)
		crypto_freesession(s);
	for (i = 0; i < 4; i++)
		ocft_req_free(r[i]);
	ocft_drv_kill(w);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/* crypto_unregister(id, alg): only the sessions using alg move. */
static int t_unregister_one(void)
{
	struct ocft_drv *v = NULL, *u = NULL;
	struct ocft_req *ra = NULL, *rb = NULL;
	u8 keys[2][32], wa[64], wb[128];
	crypto_session_t sa = NULL, sb = NULL, na = NULL;
	int ca, cb, nv, nu;
	bool ok = true, leak = false;

	ca = ocft_pick_alg(OCFT_CIPHER, HW, NULL, 0);
	cb = ocft_pick_alg(OCFT_MAC, HW, NULL, 0);
	if (ca < 0 || cb < 0)
		return ocft_skip("no cipher and MAC free of hardware drivers");
	ocft_key_fill(keys[0], 32, 101);
	ocft_key_fill(keys[1], 32, 102);
	v = ocft_drv_new("ocft_two", 0, HW, 0, OCFT_MODE_SYNC);
	u = ocft_drv_new("ocft_heir", 0, HW, 0, OCFT_MODE_SYNC);
	if (!CHECK(v && v->alive && u && u->alive) ||
	    ocft_drv_register(v, ca) || ocft_drv_register(v, cb))
		goto out;
	if (!CHECK_EQ(ocft_session(&sa, HW, &ca, &keys[0], NULL, 1), 0) ||
	    !CHECK_EQ(ocft_session(&sb, HW, &cb, &keys[1], NULL, 1), 0))
		goto out;
	CHECK_EQ(crypto_session_driver(sa, ca, 0), v->id);
	CHECK_EQ(crypto_session_driver(sb, cb, 0), v->id);
	if (ocft_drv_register(u, ca))
		goto out;

	CHECK_EQ(crypto_unregister(v->id, ca), 0);
	CHECK(!crypto_driver_supports(v->id, ca));
	CHECK(crypto_driver_supports(v->id, cb));
	CHECK_EQ(atomic_read(&v->nfree), 1);
	CHECK_EQ(atomic_read(&u->nnew), 1);

	ra = ocft_cipher_req(sa, ca, keys[0], 300, wa);
	rb = ocft_mac_req(sb, cb, keys[1], 301, wb);
	if (!CHECK(ra && rb))
		goto out;
	/* the moved session: EAGAIN, then the new handle works on U */
	if (CHECK_EQ(ocft_submit_wait(ra, &ok), EAGAIN) &&
	    CHECK(ra->cb_session && ra->cb_session != sa)) {
		na = ra->cb_session;
		CHECK_EQ(crypto_session_driver(na, ca, 0), u->id);
		nu = atomic_read(&u->nprocess);
		ra->crp.crp_session = na;
		if (CHECK_EQ(ocft_submit_wait(ra, &ok), 0))
			CHECK(ocft_req_is(ra, wa));
		CHECK_EQ(atomic_read(&u->nprocess) - nu, 1);
	}
	leak |= ra->leaked;
	/* the other one stays on V */
	nv = atomic_read(&v->nprocess);
	if (CHECK_EQ(ocft_submit_wait(rb, &ok), 0))
		CHECK(ocft_req_is(rb, wb));
	CHECK_EQ(atomic_read(&v->nprocess) - nv, 1);
	CHECK(rb->crp.crp_session == sb);
	CHECK_EQ(crypto_session_driver(sb, cb, 0), v->id);
	leak |= rb->leaked;
	CHECK_EQ(atomic_read(&v->helper_err) + atomic_read(&u->helper_err), 0);
out:
	if (na)
		CHECK_EQ(crypto_freesession(na), 0);
	else if (sa)
		CHECK_EQ(crypto_freesession(sa), 0);
	if (sb)
		CHECK_EQ(crypto_freesession(sb), 0);
	if (leak)
		return OCFT_FAIL;
	if (v && u) {
		CHECK_EQ(atomic_read(&v->nfree), atomic_read(&v->nnew));
		CHECK_EQ(atomic_read(&u->nfree), atomic_read(&u->nnew));
	}
	ocft_req_free(ra);
	ocft_req_free(rb);
	ocft_drv_kill(v);
	ocft_drv_kill(u);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/*
 * crypto(9): "The same will be done if all algorithms associated with a
 * driver are unregistered one by one": crypto_unregister() of V's last
 * algorithm disables V (no new session, no registration), frees its
 * sessions' driver state and migrates them to U.
 */
static int t_unregister_last(void)
{
	struct ocft_drv *v = NULL, *u = NULL;
	struct crypto_driver_info info;
	struct ocft_req *r = NULL;
	struct cryptoini cri = { };
	u8 keys[1][32], want[64];
	crypto_session_t s = NULL, ns = NULL, t;
	bool ok = true, leak = false;
	int ca, nu;

	ca = ocft_pick_alg(OCFT_CIPHER, HW, NULL, 0);
	if (ca < 0)
		return ocft_skip("every cipher has a hardware driver already");
	ocft_key_fill(keys[0], 32, 121);
	v = ocft_drv_new("ocft_last", 0, HW, 0, OCFT_MODE_SYNC);
	u = ocft_drv_new("ocft_last_heir", 0, HW, 0, OCFT_MODE_SYNC);
	if (!CHECK(v && v->alive && u && u->alive) || ocft_drv_register(v, ca))
		goto out;
	if (!CHECK_EQ(ocft_session(&s, HW, &ca, keys, NULL, 1), 0))
		goto out;
	CHECK_EQ(crypto_session_driver(s, ca, 0), v->id);
	if (ocft_drv_register(u, ca))
		goto out;

	CHECK_EQ(crypto_unregister(v->id, ca), 0);
	v->alive = false;
	CHECK_EQ(atomic_read(&v->nfree), atomic_read(&v->nnew));
	CHECK_EQ(atomic_read(&u->nnew), 1);
	/* V is gone as if by crypto_unregister_all() */
	CHECK_EQ(crypto_driver_info(v->id, &info), ENOENT);
	CHECK_EQ(crypto_register(v->id, ca, 0, 0), EINVAL);
	CHECK_EQ(crypto_unregister_all(v->id), EINVAL);
	cri.cri_alg = ca;
	cri.cri_klen = ocft_alg(ca)->keylen * 8;
	cri.cri_key = keys[0];
	CHECK_EQ(crypto_newsession(&t, &cri, v->id), EINVAL);

	/* the session moved: EAGAIN, then the new handle works on U */
	r = ocft_cipher_req(s, ca, keys[0], 400, want);
	if (!CHECK(r))
		goto out;
	if (CHECK_EQ(ocft_submit_wait(r, &ok), EAGAIN) &&
	    CHECK(r->cb_session && r->cb_session != s)) {
		ns = r->cb_session;
		CHECK_EQ(crypto_session_driver(ns, ca, 0), u->id);
		nu = atomic_read(&u->nprocess);
		r->crp.crp_session = ns;
		if (CHECK_EQ(ocft_submit_wait(r, &ok), 0))
			CHECK(ocft_req_is(r, want));
		CHECK_EQ(atomic_read(&u->nprocess) - nu, 1);
	}
	leak |= r->leaked;
out:
	if (ns)
		CHECK_EQ(crypto_freesession(ns), 0);
	else if (s)
		CHECK_EQ(crypto_freesession(s), 0);
	if (leak)
		return OCFT_FAIL;
	if (u)
		CHECK_EQ(atomic_read(&u->nfree), atomic_read(&u->nnew));
	ocft_req_free(r);
	ocft_drv_kill(v);
	ocft_drv_kill(u);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/*
 * crypto(9): the freesession method "is optional"; kprocess is needed
 * only for keying operations. A driver with newsession and process only:
 * sessions made and freed, one freed by crypto_unregister_all(), requests
 * right; keying operations cannot be registered on it.
 */
static int t_freesession_optional(void)
{
	crypto_session_t s[2] = { };
	struct ocft_req *r = NULL;
	struct ocft_drv *d;
	u8 keys[1][32], want[64];
	bool ok = true;
	int alg, i;

	alg = ocft_pick_alg(OCFT_CIPHER, HW, NULL, 0);
	if (alg < 0)
		return ocft_skip("every cipher has a hardware driver already");
	ocft_key_fill(keys[0], 32, 125);
	d = ocft_drv_new_min("ocft_nofree", HW);
	if (!CHECK(d && d->alive) || ocft_drv_register(d, alg))
		goto out;
	CHECK_EQ(crypto_kregister(d->id, CRK_MOD_EXP, 0), EINVAL);
	for (i = 0; i < 2; i++)
		if (!CHECK_EQ(ocft_session(&s[i], d->id, &alg, keys, NULL, 1), 0))
			goto out;
	CHECK_EQ(atomic_read(&d->nnew), 2);
	r = ocft_cipher_req(s[0], alg, keys[0], 500, want);
	if (!CHECK(r))
		goto out;
	if (CHECK_EQ(ocft_submit_wait(r, &ok), 0))
		CHECK(ocft_req_is(r, want));
	if (r->leaked)
		return OCFT_FAIL;
	CHECK_EQ(crypto_freesession(s[0]), 0);
	s[0] = NULL;
	/* s[1] is still open: the driver's withdrawal releases it */
	CHECK_EQ(crypto_unregister_all(d->id), 0);
	d->alive = false;
	CHECK_EQ(atomic_read(&d->nfree), 0);
	CHECK_EQ(atomic_read(&d->bad_sess), 0);
out:
	for (i = 0; i < 2; i++)
		if (s[i])
			CHECK_EQ(crypto_freesession(s[i]), 0);
	ocft_req_free(r);
	ocft_drv_kill(d);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/*
 * For a session split over two drivers: a cipher and a MAC no hardware
 * driver serves (the tests' own then do), and keys for them. False if
 * there are none.
 */
static bool ocft_split_algs(int algs[2], u8 keys[2][32], u32 seed)
{
	algs[0] = ocft_pick_alg(OCFT_CIPHER, HW, NULL, 0);
	algs[1] = ocft_pick_alg(OCFT_MAC, HW, NULL, 0);
	ocft_key_fill(keys[0], 32, seed);
	ocft_key_fill(keys[1], 32, seed + 1);
	return algs[0] >= 0 && algs[1] >= 0;
}

/*
 * Cipher only on A, MAC only on B: one session in two parts. With
 * @migrate, A then goes and A2 takes its part over, unseen by the consumer.
 */
static int ocft_split(bool migrate)
{
	struct ocft_drv *a = NULL, *b = NULL, *a2 = NULL;
	const struct ocft_alginfo *ci, *mi;
	struct ocft_req *r = NULL;
	u8 keys[2][32], data[192], out[192], want[192], iv[16];
	crypto_session_t s = NULL;
	int algs[2], round, na, nb, fa, fb;
	bool ok = true;

	if (!ocft_split_algs(algs, keys, 111))
		return ocft_skip("no cipher and MAC free of hardware drivers");
	ci = ocft_alg(algs[0]);
	mi = ocft_alg(algs[1]);
	a = ocft_drv_new("ocft_split_c", 0, HW, 0, OCFT_MODE_ASYNC);
	b = ocft_drv_new("ocft_split_m", 0, HW, 64, OCFT_MODE_SYNC);
	if (!CHECK(a && a->alive && b && b->alive) ||
	    ocft_drv_register(a, algs[0]) || ocft_drv_register(b, algs[1]))
		goto out;
	if (!CHECK_EQ(ocft_session(&s, HW, algs, keys, NULL, 2), 0))
		goto out;
	CHECK_EQ(crypto_session_nparts(s), 2);
	CHECK_EQ(crypto_session_driver(s, algs[0], 0), a->id);
	CHECK_EQ(crypto_session_driver(s, algs[1], 0), b->id);
	CHECK_EQ(atomic_read(&a->nnew), 1);
	CHECK_EQ(atomic_read(&b->nnew), 1);
	CHECK_EQ(atomic_read(&a->bad_cri) + atomic_read(&b->bad_cri), 0);

	r = ocft_req_new(192, OCFT_BUF_SG, GFP_KERNEL);
	if (!CHECK(r))
		goto out;
	ocft_fill(data, sizeof(data), 113);
	ocft_fill(iv, sizeof(iv), 114);
	for (round = 0; round < (migrate ? 3 : 2); round++) {
		struct cryptodesc *c, *m;

		if (round == 2) {	/* A goes, A2 takes over its part */
			a2 = ocft_drv_new("ocft_split_c", 1, HW, 0, OCFT_MODE_SYNC);
			if (!CHECK(a2 && a2->alive) || ocft_drv_register(a2, algs[0]))
				break;
			CHECK_EQ(crypto_unregister_all(a->id), 0);
			a->alive = false;
			CHECK_EQ(atomic_read(&a->nfree), atomic_read(&a->nnew));
			CHECK_EQ(crypto_session_nparts(s), 2);
			CHECK_EQ(crypto_session_driver(s, algs[0], 0), a2->id);
			CHECK_EQ(crypto_session_driver(s, algs[1], 0), b->id);
			ocft_fill(data, sizeof(data), 115);
			a = a2;
		}
		memset(r->crd, 0, sizeof(r->crd));
		if (round != 1) {	/* encrypt, then MAC the ciphertext */
			c = &r->crd[0];
			m = &r->crd[1];
			r->crd[0].crd_next = &r->crd[1];
		} else {		/* MAC the ciphertext, then decrypt it */
			m = &r->crd[0];
			c = &r->crd[1];
			r->crd[0].crd_next = &r->crd[1];
			memcpy(data, want, sizeof(data));
		}
		r->crp.crp_desc = &r->crd[0];
		r->crp.crp_session = s;
		c->crd_skip = 16;
		c->crd_len = 112;
		c->crd_flags = CRD_F_IV_EXPLICIT | CRD_F_IV_PRESENT |
			       (round != 1 ? CRD_F_ENCRYPT : 0);
		c->crd_alg = algs[0];
		memcpy(c->crd_iv, iv, 16);
		m->crd_skip = 0;
		m->crd_len = 128;
		m->crd_inject = 128;
		m->crd_alg = algs[1];
		ocft_req_write(r, data);
		memcpy(want, data, sizeof(want));
		if (round != 1) {
			ocft_toy_cipher(algs[0], keys[0], ci->keylen, iv, ci->ivlen, true,
					want + 16, 112, 0);
			ocft_toy_mac(algs[1], keys[1], mi->keylen, want, 128, want + 128,
				     mi->maclen);
		} else {
			ocft_toy_mac(algs[1], keys[1], mi->keylen, want, 128, want + 128,
				     mi->maclen);
			ocft_toy_cipher(algs[0], keys[0], ci->keylen, iv, ci->ivlen, false,
					want + 16, 112, 0);
		}
		na = ocft_drv_ndesc(a, algs[0]);
		nb = ocft_drv_ndesc(b, algs[1]);
		if (!CHECK_EQ(ocft_submit_wait(r, &ok), 0)) {
			ocft_diag("round %d: crp_etype %d", round, r->cb_etype);
			break;
		}
		ocft_req_read(r, out);
		if (memcmp(out, want, sizeof(want))) {
			ocft_diag("round %d: wrong output", round);
			ok = false;
		}
		CHECK_EQ(ocft_drv_ndesc(a, algs[0]) - na, 1);
		CHECK_EQ(ocft_drv_ndesc(b, algs[1]) - nb, 1);
		CHECK(r->crp.crp_desc == &r->crd[0]);
		CHECK(r->crd[0].crd_next == &r->crd[1]);
		CHECK(!r->crd[1].crd_next);
		CHECK(r->crp.crp_session == s);
	}
	CHECK_EQ(atomic_read(&a->bad_desc) + atomic_read(&b->bad_desc), 0);
	CHECK_EQ(atomic_read(&a->bad_sess) + atomic_read(&b->bad_sess), 0);
	CHECK_EQ(atomic_read(&a->helper_err) + atomic_read(&b->helper_err), 0);
	if (r->leaked) {
		ok = false;
		r = NULL;
	}
out:
	fa = a ? atomic_read(&a->nfree) : 0;
	fb = b ? atomic_read(&b->nfree) : 0;
	if (s) {
		CHECK_EQ(crypto_freesession(s), 0);
		CHECK_EQ(atomic_read(&a->nfree) - fa, 1);
		CHECK_EQ(atomic_read(&b->nfree) - fb, 1);
	}
	ocft_req_free(r);
	ocft_drv_kill(a);
	ocft_drv_kill(b);
	ocft_drv_kill(a2);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/*
 * A split session meets a full queue (max_queue's 1024, on the MAC's
 * driver, blocked): a request whose first stage goes there is ENOBUFS
 * with its descriptor list whole again; one whose second stage goes there
 * waits for room (its first stage has changed the buffer: tried again, it
 * would run twice) and completes right once the driver takes requests.
 */
static int t_split_full_queue(void)
{
	enum { FILL = 1024 };
	struct ocft_drv *a = NULL, *b = NULL, *b2 = NULL;
	struct ocft_req **fill = NULL, *r = NULL;
	const struct ocft_alginfo *ci, *mi;
	u8 keys[2][32], data[192], out[192], want[192], iv[16];
	struct crypto_driver_info info;
	crypto_session_t s = NULL, s2;
	int algs[2], i, n = 0;
	bool ok = true, pending = false;

	if (!ocft_split_algs(algs, keys, 121))
		return ocft_skip("no cipher and MAC free of hardware drivers");
	ci = ocft_alg(algs[0]);
	mi = ocft_alg(algs[1]);
	ocft_fill(data, sizeof(data), 123);
	ocft_fill(iv, sizeof(iv), 124);
	a = ocft_drv_new("ocft_fullq_c", 0, HW, 0, OCFT_MODE_SYNC);
	b = ocft_drv_new("ocft_fullq_m", 0, HW, 64, OCFT_MODE_SYNC);
	fill = kvcalloc(FILL, sizeof(*fill), GFP_KERNEL);
	r = ocft_req_new(192, OCFT_BUF_FLAT, GFP_KERNEL);
	if (!CHECK(a && a->alive && b && b->alive && fill && r) ||
	    ocft_drv_register(a, algs[0]) || ocft_drv_register(b, algs[1]))
		goto out;
	if (!CHECK_EQ(ocft_session(&s, HW, algs, keys, NULL, 2), 0))
		goto out;
	CHECK_EQ(crypto_session_nparts(s), 2);

	WRITE_ONCE(b->blocked, true);
	for (n = 0; n < FILL; n++) {	/* MAC only: a first stage, on b */
		fill[n] = ocft_req_new(192, OCFT_BUF_FLAT, GFP_KERNEL);
		if (!CHECK(fill[n]))
			break;
		fill[n]->crp.crp_session = s;
		fill[n]->crd[0].crd_alg = algs[1];
		fill[n]->crd[0].crd_len = 128;
		fill[n]->crd[0].crd_inject = 128;
		CHECK_EQ(ocft_dispatch(fill[n]), 0);
	}
	memset(&info, 0, sizeof(info));
	crypto_driver_info(b->id, &info);
	if (!CHECK_EQ(info.queued, FILL))
		goto release;

	/* MAC first, on the full queue: ENOBUFS, the list whole */
	r->crp.crp_session = s;
	r->crp.crp_desc = &r->crd[0];
	r->crd[0].crd_alg = algs[1];
	r->crd[0].crd_len = 128;
	r->crd[0].crd_inject = 128;
	r->crd[0].crd_next = &r->crd[1];
	r->crd[1].crd_alg = algs[0];
	r->crd[1].crd_skip = 16;
	r->crd[1].crd_len = 112;
	r->crd[1].crd_flags = CRD_F_ENCRYPT | CRD_F_IV_EXPLICIT | CRD_F_IV_PRESENT;
	memcpy(r->crd[1].crd_iv, iv, 16);
	CHECK_EQ(ocft_submit_wait(r, &ok), ENOBUFS);
	CHECK(r->crp.crp_desc == &r->crd[0] && r->crd[0].crd_next == &r->crd[1]);
	CHECK(r->crp.crp_session == s);

	/* cipher first (on a, done at once), then the MAC: it waits */
	ocft_req_reset(r);
	memset(r->crd, 0, sizeof(r->crd));
	r->crp.crp_session = s;
	r->crp.crp_desc = &r->crd[0];
	r->crd[0].crd_alg = algs[0];
	r->crd[0].crd_skip = 16;
	r->crd[0].crd_len = 112;
	r->crd[0].crd_flags = CRD_F_ENCRYPT | CRD_F_IV_EXPLICIT | CRD_F_IV_PRESENT;
	memcpy(r->crd[0].crd_iv, iv, 16);
	r->crd[0].crd_next = &r->crd[1];
	r->crd[1].crd_alg = algs[1];
	r->crd[1].crd_len = 128;
	r->crd[1].crd_inject = 128;
	ocft_req_write(r, data);
	memcpy(want, data, sizeof(want));
	ocft_toy_cipher(algs[0], keys[0], ci->keylen, iv, ci->ivlen, true, want + 16, 112, 0);
	ocft_toy_mac(algs[1], keys[1], mi->keylen, want, 128, want + 128, mi->maclen);
	CHECK_EQ(ocft_dispatch(r), 0);
	pending = true;
	msleep(20);
	CHECK_EQ(atomic_read(&r->ncb), 0);	/* queued, not refused */

	/*
	 * A session that has b and b2 to choose from measures both: b's
	 * measuring request is refused (ENOBUFS) by the framework, never
	 * reaching b, and must not be taken out of b's counts.
	 */
	b2 = ocft_drv_new("ocft_fullq_m", 1, HW, 64, OCFT_MODE_SYNC);
	if (CHECK(b2 && b2->alive) && !ocft_drv_register(b2, algs[1]) &&
	    CHECK_EQ(ocft_session(&s2, HW, &algs[1], &keys[1], NULL, 1), 0)) {
		CHECK_EQ(crypto_session_driver(s2, algs[1], 0), b2->id);
		CHECK_EQ(crypto_freesession(s2), 0);
	}
release:
	WRITE_ONCE(b->blocked, false);
	CHECK_EQ(crypto_unblock(b->id, CRYPTO_SYMQ), 0);
	for (i = 0; i < n; i++)
		if (fill[i] && CHECK(ocft_wait(fill[i])))
			CHECK_EQ(fill[i]->cb_etype, 0);
	if (pending && CHECK(ocft_wait(r)) && CHECK_EQ(r->cb_etype, 0)) {
		ocft_req_read(r, out);
		CHECK(!memcmp(out, want, sizeof(want)));
		CHECK(r->crd[0].crd_next == &r->crd[1]);
	}
	if (pending) {		/* b ran the fills and r's MAC, nothing else */
		memset(&info, 0, sizeof(info));
		crypto_driver_info(b->id, &info);
		CHECK_EQ(info.ops, n + 1);
	}
out:
	for (i = 0; fill && i < n; i++)
		if (fill[i] && !fill[i]->leaked)
			ocft_req_free(fill[i]);
	kvfree(fill);
	if (s)
		CHECK_EQ(crypto_freesession(s), 0);
	if (r && !r->leaked)
		ocft_req_free(r);
	ocft_drv_kill(a);
	ocft_drv_kill(b);
	ocft_drv_kill(b2);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/* A crypto_newsession() in a thread of its own (ocft_session()). */
struct ocft_newses {
	const int *algs;
	u8 (*keys)[32];
	int n, rc;
	crypto_session_t s;
	struct completion done;
};

static int ocft_newses_fn(void *arg)
{
	struct ocft_newses *ns = arg;

	ns->rc = ocft_session(&ns->s, HW, ns->algs, ns->keys, NULL, ns->n);
	complete(&ns->done);
	return 0;
}

/*
 * A split session whose second part fails to build while its first part's
 * driver is withdrawn and the part is moving: M1 (hardware) serves the
 * MAC, C the cipher, and C's newsession fails after 300 ms; once it has
 * begun, M2 comes with the MAC and M1 goes, M2's newsession (the
 * replacement) taking 400 ms. Whatever the slot holds when the build gives up, the part or its
 * replacement, is freed on its driver, once: M1 and M2 keep no session.
 */
static int t_split_build_fails_while_moving(void)
{
	struct ocft_drv *m1 = NULL, *m2 = NULL, *c = NULL;
	struct crypto_driver_info info;
	struct ocft_newses *ns = NULL;
	struct task_struct *task;
	unsigned long end;
	u8 keys[2][32];
	int algs[2];
	bool ok = true;

	algs[0] = ocft_pick_alg(OCFT_MAC, HW, NULL, 0);
	algs[1] = ocft_pick_alg(OCFT_CIPHER, HW, NULL, 0);
	if (algs[0] < 0 || algs[1] < 0)
		return ocft_skip("no cipher and MAC free of hardware drivers");
	ocft_key_fill(keys[0], 32, 131);
	ocft_key_fill(keys[1], 32, 132);
	m1 = ocft_drv_new("ocft_bfm_m", 0, HW, 64, OCFT_MODE_SYNC);
	m2 = ocft_drv_new("ocft_bfm_m", 1, HW, 64, OCFT_MODE_SYNC);
	c = ocft_drv_new("ocft_bfm_c", 0, HW, 0, OCFT_MODE_SYNC);
	ns = kzalloc(sizeof(*ns), GFP_KERNEL);
	if (!CHECK(m1 && m1->alive && m2 && m2->alive && c && c->alive && ns) ||
	    ocft_drv_register(m1, algs[0]) || ocft_drv_register(c, algs[1]))
		goto out;
	c->sleep_new_ms = 300;
	c->fail_new = true;
	m2->sleep_new_ms = 400;
	ns->algs = algs;
	ns->keys = keys;
	ns->n = 2;
	init_completion(&ns->done);
	task = kthread_run(ocft_newses_fn, ns, "ocft_bfm");
	if (!CHECK(!IS_ERR(task)))
		goto out;
	/* the MAC part is on M1 once C is in its newsession (and sleeps) */
	end = jiffies + OCFT_TIMEOUT;
	while (!atomic_read(&c->inside) && !completion_done(&ns->done) &&
	       time_before(jiffies, end))
		usleep_range(1000, 2000);
	if (!ocft_drv_register(m2, algs[0])) {
		CHECK_EQ(crypto_unregister_all(m1->id), 0);
		m1->alive = false;
	}
	wait_for_completion(&ns->done);
	if (!CHECK(ns->rc != 0))
		CHECK_EQ(crypto_freesession(ns->s), 0);
	ocft_diag("newsession %d; made/freed: M1 %d/%d, M2 %d/%d, C %d/%d", ns->rc,
		  atomic_read(&m1->nnew), atomic_read(&m1->nfree), atomic_read(&m2->nnew),
		  atomic_read(&m2->nfree), atomic_read(&c->nnew), atomic_read(&c->nfree));
	CHECK_EQ(atomic_read(&m1->nnew), 1);
	CHECK_EQ(atomic_read(&m1->nnew), atomic_read(&m1->nfree));
	CHECK_EQ(atomic_read(&m2->nnew), 1);	/* the replacement: the race ran */
	CHECK_EQ(atomic_read(&m2->nnew), atomic_read(&m2->nfree));
	memset(&info, 0, sizeof(info));
	if (CHECK_EQ(crypto_driver_info(m2->id, &info), 0))
		CHECK_EQ(info.sessions, 0);
out:
	kfree(ns);
	ocft_drv_kill(m1);
	ocft_drv_kill(m2);
	ocft_drv_kill(c);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

static int t_split(void)
{
	return ocft_split(false);
}

static int t_split_migrate(void)
{
	return ocft_split(true);
}

const struct ocft_case ocft_cases_mig[] = {
	{ "split_session", t_split },
	{ "split_session_part_migrates_unseen", t_split_migrate },
	{ "split_session_full_queue", t_split_full_queue },
	{ "split_session_build_fails_while_moving", t_split_build_fails_while_moving },
	{ "unregister_one_algorithm", t_unregister_one },
	{ "unregister_last_algorithm_retires_driver", t_unregister_last },
	{ "freesession_method_optional", t_freesession_optional },
	{ "failed_migration_enxio", t_failed_migration },
	{ "unregister_vs_newsession_freesession", t_unregister_vs_methods },
	{ "withdrawals_crossed_one_at_a_time", t_withdrawals_crossed },
	{ "migration_inflight_and_queued", t_migration },
};

const unsigned int ocft_ncases_mig = ARRAY_SIZE(ocft_cases_mig);
