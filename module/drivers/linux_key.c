// SPDX-License-Identifier: GPL-2.0-only
/*
 * Keying operations on the Linux crypto API:
 *
 * - CRK_MOD_EXP (base, exponent, modulus -> base^exponent mod modulus) on
 *   an akcipher "rsa" (raw RSA): the modulus and exponent become the DER
 *   RSAPublicKey that crypto_akcipher_set_pub_key() takes, the base the
 *   message of crypto_akcipher_encrypt();
 * - CRK_DH_COMPUTE_KEY (private key, peer's public key, p -> shared secret
 *   peer^private mod p) on a kpp "dh": p, g = 2 (the operation has no g and
 *   computing the shared secret does not use it; dh-generic only wants one)
 *   and the private key go through crypto_dh_encode_key() to
 *   crypto_kpp_set_secret(), the peer's key to
 *   crypto_kpp_compute_shared_secret().
 *
 * Setting a key allocates with GFP_KERNEL and, on hardware, may wait for
 * the device, and kprocess must not sleep. So kprocess only queues a work
 * item, which allocates a transform of the driver's implementation, keys
 * it, runs the operation (waiting for its completion: it is in process
 * context), frees the transform and then calls crypto_kdone(). On a
 * software driver dispatched with CRYPTO_KF_MAYSLEEP (CRYPTO_HINT_CALLER:
 * kprocess runs in a thread that may sleep and waits anyway), kprocess
 * does the same itself, so that the arithmetic is the caller's CPU time.
 * The kernel's MPI arithmetic cannot be interrupted: a software driver
 * takes parameters of at most OCF_LX_SOFT_MAX_BITS bits (a 4096-bit
 * exponentiation: tens of milliseconds), so that neither a caller is kept
 * from dying for longer than that nor a killed caller's request, left to
 * the work item, runs on for seconds; larger ones are EOPNOTSUPP, for
 * opencrypto_pk, which stops for a dying caller. A hardware driver's wait
 * for its device stays in the work item, which the caller can leave, and
 * the work item does not start a request cancelled while it waited
 * (ECANCELED). A request is in flight for the framework until
 * crypto_kdone(), so
 * crypto_unregister_all() (driver withdrawal, hot-unplug) waits for every
 * work item that still uses a transform of the driver.
 *
 * Statuses: EINVAL for a malformed request (parameter counts, a zero
 * modulus, base >= modulus, output shorter than the modulus, ...);
 * EOPNOTSUPP for a well-formed request the implementation refuses (a
 * modulus size it does not take, a DH group too small, or any refusal of
 * the Linux implementation after our own checks): the framework then
 * tries the next driver that serves the operation.
 */
#include <crypto/akcipher.h>
#include <crypto/dh.h>
#include <crypto/kpp.h>
#include <linux/scatterlist.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "linux.h"

/* The longest input a software driver takes (its MPI cannot stop). */
#define OCF_LX_SOFT_MAX_BITS	4096

/* A keying request on its way to the work item. */
struct ocf_lx_kreq {
	struct work_struct work;
	struct cryptkop *krp;
	const char *impl;		/* Linux driver name, the ocf_lx_dev's */
};

/* A parameter: its little-endian bytes without the zero bytes on top. */
struct ocf_lx_num {
	const u8 *le;
	unsigned int len;
};

static struct ocf_lx_num ocf_lx_num(const struct crparam *p)
{
	struct ocf_lx_num n = { p->crp_p, DIV_ROUND_UP(p->crp_nbits, 8) };

	if (!n.le)
		n.len = 0;
	while (n.len && !n.le[n.len - 1])
		n.len--;
	return n;
}

static int ocf_lx_num_cmp(struct ocf_lx_num a, struct ocf_lx_num b)
{
	unsigned int i;

	if (a.len != b.len)
		return a.len < b.len ? -1 : 1;
	for (i = a.len; i--; )
		if (a.le[i] != b.le[i])
			return a.le[i] < b.le[i] ? -1 : 1;
	return 0;
}

static bool ocf_lx_num_is(struct ocf_lx_num a, u8 v)
{
	return v ? a.len == 1 && a.le[0] == v : !a.len;
}

/* Is @a == @n - 1? */
static bool ocf_lx_num_is_pred(struct ocf_lx_num a, struct ocf_lx_num n)
{
	unsigned int i, carry = 1, sum;

	if (a.len > n.len)
		return false;
	for (i = 0; i < n.len; i++) {
		sum = (i < a.len ? a.le[i] : 0) + carry;
		if ((sum & 0xff) != n.le[i])
			return false;
		carry = sum >> 8;
	}
	return !carry;
}

/* Is @out too short for a number below @n? */
static bool ocf_lx_num_short(const struct crparam *out, struct ocf_lx_num n)
{
	return !out->crp_p || out->crp_nbits < (n.len - 1) * 8 + fls(n.le[n.len - 1]);
}

/* Big-endian copy of @n into @dst, @n.len bytes. */
static void ocf_lx_num_be(u8 *dst, struct ocf_lx_num n)
{
	unsigned int i;

	for (i = 0; i < n.len; i++)
		dst[i] = n.le[n.len - 1 - i];
}

/*
 * Store the @len big-endian bytes at @be as the little-endian output
 * parameter @out, zero-filled above.
 */
static void ocf_lx_num_out(struct crparam *out, const u8 *be, unsigned int len)
{
	unsigned int olen = DIV_ROUND_UP(out->crp_nbits, 8), i;

	memset(out->crp_p, 0, olen);
	for (i = 0; i < len && i < olen; i++)
		out->crp_p[i] = be[len - 1 - i];
}

/* The kernel's answer to a request we found well-formed. */
static int ocf_lx_kerr(int err)
{
	if (err == -ENOMEM || err == -EIO || err == -ENODEV || err == -EBUSY)
		return -err;
	return EOPNOTSUPP;	/* refused: let the next driver try */
}

/*
 * A DER INTEGER of @n at @p (NULL: only measure); returns its length.
 * Non-negative, so a leading zero byte when the top bit is set.
 */
static unsigned int ocf_lx_der_int(u8 *p, struct ocf_lx_num n)
{
	unsigned int vlen = n.len ? n.len : 1;
	unsigned int hdr;

	if (n.len && (n.le[n.len - 1] & 0x80))
		vlen++;
	hdr = vlen < 0x80 ? 2 : vlen < 0x100 ? 3 : 4;
	if (p) {
		*p++ = 0x02;
		if (vlen >= 0x100) {
			*p++ = 0x82;
			*p++ = vlen >> 8;
		} else if (vlen >= 0x80) {
			*p++ = 0x81;
		}
		*p++ = vlen & 0xff;
		memset(p, 0, vlen - n.len);
		ocf_lx_num_be(p + vlen - n.len, n);
	}
	return hdr + vlen;
}

/* The DER RSAPublicKey { n, e } in a new buffer; its length in @len. */
static u8 *ocf_lx_rsa_pubkey(struct ocf_lx_num n, struct ocf_lx_num e, unsigned int *len)
{
	unsigned int body = ocf_lx_der_int(NULL, n) + ocf_lx_der_int(NULL, e);
	unsigned int hdr = body < 0x80 ? 2 : body < 0x100 ? 3 : 4;
	u8 *der = kmalloc(hdr + body, GFP_KERNEL), *p = der;

	if (!der)
		return NULL;
	*p++ = 0x30;
	if (body >= 0x100) {
		*p++ = 0x82;
		*p++ = body >> 8;
	} else if (body >= 0x80) {
		*p++ = 0x81;
	}
	*p++ = body & 0xff;
	p += ocf_lx_der_int(p, n);
	ocf_lx_der_int(p, e);
	*len = hdr + body;
	return der;
}

/**
 * ocf_lx_rsa_pubkey_der() - the key of a modular exponentiation on "rsa"
 * @n: the modulus, as a keying parameter (little-endian)
 * @e: the exponent, likewise
 * @len: set to the length of the encoding
 *
 * The DER RSAPublicKey { @n, @e } that crypto_akcipher_set_pub_key() of
 * the Linux akcipher "rsa" takes: raw RSA encryption with it computes
 * m^e mod n, which is how CRK_MOD_EXP runs on the Linux drivers. For
 * consumers that drive the transform themselves (opencrypto_bench).
 *
 * Context: process (allocates with GFP_KERNEL).
 * Return: the encoding in a new buffer, to kfree_sensitive() (@e may be a
 * private exponent); NULL when out of memory.
 */
u8 *ocf_lx_rsa_pubkey_der(const struct crparam *n, const struct crparam *e,
			  unsigned int *len)
{
	return ocf_lx_rsa_pubkey(ocf_lx_num(n), ocf_lx_num(e), len);
}
EXPORT_SYMBOL_OCF(ocf_lx_rsa_pubkey_der);

/*
 * Modulus sizes rsa-generic takes (rsa_check_key_length(), on the size in
 * bytes of the modulus without leading zeros): 512, 1024, 1536 (not in
 * FIPS mode), 2048, 3072 and 4096 bits.
 */
static bool ocf_lx_rsa_size_ok(unsigned int bytes)
{
	switch (bytes) {
	case 64:
	case 128:
	case 192:
	case 256:
	case 384:
	case 512:
		return true;
	}
	return false;
}

/*
 * Powers raw RSA may refuse but that are plain: rsa-generic takes only
 * 1 < m < n - 1 on newer kernels (SP 800-56B), 0 <= m < n on older ones.
 * Answer bases 0, 1 and n - 1, and exponent 0, here, so that every kernel
 * gives the same results. True when @out was written.
 */
static bool ocf_lx_modexp_trivial(struct ocf_lx_num b, struct ocf_lx_num e,
				  struct ocf_lx_num n, struct crparam *out)
{
	unsigned int olen = DIV_ROUND_UP(out->crp_nbits, 8);
	bool nm1 = ocf_lx_num_is_pred(b, n);

	if (!ocf_lx_num_is(b, 0) && !ocf_lx_num_is(b, 1) && !nm1 && !ocf_lx_num_is(e, 0))
		return false;
	memset(out->crp_p, 0, olen);
	if (ocf_lx_num_is(e, 0) || ocf_lx_num_is(b, 1) || (nm1 && !(e.le[0] & 1)))
		out->crp_p[0] = 1;		/* x^0, 1^e, (n - 1)^even */
	else if (nm1)
		memcpy(out->crp_p, b.le, b.len);	/* (n - 1)^odd */
	return true;				/* 0^e, e > 0: 0 */
}

static int ocf_lx_modexp(const char *impl, struct cryptkop *krp)
{
	struct ocf_lx_num b = ocf_lx_num(&krp->krp_param[0]);
	struct ocf_lx_num e = ocf_lx_num(&krp->krp_param[1]);
	struct ocf_lx_num n = ocf_lx_num(&krp->krp_param[2]);
	struct crparam *out = &krp->krp_param[3];
	struct scatterlist src, dst;
	struct akcipher_request *req;
	struct crypto_akcipher *tfm;
	DECLARE_CRYPTO_WAIT(wait);
	unsigned int derlen, rlen;
	u8 *der, *in, *res;
	int err;

	if (!n.len || ocf_lx_num_cmp(b, n) >= 0 || ocf_lx_num_short(out, n))
		return EINVAL;
	if (!ocf_lx_rsa_size_ok(n.len) || e.len > n.len)
		return EOPNOTSUPP;
	if (ocf_lx_modexp_trivial(b, e, n, out))
		return 0;

	tfm = crypto_alloc_akcipher(impl, 0, 0);
	if (IS_ERR(tfm))
		return ocf_lx_kerr(PTR_ERR(tfm));
	err = -ENOMEM;
	der = ocf_lx_rsa_pubkey(n, e, &derlen);
	in = kzalloc(2 * n.len, GFP_KERNEL);
	req = akcipher_request_alloc(tfm, GFP_KERNEL);
	if (!der || !in || !req)
		goto out;
	err = crypto_akcipher_set_pub_key(tfm, der, derlen);
	if (err)
		goto out;
	res = in + n.len;
	ocf_lx_num_be(in + n.len - b.len, b);
	sg_init_one(&src, in, n.len);
	sg_init_one(&dst, res, n.len);
	akcipher_request_set_crypt(req, &src, &dst, n.len, n.len);
	akcipher_request_set_callback(req, CRYPTO_TFM_REQ_MAY_BACKLOG | CRYPTO_TFM_REQ_MAY_SLEEP,
				      crypto_req_done, &wait);
	err = crypto_wait_req(crypto_akcipher_encrypt(req), &wait);
	rlen = req->dst_len;
	if (!err && rlen > n.len)
		err = -EOVERFLOW;
	if (!err)
		ocf_lx_num_out(out, res, rlen);
out:
	akcipher_request_free(req);
	kfree_sensitive(der);	/* holds the exponent: often a private one */
	kfree_sensitive(in);
	crypto_free_akcipher(tfm);
	return err ? ocf_lx_kerr(err) : 0;
}

/*
 * dh-generic takes groups of 1536 bits and more (dh_check_params_length(),
 * on the byte size of p); FIPS mode has no plain "dh" at all.
 */
#define OCF_LX_DH_MIN_BYTES	(1536 / 8)

static int ocf_lx_dh(const char *impl, struct cryptkop *krp)
{
	struct ocf_lx_num x = ocf_lx_num(&krp->krp_param[0]);
	struct ocf_lx_num y = ocf_lx_num(&krp->krp_param[1]);
	struct ocf_lx_num p = ocf_lx_num(&krp->krp_param[2]);
	struct crparam *out = &krp->krp_param[3];
	static const u8 g = 2;
	struct scatterlist src, dst;
	struct kpp_request *req;
	struct crypto_kpp *tfm;
	DECLARE_CRYPTO_WAIT(wait);
	struct dh params = { };
	unsigned int klen, rlen;
	u8 *buf, *key;
	int err;

	/*
	 * 0 < private < p, 1 < peer < p - 1 (the peer checks of SP 800-56A
	 * that dh-generic does too, on every kernel alike), room for a
	 * number of p's size.
	 */
	if (!p.len || !x.len || ocf_lx_num_cmp(x, p) >= 0 || !y.len ||
	    ocf_lx_num_is(y, 1) || ocf_lx_num_cmp(y, p) >= 0 ||
	    ocf_lx_num_is_pred(y, p) || ocf_lx_num_short(out, p))
		return EINVAL;
	if (p.len < OCF_LX_DH_MIN_BYTES)
		return EOPNOTSUPP;

	tfm = crypto_alloc_kpp(impl, 0, 0);
	if (IS_ERR(tfm))
		return ocf_lx_kerr(PTR_ERR(tfm));
	err = -ENOMEM;
	/* p, then private key, peer and result, big-endian */
	buf = kzalloc(4 * p.len, GFP_KERNEL);
	req = kpp_request_alloc(tfm, GFP_KERNEL);
	key = NULL;
	if (!buf || !req)
		goto out;
	ocf_lx_num_be(buf, p);
	ocf_lx_num_be(buf + p.len, x);
	ocf_lx_num_be(buf + 2 * p.len, y);
	params.p = buf;
	params.p_size = p.len;
	params.key = buf + p.len;
	params.key_size = x.len;
	params.g = &g;
	params.g_size = 1;
	klen = crypto_dh_key_len(&params);
	key = kmalloc(klen, GFP_KERNEL);
	if (!key)
		goto out;
	err = crypto_dh_encode_key(key, klen, &params);
	if (!err)
		err = crypto_kpp_set_secret(tfm, key, klen);
	if (err)
		goto out;
	sg_init_one(&src, buf + 2 * p.len, y.len);
	sg_init_one(&dst, buf + 3 * p.len, p.len);
	kpp_request_set_input(req, &src, y.len);
	kpp_request_set_output(req, &dst, p.len);
	kpp_request_set_callback(req, CRYPTO_TFM_REQ_MAY_BACKLOG | CRYPTO_TFM_REQ_MAY_SLEEP,
				 crypto_req_done, &wait);
	err = crypto_wait_req(crypto_kpp_compute_shared_secret(req), &wait);
	rlen = req->dst_len;
	if (!err && rlen > p.len)
		err = -EOVERFLOW;
	if (!err)
		ocf_lx_num_out(out, buf + 3 * p.len, rlen);
out:
	kpp_request_free(req);
	kfree_sensitive(key);
	kfree_sensitive(buf);
	crypto_free_kpp(tfm);
	return err ? ocf_lx_kerr(err) : 0;
}

/* The longest of @krp's inputs, in bytes without the zeros on top. */
static unsigned int ocf_lx_kbytes(const struct cryptkop *krp)
{
	unsigned int i, len = 0;

	for (i = 0; i < krp->krp_iparams; i++)
		len = max(len, ocf_lx_num(&krp->krp_param[i]).len);
	return len;
}

/* Run @krp on @impl and complete it. */
static void ocf_lx_krun(struct cryptkop *krp, const char *impl)
{
	if (krp->krp_op == CRK_MOD_EXP)
		krp->krp_status = ocf_lx_modexp(impl, krp);
	else
		krp->krp_status = ocf_lx_dh(impl, krp);
	/* the driver (and @impl) may go from here on */
	crypto_kdone(krp);
}

static void ocf_lx_kwork(struct work_struct *work)
{
	struct ocf_lx_kreq *kr = container_of(work, struct ocf_lx_kreq, work);
	struct cryptkop *krp = kr->krp;
	const char *impl = kr->impl;

	kfree(kr);
	if (crypto_kcancelled(krp)) {	/* its caller is gone: not begun */
		krp->krp_status = ECANCELED;
		crypto_kdone(krp);
		return;
	}
	ocf_lx_krun(krp, impl);
}

/**
 * ocf_lx_kprocess() - the Linux drivers' kprocess method
 * @dev: the driver
 * @krp: a CRK_MOD_EXP or CRK_DH_COMPUTE_KEY request
 * @hint: CRYPTO_HINT_*: CRYPTO_HINT_CALLER runs a software driver's
 *	request here
 *
 * Checks the parameter counts and queues the request for the work item
 * that runs it, or runs it (see the top of this file).
 *
 * Context: any; does not sleep, unless @hint has CRYPTO_HINT_CALLER.
 * Return: 0 (the request is taken; crypto_kdone() follows).
 */
int ocf_lx_kprocess(struct crypto_device *dev, struct cryptkop *krp, int hint)
{
	struct ocf_lx_dev *d = dev->priv;
	struct ocf_lx_kreq *kr;
	const char *impl = NULL;

	if (krp->krp_op == CRK_MOD_EXP || krp->krp_op == CRK_DH_COMPUTE_KEY)
		impl = d->impl[OCF_LX_KSLOT(krp->krp_op)];
	if (!impl) {
		krp->krp_status = EOPNOTSUPP;
		goto done;
	}
	if (krp->krp_iparams != 3 || krp->krp_oparams != 1) {
		krp->krp_status = EINVAL;
		goto done;
	}
	if (!d->hw && ocf_lx_kbytes(krp) > OCF_LX_SOFT_MAX_BITS / 8) {
		krp->krp_status = EOPNOTSUPP;	/* for a driver that can stop */
		goto done;
	}
	if (!d->hw && (hint & CRYPTO_HINT_CALLER)) {
		if (fatal_signal_pending(current)) {
			krp->krp_status = ECANCELED;	/* a dying caller: not begun */
			goto done;
		}
		ocf_lx_krun(krp, impl);
		return 0;
	}
	kr = kmalloc(sizeof(*kr), GFP_ATOMIC | __GFP_NOWARN);
	if (!kr) {
		krp->krp_status = ENOMEM;
		goto done;
	}
	INIT_WORK(&kr->work, ocf_lx_kwork);
	kr->krp = krp;
	kr->impl = impl;
	queue_work(ocf_lx_wq, &kr->work);
	return 0;
done:
	crypto_kdone(krp);
	return 0;
}
