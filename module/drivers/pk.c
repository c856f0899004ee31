// SPDX-License-Identifier: GPL-2.0-only
/*
 * opencrypto_pk: the framework's software keying driver. All five crypto(9)
 * keying operations on constant-time big numbers (pk_bn.c), with the BSD
 * parameter conventions: little-endian bytes, crp_nbits the length in bits,
 * inputs first then outputs.
 *
 *   CRK_MOD_EXP        3/1  base, exponent, modulus -> base^exp mod modulus
 *   CRK_MOD_EXP_CRT    6/1  p, q, input, dP, dQ, qInv -> input^d mod pq
 *   CRK_DSA_SIGN       5/2  digest, p, q, g, private -> r, s
 *   CRK_DSA_VERIFY     7/0  digest, p, q, g, public, r, s -> status
 *
 * The DSA digest is the exception to little-endian: the hash's bytes as
 * they come out of the hash (so OpenSSL's old cryptodev engine, which
 * passes them unconverted, and FreeBSD's drivers agree).
 *   CRK_DH_COMPUTE_KEY 3/1  private, peer public, p -> shared secret
 *
 * Moduli (the modulus, p, q) are odd and at most PK_MAX_BITS bits; other
 * inputs at most PK_MAX_IN_BITS and reduced as needed (a base at or above
 * the modulus is fine). Time depends on the parameters' declared lengths
 * only, never on the values: the secret exponents of CRT, DSA and DH and
 * the secret primes of CRT do not leak through timing.
 *
 * Status (krp_status): 0; EINVAL for wrong parameter counts, a zero or even
 * modulus, bits set beyond crp_nbits, a DH peer key outside 2..p-2; E2BIG
 * for a parameter over the maximum; ENOSPC for an output parameter shorter
 * than its result; ENOMEM. DSA_VERIFY: 0 when the signature is valid,
 * EBADMSG when it is not.
 *
 * A 8192-bit exponentiation takes milliseconds, not something for atomic
 * context: requests run in a workqueue (kprocess only queues them), or,
 * when the consumer dispatched with CRYPTO_KF_MAYSLEEP (/dev/crypto does),
 * in the caller's thread (CRYPTO_HINT_CALLER): its CPU time is then the
 * caller's, charged to its cgroup, and a fatal signal stops it.
 */
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include <opencrypto/crypto.h>

#include "pk.h"
#include "pk_bn.h"

#define PK_INL	PK_LIMBS(PK_MAX_IN_BITS)

struct pk_req {
	struct work_struct work;
	struct cryptkop *krp;
};

/* The working memory of one request. */
struct pk_ws {
	struct pk_mont c1, c2;
	pk_limb a[PK_INL], b[PK_INL], e[PK_INL], x[PK_INL], y[PK_INL];
	pk_limb r[2 * PK_MAXL], s[PK_MAXL], t[PK_MAXL], k[PK_MAXL + 2];
	bool caller;		/* run in the dispatcher's thread */
};

static struct crypto_device pk_dev;
static s32 pk_id = -1;
static struct workqueue_struct *pk_wq;

/* Parameter @i of @krp into @x (@n limbs); its length in bits in @bits. */
static int pk_in(const struct cryptkop *krp, int i, unsigned int maxbits,
		 pk_limb *x, unsigned int n, unsigned int *bits)
{
	const struct crparam *p = &krp->krp_param[i];
	unsigned int nb = p->crp_nbits, len = DIV_ROUND_UP(nb, 8);

	if (!p->crp_p || !nb)
		return EINVAL;
	if (nb > maxbits || PK_LIMBS(nb) > n)
		return E2BIG;
	if (nb % 8 && (p->crp_p[len - 1] >> (nb % 8)))
		return EINVAL;		/* bits beyond crp_nbits */
	pk_load(x, n, p->crp_p, len);
	if (bits)
		*bits = nb;
	return 0;
}

/*
 * A modulus parameter: odd, not zero, at most PK_MAX_BITS (read through
 * @ws->a). Exponentiations modulo it stop when the request is cancelled
 * (crypto_kcancel()) or, run in the caller's thread, when it is killed.
 */
static int pk_modulus(const struct cryptkop *krp, struct pk_ws *ws, int i, struct pk_mont *c,
		      unsigned int *bits)
{
	int err = pk_in(krp, i, PK_MAX_BITS, ws->a, PK_MAXL, bits);

	if (err)
		return err;
	if (pk_is_zero(ws->a, PK_MAXL))
		return EINVAL;
	err = pk_mont_init(c, ws->a, PK_LIMBS(*bits));
	c->stop = &krp->krp_cancelled;
	c->killable = ws->caller;
	return err;
}

/* Output parameter @i gets @x (@n limbs), which must fit in its crp_nbits. */
static int pk_out(struct cryptkop *krp, int i, const pk_limb *x, unsigned int n,
		  unsigned int bits_needed)
{
	struct crparam *p = &krp->krp_param[i];

	if (!p->crp_p || p->crp_nbits < bits_needed)
		return ENOSPC;
	pk_store(p->crp_p, DIV_ROUND_UP(p->crp_nbits, 8), x, n);
	return 0;
}

static int pk_mod_exp_op(struct cryptkop *krp, struct pk_ws *ws)
{
	unsigned int mbits, bbits, ebits;
	int err;

	err = pk_modulus(krp, ws, 2, &ws->c1, &mbits);
	if (!err)
		err = pk_in(krp, 0, PK_MAX_IN_BITS, ws->a, PK_INL, &bbits);
	if (!err)
		err = pk_in(krp, 1, PK_MAX_IN_BITS, ws->e, PK_INL, &ebits);
	if (err)
		return err;
	pk_reduce(ws->b, ws->a, PK_LIMBS(bbits), &ws->c1);
	err = pk_mod_exp(ws->r, ws->b, ws->e, ebits, &ws->c1);
	return err ? err : pk_out(krp, 3, ws->r, ws->c1.n, mbits);
}

static int pk_crt_op(struct cryptkop *krp, struct pk_ws *ws)
{
	struct pk_mont *cp = &ws->c1, *cq = &ws->c2;
	unsigned int pbits, qbits, bits, i, n;
	pk_limb hi = 0;
	int err;

	err = pk_modulus(krp, ws, 0, cp, &pbits);
	if (!err)
		err = pk_modulus(krp, ws, 1, cq, &qbits);
	if (!err)
		err = pk_in(krp, 2, PK_MAX_IN_BITS, ws->a, PK_INL, &bits);
	if (err)
		return err;
	/* m1 = (c mod p)^dP mod p, m2 = (c mod q)^dQ mod q */
	pk_reduce(ws->b, ws->a, PK_LIMBS(bits), cp);
	pk_reduce(ws->x, ws->a, PK_LIMBS(bits), cq);
	err = pk_in(krp, 3, PK_MAX_IN_BITS, ws->e, PK_INL, &bits);
	if (!err)
		err = pk_mod_exp(ws->s, ws->b, ws->e, bits, cp);
	if (!err)
		err = pk_in(krp, 4, PK_MAX_IN_BITS, ws->e, PK_INL, &bits);
	if (!err)
		err = pk_mod_exp(ws->t, ws->x, ws->e, bits, cq);
	if (!err)
		err = pk_in(krp, 5, PK_MAX_IN_BITS, ws->a, PK_INL, &bits);
	if (err)
		return err;
	/* h = qInv (m1 - m2) mod p; m = m2 + h q */
	pk_reduce(ws->b, ws->t, cq->n, cp);
	pk_mod_sub(ws->s, ws->s, ws->b, cp);
	pk_reduce(ws->b, ws->a, PK_LIMBS(bits), cp);
	pk_mod_mul(ws->s, ws->s, ws->b, cp);
	pk_mul(ws->r, ws->s, cp->n, cq->m, cq->n);
	n = cp->n + cq->n;
	memset(ws->y, 0, n * sizeof(pk_limb));
	memcpy(ws->y, ws->t, cq->n * sizeof(pk_limb));
	pk_add(ws->r, ws->r, ws->y, n);
	/* the result must fit the output: no bit set beyond its crp_nbits */
	bits = krp->krp_param[6].crp_nbits;
	for (i = 0; i < n * PK_LIMB_BITS; i += PK_LIMB_BITS)
		if (i + PK_LIMB_BITS > bits)
			hi |= i >= bits ? ws->r[i / PK_LIMB_BITS] :
			      ws->r[i / PK_LIMB_BITS] >> (bits - i);
	if (hi)
		return ENOSPC;
	return pk_out(krp, 6, ws->r, n, 0);
}

/* ws->e = q - 2: the exponent of inverses modulo the prime q (Fermat). */
static void pk_q_minus_2(struct pk_ws *ws, const struct pk_mont *cq)
{
	memset(ws->e, 0, sizeof(ws->e));
	memset(ws->t, 0, sizeof(ws->t));
	ws->t[0] = 2;
	pk_sub(ws->e, cq->m, ws->t, cq->n);	/* q is odd and above 2 */
}

static int pk_dsa_common(struct cryptkop *krp, struct pk_ws *ws, unsigned int *pbits,
			 unsigned int *qbits)
{
	unsigned int bits;
	int err;

	err = pk_modulus(krp, ws, 1, &ws->c1, pbits);
	if (!err)
		err = pk_modulus(krp, ws, 2, &ws->c2, qbits);
	/* q >= 3 (odd: pk_modulus()): q - 2 is a private key's bound */
	if (!err && (*qbits < 3 ||
		     (ws->c2.m[0] == 1 && pk_is_zero(ws->c2.m + 1, ws->c2.n - 1))))
		err = EINVAL;
	if (!err) {
		/*
		 * ws->y = H mod q. The digest is the hash's bytes in their
		 * order (OpenSSL's cryptodev engine passes them unconverted),
		 * its first bytes as long as q taken as a big-endian number,
		 * as DSA_do_sign() and FIPS 186 do.
		 */
		const struct crparam *d = &krp->krp_param[0];
		unsigned int len = DIV_ROUND_UP(d->crp_nbits, 8);

		if (!d->crp_p || !d->crp_nbits)
			err = EINVAL;
		else if (d->crp_nbits > PK_MAX_IN_BITS)
			err = E2BIG;
		if (!err) {
			len = min(len, DIV_ROUND_UP(*qbits, 8));
			pk_load_be(ws->a, PK_INL, d->crp_p, len);
			pk_reduce(ws->y, ws->a, PK_LIMBS(len * 8), &ws->c2);
		}
	}
	if (!err)	/* ws->x = g mod p */
		err = pk_in(krp, 3, PK_MAX_IN_BITS, ws->a, PK_INL, &bits);
	if (!err)
		pk_reduce(ws->x, ws->a, PK_LIMBS(bits), &ws->c1);
	/* g of 0 or 1 has no order q: a signature would try again for ever */
	if (!err && (pk_is_zero(ws->x, ws->c1.n) ||
		     pk_eq_mask(ws->x, ws->c1.lit1, ws->c1.n)))
		err = EINVAL;
	if (!err)
		pk_q_minus_2(ws, &ws->c2);
	return err;
}

static int pk_dsa_sign_op(struct cryptkop *krp, struct pk_ws *ws)
{
	struct pk_mont *cp = &ws->c1, *cq = &ws->c2;
	unsigned int pbits, qbits, bits, tries;
	pk_limb *priv = ws->b;
	int err;

	err = pk_dsa_common(krp, ws, &pbits, &qbits);
	if (!err)
		err = pk_in(krp, 4, PK_MAX_IN_BITS, ws->a, PK_INL, &bits);
	if (err)
		return err;
	pk_reduce(priv, ws->a, PK_LIMBS(bits), cq);
	for (tries = 0; tries < 16; tries++) {
		/* k: uniform enough in [0, q) from 64 extra random bits */
		get_random_bytes(ws->k, (cq->n + 1) * sizeof(pk_limb));
		pk_reduce(ws->k, ws->k, cq->n + 1, cq);
		if (pk_is_zero(ws->k, cq->n))
			continue;
		/* r = (g^k mod p) mod q */
		err = pk_mod_exp(ws->r, ws->x, ws->k, qbits, cp);
		if (err)
			break;
		pk_reduce(ws->s, ws->r, cp->n, cq);
		if (pk_is_zero(ws->s, cq->n))
			continue;
		/* s = k^-1 (H + x r) mod q */
		err = pk_mod_exp(ws->t, ws->k, ws->e, qbits, cq);
		if (err)
			break;
		pk_mod_mul(ws->r, priv, ws->s, cq);
		pk_mod_add(ws->r, ws->r, ws->y, cq);
		pk_mod_mul(ws->r, ws->r, ws->t, cq);
		if (pk_is_zero(ws->r, cq->n))
			continue;
		err = pk_out(krp, 5, ws->s, cq->n, qbits);
		return err ? err : pk_out(krp, 6, ws->r, cq->n, qbits);
	}
	return err ? err : EAGAIN;
}

static int pk_dsa_verify_op(struct cryptkop *krp, struct pk_ws *ws)
{
	struct pk_mont *cp = &ws->c1, *cq = &ws->c2;
	unsigned int pbits, qbits, bits;
	pk_limb *r = ws->s, *s = ws->t, *w = ws->k;
	int err;

	err = pk_dsa_common(krp, ws, &pbits, &qbits);
	if (err)
		return err;
	/* r and s in [1, q): public values, checked plainly */
	err = pk_in(krp, 5, PK_MAX_IN_BITS, ws->a, PK_INL, &bits);
	if (err)
		return err;
	if (PK_LIMBS(bits) > cq->n)
		return EBADMSG;
	memcpy(r, ws->a, cq->n * sizeof(pk_limb));
	err = pk_in(krp, 6, PK_MAX_IN_BITS, ws->a, PK_INL, &bits);
	if (err)
		return err;
	if (PK_LIMBS(bits) > cq->n)
		return EBADMSG;
	memcpy(s, ws->a, cq->n * sizeof(pk_limb));
	if (pk_is_zero(r, cq->n) || pk_is_zero(s, cq->n) ||
	    !pk_lt_mask(r, cq->m, cq->n) || !pk_lt_mask(s, cq->m, cq->n))
		return EBADMSG;
	/* w = s^-1, u1 = H w, u2 = r w (mod q) */
	err = pk_mod_exp(w, s, ws->e, qbits, cq);
	if (err)
		return err;
	pk_mod_mul(ws->e, ws->y, w, cq);		/* u1 */
	pk_mod_mul(w, r, w, cq);			/* u2 */
	/* v = (g^u1 y^u2 mod p) mod q */
	err = pk_mod_exp(ws->b, ws->x, ws->e, qbits, cp);
	if (!err)
		err = pk_in(krp, 4, PK_MAX_IN_BITS, ws->a, PK_INL, &bits);
	if (err)
		return err;
	pk_reduce(ws->y, ws->a, PK_LIMBS(bits), cp);
	err = pk_mod_exp(ws->x, ws->y, w, qbits, cp);
	if (err)
		return err;
	pk_mod_mul(ws->b, ws->b, ws->x, cp);
	pk_reduce(ws->x, ws->b, cp->n, cq);
	return pk_eq_mask(ws->x, r, cq->n) ? 0 : EBADMSG;
}

static int pk_dh_op(struct cryptkop *krp, struct pk_ws *ws)
{
	unsigned int pbits, bits, ebits;
	pk_limb *pm1 = ws->t;
	int err;

	err = pk_modulus(krp, ws, 2, &ws->c1, &pbits);
	if (!err)
		err = pk_in(krp, 1, PK_MAX_IN_BITS, ws->a, PK_INL, &bits);
	if (err)
		return err;
	/* the peer's key must be in [2, p - 2]: public values */
	if (PK_LIMBS(bits) > ws->c1.n)
		return EINVAL;
	memcpy(ws->b, ws->a, ws->c1.n * sizeof(pk_limb));
	memcpy(pm1, ws->c1.m, ws->c1.n * sizeof(pk_limb));
	pm1[0] &= ~(pk_limb)1;				/* p - 1 (p is odd) */
	if (!pk_lt_mask(ws->b, pm1, ws->c1.n) || pk_is_zero(ws->b, ws->c1.n) ||
	    pk_eq_mask(ws->b, ws->c1.lit1, ws->c1.n))
		return EINVAL;
	err = pk_in(krp, 0, PK_MAX_IN_BITS, ws->e, PK_INL, &ebits);
	if (!err)
		err = pk_mod_exp(ws->r, ws->b, ws->e, ebits, &ws->c1);
	return err ? err : pk_out(krp, 3, ws->r, ws->c1.n, pbits);
}

static const struct {
	u16 in, out;
	int (*fn)(struct cryptkop *krp, struct pk_ws *ws);
} pk_ops[CRK_ALGORITHM_ALL] = {
	[CRK_MOD_EXP] = { 3, 1, pk_mod_exp_op },
	[CRK_MOD_EXP_CRT] = { 6, 1, pk_crt_op },
	[CRK_DSA_SIGN] = { 5, 2, pk_dsa_sign_op },
	[CRK_DSA_VERIFY] = { 7, 0, pk_dsa_verify_op },
	[CRK_DH_COMPUTE_KEY] = { 3, 1, pk_dh_op },
};

/* Run @krp and complete it; @caller: in its dispatcher's thread. */
static void pk_run(struct cryptkop *krp, bool caller)
{
	struct pk_ws *ws;
	int err;

	if (krp->krp_op >= CRK_ALGORITHM_ALL ||
	    krp->krp_iparams != pk_ops[krp->krp_op].in ||
	    krp->krp_oparams != pk_ops[krp->krp_op].out) {
		err = EINVAL;
	} else {
		ws = kvzalloc(sizeof(*ws), GFP_KERNEL);
		if (ws)
			ws->caller = caller;
		err = ws ? pk_ops[krp->krp_op].fn(krp, ws) : ENOMEM;
		if (ws) {
			memzero_explicit(ws, sizeof(*ws));
			kvfree(ws);
		}
	}
	krp->krp_status = err;
	crypto_kdone(krp);
}

static void pk_work(struct work_struct *work)
{
	struct pk_req *req = container_of(work, struct pk_req, work);
	struct cryptkop *krp = req->krp;

	kfree(req);
	pk_run(krp, false);
}

static int pk_kprocess(struct crypto_device *dev, struct cryptkop *krp, int hint)
{
	struct pk_req *req;

	if (hint & CRYPTO_HINT_CALLER) {
		pk_run(krp, true);
		return 0;
	}
	req = kmalloc(sizeof(*req), GFP_ATOMIC);
	if (!req) {
		krp->krp_status = ENOMEM;
		crypto_kdone(krp);
		return 0;
	}
	req->krp = krp;
	INIT_WORK(&req->work, pk_work);
	queue_work(pk_wq, &req->work);
	return 0;
}

static int pk_process(struct crypto_device *dev, struct cryptop *crp, int hint)
{
	crp->crp_etype = EOPNOTSUPP;	/* keying only: never registered */
	crypto_done(crp);
	return 0;
}

static const struct crypto_driver_methods pk_methods = {
	.process = pk_process,
	.kprocess = pk_kprocess,
};

/**
 * ocf_pk_init() - register the software keying driver
 *
 * Context: process.
 * Return: 0 or a negative errno.
 */
int ocf_pk_init(void)
{
	int op;

	pk_wq = alloc_workqueue("opencrypto_pk", WQ_UNBOUND, 0);
	if (!pk_wq)
		return -ENOMEM;
	pk_dev.name = "opencrypto_pk";
	pk_dev.methods = &pk_methods;
	pk_id = crypto_get_driverid(&pk_dev, 0, CRYPTOCAP_F_SOFTWARE);
	if (pk_id < 0) {
		destroy_workqueue(pk_wq);
		return -ENOMEM;
	}
	for (op = 0; op < CRK_ALGORITHM_ALL; op++)
		crypto_kregister(pk_id, op, 0);
	return 0;
}

/**
 * ocf_pk_exit() - unregister it; requests in its workqueue finish first
 */
void ocf_pk_exit(void)
{
	if (pk_id >= 0)
		crypto_unregister_all(pk_id);
	pk_id = -1;
	if (pk_wq)
		destroy_workqueue(pk_wq);
	pk_wq = NULL;
}
