// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test cases: driver registration, lookup, session creation and driver
 * choice, request allocation, keying operations.
 */
#include <linux/delay.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "ocft.h"

#define OCFT_BAD_ID	4000000u

static void ocft_put_le32(u32 v, u8 *p)
{
	int i;

	for (i = 0; i < 4; i++)
		p[i] = v >> (8 * i);
}

static u32 ocft_get_le32(const u8 *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24;
}

static int t_get_driverid(void)
{
	struct ocft_drv *shared[] = { ocft_zero, ocft_sync, ocft_hw, ocft_block, ocft_jitter,
				      ocft_key };
	struct ocft_drv *bad;
	bool ok = true;
	unsigned int i, j;

	for (i = 0; i < ARRAY_SIZE(shared); i++) {
		if (!CHECK(shared[i]))
			return OCFT_FAIL;
		CHECK(shared[i]->id >= 0);
		for (j = 0; j < i; j++)
			CHECK(shared[i]->id != shared[j]->id);
	}
	bad = ocft_drv_new("ocft_noclass", 0, 0, 0, OCFT_MODE_SYNC);
	if (CHECK(bad))
		CHECK_EQ(bad->id, -1);
	bad = ocft_drv_new("ocft_synconly", 0, CRYPTOCAP_F_SYNC, 0, OCFT_MODE_SYNC);
	if (CHECK(bad))
		CHECK_EQ(bad->id, -1);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

static int t_register(void)
{
	struct ocft_drv *d = ocft_drv_new("ocft_reg", 0, CRYPTOCAP_F_HARDWARE, 0,
					  OCFT_MODE_SYNC);
	bool ok = true;
	u32 id;

	if (!CHECK(d && d->alive))
		return OCFT_FAIL;
	id = d->id;
	CHECK_EQ(crypto_register(id, CRYPTO_SHA2_512_HMAC, 0, 0), 0);
	CHECK_EQ(crypto_register(id, CRYPTO_NULL_HMAC, 0, 0), 0);
	CHECK_EQ(crypto_register(id, 0, 0, 0), EINVAL);
	CHECK_EQ(crypto_register(id, -1, 0, 0), EINVAL);
	CHECK_EQ(crypto_register(id, 30, 0, 0), EINVAL);	/* no such number */
	CHECK_EQ(crypto_register(id, CRYPTO_ALGORITHM_ALL, 0, 0), EINVAL);
	CHECK_EQ(crypto_register(OCFT_BAD_ID, CRYPTO_NULL_HMAC, 0, 0), EINVAL);
	CHECK_EQ(crypto_kregister(id, CRK_DH_COMPUTE_KEY, 0), 0);
	CHECK_EQ(crypto_kregister(id, CRK_ALGORITHM_ALL, 0), EINVAL);
	CHECK_EQ(crypto_kregister(id, -1, 0), EINVAL);
	CHECK_EQ(crypto_kregister(OCFT_BAD_ID, CRK_MOD_EXP, 0), EINVAL);
	CHECK(crypto_driver_supports(id, CRYPTO_SHA2_512_HMAC));
	CHECK(crypto_driver_supports(id, CRYPTO_NULL_HMAC));
	CHECK(!crypto_driver_supports(id, CRYPTO_SHA2_384_HMAC));
	CHECK(crypto_driver_ksupports(id, CRK_DH_COMPUTE_KEY));
	CHECK(!crypto_driver_ksupports(id, CRK_DSA_SIGN));

	CHECK_EQ(crypto_unregister(id, CRYPTO_NULL_HMAC), 0);
	CHECK(!crypto_driver_supports(id, CRYPTO_NULL_HMAC));
	CHECK_EQ(crypto_unregister(id, CRYPTO_NULL_HMAC), EINVAL);
	CHECK_EQ(crypto_unregister(id, CRYPTO_SHA2_384_HMAC), EINVAL);
	CHECK_EQ(crypto_unregister(id, 0), EINVAL);
	CHECK_EQ(crypto_unregister(OCFT_BAD_ID, CRYPTO_SHA2_512_HMAC), EINVAL);
	CHECK(crypto_driver_supports(id, CRYPTO_SHA2_512_HMAC));

	CHECK_EQ(crypto_unregister_all(id), 0);
	d->alive = false;
	CHECK(!crypto_driver_supports(id, CRYPTO_SHA2_512_HMAC));
	CHECK(!crypto_driver_ksupports(id, CRK_DH_COMPUTE_KEY));
	CHECK_EQ(crypto_unregister_all(OCFT_BAD_ID), EINVAL);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

static int t_find_driver(void)
{
	struct ocft_drv *d0, *d1, *d2 = NULL;
	bool ok = true;

	d0 = ocft_drv_new("ocft_find", 0, CRYPTOCAP_F_HARDWARE, 0, OCFT_MODE_SYNC);
	d1 = ocft_drv_new("ocft_find", 1, CRYPTOCAP_F_HARDWARE, 0, OCFT_MODE_SYNC);
	if (!CHECK(d0 && d0->alive && d1 && d1->alive))
		goto out;
	CHECK_EQ(crypto_find_driver("ocft_find0"), d0->id);
	CHECK_EQ(crypto_find_driver("ocft_find1"), d1->id);
	/* without the unit: the first, in the order of ids (they wrap) */
	CHECK_EQ(crypto_find_driver("ocft_find"), min(d0->id, d1->id));
	CHECK_EQ(crypto_find_driver("ocft_sync0"), ocft_sync->id);
	CHECK_EQ(crypto_find_driver("ocft_sync"), ocft_sync->id);
	CHECK_EQ(crypto_find_driver("ocft_find2"), -1);
	CHECK_EQ(crypto_find_driver("ocft_fin"), -1);
	CHECK_EQ(crypto_find_driver("ocft_nosuch"), -1);
	CHECK_EQ(crypto_find_driver(""), -1);

	/* a name ending in a digit: its unit after a '-' */
	d2 = ocft_drv_new("ocft_find64", 1, CRYPTOCAP_F_HARDWARE, 0, OCFT_MODE_SYNC);
	if (CHECK(d2 && d2->alive)) {
		struct crypto_driver_info info;

		CHECK(!crypto_driver_info(d2->id, &info) && !strcmp(info.name, "ocft_find64-1"));
		CHECK_EQ(crypto_find_driver("ocft_find64-1"), d2->id);
		CHECK_EQ(crypto_find_driver("ocft_find64"), d2->id);
		CHECK_EQ(crypto_find_driver("ocft_find641"), -1);
	}

	/* crypto_driver_flags(): a live driver's class, -1 for no driver */
	if (d2 && d2->alive) {
		struct crypto_driver_info info;
		u32 id = d2->id;

		CHECK_EQ(crypto_driver_info(id, &info), 0);
		CHECK_EQ(crypto_driver_flags(id), (int)info.flags);
		CHECK(crypto_driver_flags(id) & CRYPTOCAP_F_HARDWARE);
		CHECK_EQ(crypto_driver_flags(ocft_sync->id),
			 CRYPTOCAP_F_SOFTWARE | CRYPTOCAP_F_SYNC);
		CHECK_EQ(crypto_driver_flags(64), -1);	/* past the last id */
		CHECK_EQ(crypto_driver_flags((u32)-1), -1);
		ocft_drv_kill(d2);
		d2 = NULL;
		CHECK_EQ(crypto_driver_flags(id), -1);
	}
out:
	ocft_drv_kill(d0);
	ocft_drv_kill(d1);
	ocft_drv_kill(d2);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/* One AES-CBC + SHA2-256-HMAC request on @s, checked. */
static bool ocft_check_one(crypto_session_t s, u8 keys[][32], struct ocft_drv *d)
{
	struct ocft_req *r = ocft_req_new(96, OCFT_BUF_FLAT, GFP_KERNEL);
	u8 data[96], want[96], iv[16];
	int np0 = atomic_read(&d->nprocess);
	bool ok = true;

	if (!CHECK(r))
		return false;
	ocft_fill(data, sizeof(data), 7);
	ocft_fill(iv, sizeof(iv), 8);
	ocft_req_write(r, data);
	memcpy(want, data, sizeof(want));
	ocft_toy_cipher(CRYPTO_AES_CBC, keys[0], 16, iv, 16, true, want, 64, 0);
	ocft_toy_mac(CRYPTO_SHA2_256_HMAC, keys[1], 20, want, 64, want + 64, 32);
	r->crp.crp_session = s;
	r->crd[0] = (struct cryptodesc){ .crd_skip = 0, .crd_len = 64,
		.crd_flags = CRD_F_ENCRYPT | CRD_F_IV_EXPLICIT | CRD_F_IV_PRESENT,
		.crd_next = &r->crd[1] };
	r->crd[0].crd_alg = CRYPTO_AES_CBC;
	memcpy(r->crd[0].crd_iv, iv, 16);
	r->crd[1] = (struct cryptodesc){ .crd_skip = 0, .crd_len = 64, .crd_inject = 64 };
	r->crd[1].crd_alg = CRYPTO_SHA2_256_HMAC;
	if (ocft_submit_wait(r, &ok) == 0) {
		ocft_req_read(r, data);
		CHECK(!memcmp(data, want, sizeof(want)));
		CHECK_EQ(atomic_read(&d->nprocess) - np0, 1);
	} else {
		CHECK_EQ(r->cb_etype, 0);
	}
	ocft_req_free(r);
	return ok;
}

static int t_newsession_crid(void)
{
	static const int algs[] = { CRYPTO_AES_CBC, CRYPTO_SHA2_256_HMAC };
	struct ocft_drv *ds[] = { ocft_zero, ocft_sync, ocft_hw };
	u8 keys[2][32];
	crypto_session_t s;
	bool ok = true;
	unsigned int i;
	int nn, nf, rc;

	ocft_key_fill(keys[0], 32, 1);
	ocft_key_fill(keys[1], 32, 2);
	for (i = 0; i < ARRAY_SIZE(ds); i++) {
		struct ocft_drv *d = ds[i];

		nn = atomic_read(&d->nnew);
		nf = atomic_read(&d->nfree);
		rc = ocft_session(&s, d->id, algs, keys, NULL, 2);
		if (!CHECK_EQ(rc, 0) || !CHECK(s)) {
			ocft_diag("crypto_newsession(crid = %d, driver %s) failed", d->id,
				  d->name);
			continue;
		}
		CHECK_EQ(crypto_session_driver(s, CRYPTO_AES_CBC, 0), d->id);
		CHECK_EQ(crypto_session_driver(s, CRYPTO_SHA2_256_HMAC, 0), d->id);
		CHECK_EQ(atomic_read(&d->nnew) - nn, 1);
		CHECK_EQ(atomic_read(&d->nonzero_sess), 0);
		CHECK_EQ(atomic_read(&d->bad_cri), 0);
		ocft_check_one(s, keys, d) || (ok = false);
		CHECK_EQ(atomic_read(&d->bad_sess), 0);
		CHECK_EQ(atomic_read(&d->helper_err), 0);
		CHECK_EQ(atomic_read(&d->nfree), nf);
		CHECK_EQ(crypto_freesession(s), 0);
		CHECK_EQ(atomic_read(&d->nfree) - nf, 1);
		CHECK_EQ(atomic_read(&d->tail_bad), 0);
	}
	return ok ? OCFT_PASS : OCFT_FAIL;
}

static int t_newsession_class(void)
{
	struct ocft_drv *hw = NULL, *sw = NULL;
	struct crypto_driver_info info;
	u8 keys[1][32];
	crypto_session_t s;
	bool ok = true, sw_free;
	int alg, rc, got;

	alg = ocft_pick_alg(OCFT_CIPHER, CRYPTOCAP_F_HARDWARE, NULL, 0);
	if (alg < 0)
		return ocft_skip("every cipher has a hardware driver already");
	sw_free = !ocft_alg_used(alg, CRYPTOCAP_F_SOFTWARE);
	ocft_diag("algorithm %d, software drivers for it: %s", alg,
		  sw_free ? "none" : "some");
	ocft_key_fill(keys[0], 32, 3);
	hw = ocft_drv_new("ocft_pref_hw", 0, CRYPTOCAP_F_HARDWARE, 0, OCFT_MODE_ASYNC);
	sw = ocft_drv_new("ocft_pref_sw", 0, CRYPTOCAP_F_SOFTWARE | CRYPTOCAP_F_SYNC,
			  0, OCFT_MODE_SYNC);
	if (!CHECK(hw && hw->alive && sw && sw->alive))
		goto out;
	/* Software first, so that id order does not favour hardware. */
	if (ocft_drv_register(sw, alg) || ocft_drv_register(hw, alg)) {
		ok = false;
		goto out;
	}

	rc = ocft_session(&s, CRYPTOCAP_F_HARDWARE | CRYPTOCAP_F_SOFTWARE, &alg, keys, NULL, 1);
	if (CHECK_EQ(rc, 0)) {
		CHECK_EQ(crypto_session_driver(s, alg, 0), hw->id);
		CHECK_EQ(crypto_freesession(s), 0);
	}
	rc = ocft_session(&s, CRYPTOCAP_F_HARDWARE, &alg, keys, NULL, 1);
	if (CHECK_EQ(rc, 0)) {
		CHECK_EQ(crypto_session_driver(s, alg, 0), hw->id);
		CHECK_EQ(crypto_freesession(s), 0);
	}
	rc = ocft_session(&s, CRYPTOCAP_F_SOFTWARE, &alg, keys, NULL, 1);
	if (CHECK_EQ(rc, 0)) {
		got = crypto_session_driver(s, alg, 0);
		if (sw_free) {
			CHECK_EQ(got, sw->id);
		} else {
			memset(&info, 0, sizeof(info));
			CHECK_EQ(crypto_driver_info(got, &info), 0);
			CHECK(info.flags & CRYPTOCAP_F_SOFTWARE);
		}
		CHECK_EQ(crypto_freesession(s), 0);
	}
	CHECK_EQ(atomic_read(&hw->nnew), atomic_read(&hw->nfree));
	CHECK_EQ(atomic_read(&sw->nnew), atomic_read(&sw->nfree));
out:
	ocft_drv_kill(hw);
	ocft_drv_kill(sw);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

static int t_newsession_errors(void)
{
	struct cryptoini cri;
	u8 key[32];
	crypto_session_t s;
	bool ok = true;
	int alg;

	ocft_key_fill(key, sizeof(key), 4);
	memset(&cri, 0, sizeof(cri));
	cri.cri_key = key;

	s = NULL;
	CHECK_EQ(crypto_newsession(&s, NULL, CRYPTOCAP_F_HARDWARE | CRYPTOCAP_F_SOFTWARE), EINVAL);
	cri.cri_alg = 9999;
	cri.cri_klen = 128;
	CHECK_EQ(crypto_newsession(&s, &cri, CRYPTOCAP_F_HARDWARE | CRYPTOCAP_F_SOFTWARE), EINVAL);
	cri.cri_alg = 0;
	CHECK_EQ(crypto_newsession(&s, &cri, CRYPTOCAP_F_HARDWARE | CRYPTOCAP_F_SOFTWARE), EINVAL);
	cri.cri_alg = 30;	/* a hole in the numbering */
	CHECK_EQ(crypto_newsession(&s, &cri, CRYPTOCAP_F_HARDWARE | CRYPTOCAP_F_SOFTWARE), EINVAL);
	cri.cri_alg = CRYPTO_AES_CBC;	/* AES: 16, 24 or 32 bytes */
	cri.cri_klen = 40;
	CHECK_EQ(crypto_newsession(&s, &cri, ocft_sync->id), EINVAL);

	/* A driver that lacks the algorithm, asked for by id */
	cri.cri_alg = CRYPTO_SHA2_512_HMAC;
	cri.cri_klen = 160;
	CHECK_EQ(crypto_newsession(&s, &cri, ocft_sync->id), EOPNOTSUPP);

	alg = ocft_pick_alg(OCFT_CIPHER, 0, NULL, 0);
	if (alg < 0)
		alg = ocft_pick_alg(OCFT_MAC, 0, NULL, 0);
	if (alg < 0) {
		ocft_diag("every algorithm has a driver: EOPNOTSUPP by both classes not checked");
	} else {
		cri.cri_alg = alg;
		cri.cri_klen = ocft_alg(alg)->keylen * 8;
		CHECK_EQ(crypto_newsession(&s, &cri, CRYPTOCAP_F_HARDWARE | CRYPTOCAP_F_SOFTWARE),
			 EOPNOTSUPP);
		CHECK_EQ(crypto_newsession(&s, &cri, CRYPTOCAP_F_SOFTWARE), EOPNOTSUPP);
	}
	/* An algorithm no hardware driver serves, asked of hardware only */
	alg = ocft_pick_alg(OCFT_CIPHER, CRYPTOCAP_F_HARDWARE, NULL, 0);
	if (alg < 0) {
		ocft_diag("every cipher has a hardware driver: EOPNOTSUPP by class not checked");
	} else {
		cri.cri_alg = alg;
		cri.cri_klen = ocft_alg(alg)->keylen * 8;
		CHECK_EQ(crypto_newsession(&s, &cri, CRYPTOCAP_F_HARDWARE), EOPNOTSUPP);
	}
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/*
 * crypto(9): the cryptoini chain "will not be modified or referenced by the
 * framework"; its memory "can be released once crypto_newsession()
 * returns"; cri_iv "is ignored during initialization". The chain and its
 * keys, with an IV set, are compared after the call, then wiped and freed,
 * and requests on the session still give the answer of the original keys.
 */
static int t_cryptoini_untouched(void)
{
	struct ocft_ini {
		struct cryptoini cri[2];
		u8 key[2][32];
	} *h, *snap;
	struct ocft_drv *ds[] = { ocft_sync, ocft_hw };
	u8 keys[2][32];
	crypto_session_t s;
	bool ok = true;
	unsigned int i;

	h = kzalloc(sizeof(*h), GFP_KERNEL);
	snap = kzalloc(sizeof(*snap), GFP_KERNEL);
	if (!CHECK(h && snap))
		goto out;
	for (i = 0; i < ARRAY_SIZE(ds); i++) {
		ocft_key_fill(h->key[0], 32, 131 + i);
		ocft_key_fill(h->key[1], 32, 133 + i);
		memcpy(keys, h->key, sizeof(keys));
		h->cri[0].cri_alg = CRYPTO_AES_CBC;
		h->cri[0].cri_klen = 128;
		h->cri[0].cri_key = h->key[0];
		memset(h->cri[0].cri_iv, 0xa5, sizeof(h->cri[0].cri_iv));
		h->cri[0].cri_next = &h->cri[1];
		h->cri[1].cri_alg = CRYPTO_SHA2_256_HMAC;
		h->cri[1].cri_klen = 160;
		h->cri[1].cri_key = h->key[1];
		memset(h->cri[1].cri_iv, 0x3c, sizeof(h->cri[1].cri_iv));
		h->cri[1].cri_next = NULL;
		memcpy(snap, h, sizeof(*h));
		if (!CHECK_EQ(crypto_newsession(&s, h->cri, ds[i]->id), 0))
			continue;
		CHECK(!memcmp(h, snap, sizeof(*h)));
		/* the caller's memory is the caller's again: scribble on it, free it */
		memset(h, 0xee, sizeof(*h));
		kfree(h);
		h = kzalloc(sizeof(*h), GFP_KERNEL);
		ocft_check_one(s, keys, ds[i]) || (ok = false);
		CHECK_EQ(crypto_freesession(s), 0);
		if (!CHECK(h))
			break;
	}
out:
	kfree(h);
	kfree(snap);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/*
 * RETURN VALUES beyond the other cases: crypto_freesession() and
 * crypto_unblock() return an error code on failure, crypto_getreq() NULL.
 */
static int t_return_values(void)
{
	struct crypto_driver_info i0, i1;
	u32 id = ocft_sync->id;
	bool ok = true;

	CHECK_EQ(crypto_freesession(NULL), EINVAL);
	CHECK(!crypto_getreq(-1));
	CHECK(!crypto_getreq(INT_MAX));
	CHECK_EQ(crypto_unblock(OCFT_BAD_ID, CRYPTO_SYMQ), EINVAL);
	CHECK_EQ(crypto_unblock(id, 0), EINVAL);
	CHECK_EQ(crypto_unblock(id, 0x4), EINVAL);
	CHECK_EQ(crypto_unblock(id, CRYPTO_SYMQ | 0x4), EINVAL);
	/* a driver that is not blocked: success, and nothing to count */
	memset(&i0, 0, sizeof(i0));
	memset(&i1, 0, sizeof(i1));
	CHECK_EQ(crypto_driver_info(id, &i0), 0);
	CHECK_EQ(crypto_unblock(id, CRYPTO_SYMQ | CRYPTO_ASYMQ), 0);
	CHECK_EQ(crypto_driver_info(id, &i1), 0);
	CHECK_EQ(i1.unblocks, i0.unblocks);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

static int t_getreq(void)
{
	struct cryptop *crp;
	bool ok = true;

	crp = crypto_getreq(3);
	if (CHECK(crp)) {
		if (CHECK(crp->crp_desc) && CHECK(crp->crp_desc->crd_next) &&
		    CHECK(crp->crp_desc->crd_next->crd_next))
			CHECK(!crp->crp_desc->crd_next->crd_next->crd_next);
		crypto_freereq(crp);
	}
	crp = crypto_getreq(0);
	if (CHECK(crp)) {
		CHECK(!crp->crp_desc);
		crypto_freereq(crp);
	}
	/* crypto_clearreq(): a used request zeroed and its descriptors linked again */
	crp = crypto_getreq(2);
	if (CHECK(crp)) {
		struct cryptodesc *d0 = crp->crp_desc, *d1 = d0->crd_next;

		crp->crp_flags = CRYPTO_F_IOV | CRYPTO_F_CBIMM;
		crp->crp_ilen = 64;
		d0->crd_len = 16;
		d0->crd_iv[0] = 0x5a;
		d0->crd_next = NULL;
		d1->crd_skip = 3;
		crypto_clearreq(crp, 2);
		CHECK(!crp->crp_flags && !crp->crp_ilen && crp->crp_desc == d0);
		CHECK(d0->crd_next == d1 && !d1->crd_next);
		CHECK(!d0->crd_len && !d0->crd_iv[0] && !d1->crd_skip);
		CHECK(list_empty(&crp->crp_next));
		crypto_freereq(crp);
	}
	crypto_freereq(NULL);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/* Keying */

struct ocft_kreq {
	struct cryptkop krp;
	u8 p[4][8];
	struct completion done;
	atomic_t ncb;
	struct ocft_group *group;
	int order;
	bool leaked;
};

static int ocft_kcb(struct cryptkop *krp)
{
	struct ocft_kreq *k = krp->krp_opaque;
	struct ocft_group *g = k->group;
	int n = atomic_inc_return(&k->ncb);

	if (n == 1 && g)
		k->order = atomic_inc_return(&g->order) - 1;
	/* the waiter may free @k from here on: do not touch it again */
	complete(&k->done);
	if (n == 1 && g && atomic_dec_and_test(&g->remaining))
		complete(&g->all);
	return 0;
}

static struct ocft_kreq *ocft_kreq_new(u32 op, u32 crid, u32 base, u32 e, u32 m)
{
	struct ocft_kreq *k = kzalloc(sizeof(*k), GFP_KERNEL);
	int i;

	if (!k)
		return NULL;
	init_completion(&k->done);
	k->krp.krp_op = op;
	k->krp.krp_crid = crid;
	k->krp.krp_iparams = 3;
	k->krp.krp_oparams = 1;
	k->krp.krp_callback = ocft_kcb;
	k->krp.krp_opaque = k;
	k->krp.krp_status = 0xffff;
	for (i = 0; i < 4; i++) {
		k->krp.krp_param[i].crp_p = k->p[i];
		k->krp.krp_param[i].crp_nbits = 32;
	}
	ocft_put_le32(base, k->p[0]);
	ocft_put_le32(e, k->p[1]);
	ocft_put_le32(m, k->p[2]);
	return k;
}

static void ocft_kreq_free(struct ocft_kreq *k)
{
	if (k && !k->leaked)
		kfree(k);
}

static bool ocft_kwait(struct ocft_kreq *k)
{
	if (wait_for_completion_timeout(&k->done, OCFT_TIMEOUT))
		return true;
	k->leaked = true;
	ocft_diag("keying request: no callback within %d s", OCFT_TIMEOUT / HZ);
	return false;
}

static u32 ocft_modexp(u64 b, u64 e, u64 m)
{
	u64 r = 1;

	b %= m;
	while (e) {
		if (e & 1)
			r = r * b % m;
		b = b * b % m;
		e >>= 1;
	}
	return r;
}

static bool ocft_kop_used(int op)
{
	struct crypto_driver_info info;
	u32 id;

	for (id = 0; id < 64; id++) {
		memset(&info, 0, sizeof(info));
		if (!crypto_driver_info(id, &info) && !info.dead &&
		    crypto_driver_ksupports(id, op))
			return true;
	}
	return false;
}

static int t_keying_errors(void)
{
	static const int ops[] = { CRK_DSA_VERIFY, CRK_DSA_SIGN, CRK_DH_COMPUTE_KEY,
				   CRK_MOD_EXP_CRT };
	struct ocft_kreq *k;
	bool ok = true;
	unsigned int i;
	int op = -1;

	CHECK_EQ(crypto_kdispatch(NULL), EINVAL);
	k = ocft_kreq_new(CRK_MOD_EXP, ocft_key->id, 2, 3, 1000);
	if (!CHECK(k))
		return OCFT_FAIL;
	k->krp.krp_callback = NULL;
	CHECK_EQ(crypto_kdispatch(&k->krp), EINVAL);
	CHECK_EQ(atomic_read(&k->ncb), 0);
	ocft_kreq_free(k);

	/* A driver id that has no keying operation at all (0 means any) */
	k = ocft_kreq_new(CRK_MOD_EXP, ocft_sync->id ? ocft_sync->id : ocft_hw->id,
			  2, 3, 1000);
	if (CHECK(k)) {
		CHECK_EQ(crypto_kdispatch(&k->krp), 0);
		if (ocft_kwait(k)) {
			CHECK_EQ(k->krp.krp_status, ENODEV);
			CHECK_EQ(atomic_read(&k->ncb), 1);
		}
		ocft_kreq_free(k);
	}

	for (i = 0; i < ARRAY_SIZE(ops); i++) {
		if (!ocft_kop_used(ops[i])) {
			op = ops[i];
			break;
		}
	}
	if (op < 0) {
		ocft_diag("every keying operation has a driver: ENODEV by class not checked");
		return ok ? OCFT_PASS : OCFT_FAIL;
	}
	k = ocft_kreq_new(op, 0, 2, 3, 1000);
	if (CHECK(k)) {
		CHECK_EQ(crypto_kdispatch(&k->krp), 0);
		if (ocft_kwait(k)) {
			CHECK_EQ(k->krp.krp_status, ENODEV);
			CHECK_EQ(atomic_read(&k->ncb), 1);
		}
		ocft_kreq_free(k);
	}
	return ok ? OCFT_PASS : OCFT_FAIL;
}

static int t_keying_modexp(void)
{
	static const u32 v[][3] = {
		{ 0x1234567, 65537, 0xfffffffb },
		{ 3, 0, 7 },
		{ 0xdeadbeef, 0xffffffff, 0x7fffffff },
	};
	struct ocft_kreq *k;
	bool ok = true;
	unsigned int i;
	int nk0 = atomic_read(&ocft_key->nkprocess);

	for (i = 0; i < ARRAY_SIZE(v); i++) {
		k = ocft_kreq_new(CRK_MOD_EXP, ocft_key->id, v[i][0], v[i][1], v[i][2]);
		if (!CHECK(k))
			break;
		CHECK_EQ(crypto_kdispatch(&k->krp), 0);
		if (ocft_kwait(k)) {
			CHECK_EQ(k->krp.krp_status, 0);
			CHECK_EQ(k->krp.krp_hid, ocft_key->id);
			CHECK_EQ(ocft_get_le32(k->p[3]),
				 ocft_modexp(v[i][0], v[i][1], v[i][2]));
			msleep(20);
			CHECK_EQ(atomic_read(&k->ncb), 1);
		}
		ocft_kreq_free(k);
	}
	CHECK_EQ(atomic_read(&ocft_key->nkprocess) - nk0, ARRAY_SIZE(v));
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/*
 * What crypto_kdispatch() itself refuses, through the callback: an
 * operation that is no CRK_*, and more than CRK_MAXPARAM parameters. The
 * driver is never called for them; the same request made right is served.
 */
static int t_keying_checks(void)
{
	struct ocft_kreq *k;
	bool ok = true;
	int nk0, pass;

	BUILD_BUG_ON(CRK_MAXPARAM != 8);
	BUILD_BUG_ON(sizeof_field(struct cryptkop, krp_param) !=
		     CRK_MAXPARAM * sizeof(struct crparam));
	BUILD_BUG_ON(EALG_MAX_BLOCK_LEN != 16);
	BUILD_BUG_ON(sizeof_field(struct cryptoini, cri_iv) != EALG_MAX_BLOCK_LEN);

	for (pass = 0; pass < 3; pass++) {
		k = ocft_kreq_new(pass == 0 ? CRK_ALGORITHM_ALL : CRK_MOD_EXP, ocft_key->id,
				  2, 10, 1000);
		if (!CHECK(k))
			break;
		if (pass == 1) {	/* 5 + 4 > CRK_MAXPARAM */
			k->krp.krp_iparams = 5;
			k->krp.krp_oparams = 4;
		}
		nk0 = atomic_read(&ocft_key->nkprocess);
		CHECK_EQ(crypto_kdispatch(&k->krp), 0);
		if (ocft_kwait(k)) {
			CHECK_EQ(k->krp.krp_status, pass == 2 ? 0 : EINVAL);
			CHECK_EQ(atomic_read(&ocft_key->nkprocess) - nk0, pass == 2 ? 1 : 0);
			if (pass == 2)
				CHECK_EQ(ocft_get_le32(k->p[3]), 24);	/* 2^10 mod 1000 */
			msleep(20);
			CHECK_EQ(atomic_read(&k->ncb), 1);
		}
		ocft_kreq_free(k);
	}
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/* Keying flow control: ERESTART, then crypto_unblock(CRYPTO_ASYMQ). */
static int t_flow_asymq(void)
{
	enum { N = 8 };
	struct crypto_driver_info i0, i1;
	struct ocft_kreq *k[N] = { };
	struct ocft_drv *d = ocft_key;
	struct ocft_group *g;
	bool ok = true;
	int n, nr0;

	g = ocft_group_new(N);
	if (!CHECK(g))
		return OCFT_FAIL;
	memset(&i0, 0, sizeof(i0));
	CHECK_EQ(crypto_driver_info(d->id, &i0), 0);
	ocft_drv_log_reset(d);
	nr0 = atomic_read(&d->nrestart);
	WRITE_ONCE(d->blocked, true);
	for (n = 0; n < N; n++) {
		k[n] = ocft_kreq_new(CRK_MOD_EXP, d->id, n + 2, n + 5, 1000003);
		if (!CHECK(k[n]))
			goto out;
		k[n]->group = g;
		CHECK_EQ(crypto_kdispatch(&k[n]->krp), 0);
	}
	msleep(50);
	CHECK_EQ(atomic_read(&g->remaining), N);
	CHECK_EQ(atomic_read(&d->nrestart) - nr0, 1);
	memset(&i1, 0, sizeof(i1));
	crypto_driver_info(d->id, &i1);
	CHECK_EQ(i1.queued, N);
	CHECK_EQ(i1.blocks - i0.blocks, 1);

	WRITE_ONCE(d->blocked, false);
	CHECK_EQ(crypto_unblock(d->id, CRYPTO_ASYMQ), 0);
	if (!ocft_group_wait(g, OCFT_TIMEOUT)) {
		ok = false;
		for (n = 0; n < N; n++)
			k[n]->leaked = true;
		goto out;
	}
	/* order: the driver's log (callbacks may come from several threads) */
	for (n = 0; n < N; n++) {
		CHECK_EQ(k[n]->krp.krp_status, 0);
		CHECK_EQ(ocft_get_le32(k[n]->p[3]), ocft_modexp(n + 2, n + 5, 1000003));
		if (n < OCFT_LOG && n < (int)d->nlog)
			CHECK(d->log_req[n] == &k[n]->krp);
	}
	CHECK_EQ(d->nlog, N);
	memset(&i1, 0, sizeof(i1));
	crypto_driver_info(d->id, &i1);
	CHECK_EQ(i1.queued, 0);
	CHECK_EQ(i1.blocks - i0.blocks, 1);
	CHECK_EQ(i1.unblocks - i0.unblocks, 1);
out:
	WRITE_ONCE(d->blocked, false);
	for (n = 0; n < N; n++)
		ocft_kreq_free(k[n]);
	ocft_group_free(g);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/*
 * A cipher no driver serves in one class (software, else hardware), and two
 * synchronous drivers of that class named ocft_slow and ocft_fast (unit
 * @unit), the slow one 300 us per request; neither registered yet.
 * Return: the cipher, or -1 (none free; the drivers are then not made).
 */
static int ocft_slow_fast(int unit, int *class, struct ocft_drv **slow,
			  struct ocft_drv **fast)
{
	int alg, flags;

	*class = CRYPTOCAP_F_SOFTWARE;
	alg = ocft_pick_alg(OCFT_CIPHER, *class, NULL, 0);
	if (alg < 0) {
		*class = CRYPTOCAP_F_HARDWARE;
		alg = ocft_pick_alg(OCFT_CIPHER, *class, NULL, 0);
		ocft_diag("every cipher has a software driver: two hardware drivers instead");
	}
	if (alg < 0)
		return -1;
	flags = *class | (*class == CRYPTOCAP_F_SOFTWARE ? CRYPTOCAP_F_SYNC : 0);
	*slow = ocft_drv_new("ocft_slow", unit, flags, 0, OCFT_MODE_SYNC);
	*fast = ocft_drv_new("ocft_fast", unit, flags, 0, OCFT_MODE_SYNC);
	if (*slow)
		(*slow)->delay_us = 300;
	return alg;
}

/* Two drivers, the slow one registered first. */
static int t_cost(void)
{
	struct ocft_drv *slow = NULL, *fast = NULL;
	u8 keys[1][32];
	crypto_session_t s;
	bool ok = true;
	int alg, rc, class;
	u64 cs, cf;

	alg = ocft_slow_fast(0, &class, &slow, &fast);
	if (alg < 0)
		return ocft_skip("no cipher free of other drivers");
	ocft_key_fill(keys[0], 32, 5);
	if (!CHECK(slow && slow->alive && fast && fast->alive))
		goto out;
	if (ocft_drv_register(slow, alg) || ocft_drv_register(fast, alg)) {
		ok = false;
		goto out;
	}
	rc = ocft_session(&s, class, &alg, keys, NULL, 1);
	if (CHECK_EQ(rc, 0)) {
		CHECK_EQ(crypto_session_driver(s, alg, 0), fast->id);
		CHECK_EQ(crypto_freesession(s), 0);
	}
	cs = crypto_driver_cost(slow->id, alg);
	cf = crypto_driver_cost(fast->id, alg);
	ocft_diag("cost of algorithm %d: slow %llu ns, fast %llu ns", alg, cs, cf);
	CHECK(cs != CRYPTO_COST_UNKNOWN);
	CHECK(cf != CRYPTO_COST_UNKNOWN);
	CHECK(cs > cf);
	/* calibration ran requests, and the statistics count none of them */
	if (CHECK(atomic_read(&slow->nprocess) > 0)) {
		struct crypto_driver_info info;

		CHECK(!crypto_driver_info(slow->id, &info) && info.ops == 0 && !info.errors);
		CHECK(!crypto_driver_info(fast->id, &info) && info.ops == 0 && !info.errors);
	}
	CHECK_EQ(atomic_read(&slow->helper_err) + atomic_read(&fast->helper_err), 0);
	CHECK_EQ(atomic_read(&slow->nnew), atomic_read(&slow->nfree));
	CHECK_EQ(atomic_read(&fast->nnew), atomic_read(&fast->nfree));
out:
	ocft_drv_kill(slow);
	ocft_drv_kill(fast);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/* The driver a new session of @alg (class @class) lands on, or -errno. */
static int ocft_choice_of(int class, int alg, u8 keys[][32])
{
	crypto_session_t s;
	int rc, id;

	rc = ocft_session(&s, class, &alg, keys, NULL, 1);
	if (rc)
		return -rc;
	id = crypto_session_driver(s, alg, 0);
	crypto_freesession(s);
	return id;
}

/*
 * The choice kept for the next session of the same shape holds while no
 * driver changes: a new, faster driver wins the next session, and the
 * choice goes back when it leaves.
 */
static int t_choice_kept(void)
{
	struct ocft_drv *slow = NULL, *fast = NULL;
	u8 keys[1][32];
	bool ok = true;
	int alg, n, class;

	alg = ocft_slow_fast(1, &class, &slow, &fast);
	if (alg < 0)
		return ocft_skip("no cipher free of other drivers");
	ocft_key_fill(keys[0], 32, 6);
	if (!CHECK(slow && slow->alive && fast && fast->alive))
		goto out;
	if (!CHECK_EQ(ocft_drv_register(slow, alg), 0))
		goto out;
	/* the only driver, then the same again from the kept choice */
	CHECK_EQ(ocft_choice_of(class, alg, keys), slow->id);
	n = atomic_read(&slow->nnew);
	CHECK_EQ(ocft_choice_of(class, alg, keys), slow->id);
	CHECK_EQ(atomic_read(&slow->nnew), n + 1);
	/* a faster driver comes: measured, and chosen from the next session on */
	if (!CHECK_EQ(ocft_drv_register(fast, alg), 0))
		goto out;
	CHECK_EQ(ocft_choice_of(class, alg, keys), fast->id);
	CHECK_EQ(ocft_choice_of(class, alg, keys), fast->id);
	CHECK(crypto_driver_cost(fast->id, alg) < crypto_driver_cost(slow->id, alg));
	/* it goes: back to the slow one */
	ocft_drv_kill(fast);
	CHECK_EQ(ocft_choice_of(class, alg, keys), slow->id);
	CHECK_EQ(ocft_choice_of(class, alg, keys), slow->id);
	CHECK_EQ(atomic_read(&fast->nnew), atomic_read(&fast->nfree));
	CHECK_EQ(atomic_read(&slow->nnew), atomic_read(&slow->nfree));
out:
	ocft_drv_kill(slow);
	ocft_drv_kill(fast);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

const struct ocft_case ocft_cases_api[] = {
	{ "crypto_get_driverid", t_get_driverid },
	{ "crypto_register_kregister_unregister", t_register },
	{ "crypto_find_driver", t_find_driver },
	{ "newsession_crid_driver_memory_freesession", t_newsession_crid },
	{ "newsession_class_prefers_hardware", t_newsession_class },
	{ "newsession_errors", t_newsession_errors },
	{ "cryptoini_not_kept_or_changed", t_cryptoini_untouched },
	{ "getreq_freereq", t_getreq },
	{ "return_values_errors", t_return_values },
	{ "kdispatch_errors_enodev", t_keying_errors },
	{ "kdispatch_mod_exp", t_keying_modexp },
	{ "kdispatch_bad_op_and_maxparam", t_keying_checks },
	{ "flow_control_asymq", t_flow_asymq },
	{ "cost_choice", t_cost },
	{ "choice_kept_until_drivers_change", t_choice_kept },
};

const unsigned int ocft_ncases_api = ARRAY_SIZE(ocft_cases_api);
