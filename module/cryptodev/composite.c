// SPDX-License-Identifier: GPL-2.0-only
/*
 * The composite modes of CIOCAUTHCRYPT, on cipher + HMAC sessions, with
 * cryptodev-linux's conventions:
 *
 * COP_FLAG_AEAD_TLS_TYPE (a CBC cipher): encryption MACs auth_src || src,
 * appends the MAC and the TLS padding (the minimum: n + 1 bytes of value
 * n up to the next block) and encrypts it all to dst, setting len to the
 * record's length. Decryption decrypts src, checks the padding in constant
 * time, MACs auth_src || plaintext and compares in constant time: a bad
 * padding or MAC is EBADMSG, one error for both; len is set to the
 * plaintext's length. The MAC's length still follows the padding's value,
 * as in TLS stacks without the full Lucky 13 countermeasure.
 *
 * COP_FLAG_AEAD_SRTP_TYPE (a stream cipher such as AES-CTR): in place; src
 * (len bytes) lies inside auth_src (auth_len bytes). Encryption encrypts
 * src, then MACs auth_src into tag (tag_len bytes); decryption checks that
 * MAC first (EBADMSG, nothing decrypted or written) then decrypts.
 */
#include <crypto/algapi.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "cdev.h"

static unsigned int cdev_taglen(struct cdev_session *cs, u32 tag_len)
{
	if (!tag_len)
		return cs->maclen;
	return tag_len <= cs->maclen ? tag_len : 0;
}

/* Constant time: the TLS padding at the end of @p[0..len) is well formed. */
static unsigned int cdev_tls_pad_ok(const u8 *p, unsigned int len,
				    unsigned int maclen, unsigned int *padlen)
{
	unsigned int pad = p[len - 1], i, good, span;

	/* good is all ones when pad + 1 + maclen <= len */
	good = ~0U + (unsigned int)((pad + 1 + maclen) > len);
	span = min_t(unsigned int, len, 256);
	for (i = 1; i <= span; i++) {
		/* bytes within the padding must equal pad */
		unsigned int in_pad = ~0U + (unsigned int)(i > pad + 1);
		unsigned int diff = p[len - i] ^ pad;

		good &= ~(in_pad & (~0U + (unsigned int)(diff == 0)));
	}
	*padlen = (pad + 1) & good;
	return good;
}

/* Run @j's single descriptor as @alg over [skip, skip + len). */
static int cdev_run_one(struct cdev_job *j, int alg, int skip, int len)
{
	struct cryptodesc *d = j->crp->crp_desc;

	d->crd_alg = alg;
	d->crd_skip = skip;
	d->crd_len = len;
	return cdev_job_run(j);
}

static int cdev_tls(struct cdev_session *cs, struct crypt_auth_op *caop,
		    unsigned int taglen)
{
	unsigned int blk = cs->cp.blocksize, ivlen = cs->cp.ivlen, pad, plen;
	unsigned int alen = caop->auth_len;
	bool enc = caop->op == COP_ENCRYPT;
	u8 mac[AALG_MAX_RESULT_LEN];
	struct cdev_job *j, *mj;
	struct cryptodesc *d;
	size_t total;
	int err;

	if (!cdev_is_cbc(cs->cipher) || caop->iv_len != ivlen)
		return -EINVAL;
	if (enc) {
		pad = blk - (caop->len + taglen) % blk;	/* 1..blk bytes */
		total = alen + (size_t)caop->len + taglen + pad;
	} else {
		if (!caop->len || caop->len % blk || caop->len < taglen + 1)
			return -EINVAL;
		total = alen + (size_t)caop->len;
	}
	if (total > cdev_max_request)
		return -E2BIG;
	j = cdev_job_alloc(cs, 1, total);
	if (IS_ERR(j))
		return PTR_ERR(j);
	err = -EFAULT;
	if (alen && copy_from_user(j->buf, caop->auth_src, alen))
		goto out;
	if (copy_from_user(j->buf + alen, caop->src, caop->len))
		goto out;
	j->crp->crp_buf = j->buf;
	j->crp->crp_ilen = total;
	d = j->crp->crp_desc;
	if (copy_from_user(d->crd_iv, caop->iv, ivlen))
		goto out;
	d->crd_flags = CRD_F_IV_EXPLICIT | (enc ? CRD_F_ENCRYPT | CRD_F_IV_PRESENT : 0);

	if (enc) {
		/* MAC, then MAC and padding after the data, then encrypt */
		j->crp->crp_mac = j->mac;
		err = cdev_run_one(j, cs->mac, 0, alen + caop->len);
		if (err == -EINTR)
			return err;
		if (err)
			goto out;
		memcpy(j->buf + alen + caop->len, j->mac, taglen);
		memset(j->buf + alen + caop->len + taglen, pad - 1, pad);
		j->crp->crp_mac = NULL;
		j->maclen_out = 0;
		err = cdev_run_one(j, cs->cipher, alen, total - alen);
		if (err == -EINTR)
			return err;
		if (err)
			goto out;
		j->out.dst = caop->dst;
		j->outoff = alen;
		j->outlen = total - alen;
		caop->len = j->outlen;
		err = cdev_job_copyout(j);
		goto out;
	}

	err = cdev_run_one(j, cs->cipher, alen, caop->len);
	if (err == -EINTR)
		return err;
	if (err)
		goto out;
	/* constant time from here to the verdict */
	err = cdev_tls_pad_ok(j->buf + alen, caop->len, taglen, &pad) ? 0 : -EBADMSG;
	plen = caop->len - taglen - pad;
	if (err)
		plen = caop->len - taglen;	/* MAC something all the same */
	mj = cdev_job_alloc(cs, 1, 0);
	if (IS_ERR(mj)) {
		err = PTR_ERR(mj);
		goto out;
	}
	mj->crp->crp_buf = j->buf;
	mj->crp->crp_ilen = total;
	mj->crp->crp_mac = mj->mac;
	mj->parent = j;		/* killed while it runs: freed with it */
	{
		int merr = cdev_run_one(mj, cs->mac, 0, alen + plen);

		if (merr == -EINTR)
			return merr;
		err = merr ? merr : err;	/* the same whatever the padding */
	}
	mj->parent = NULL;
	memcpy(mac, j->buf + alen + plen, taglen);
	if (crypto_memneq(mac, mj->mac, taglen))
		err = -EBADMSG;
	memzero_explicit(mac, sizeof(mac));
	cdev_job_free(mj);
	if (err)
		goto out;
	j->out.dst = caop->dst;
	j->outoff = alen;
	j->outlen = plen;
	caop->len = plen;
	err = cdev_job_copyout(j);
out:
	cdev_job_free(j);
	return err;
}

static int cdev_srtp(struct cdev_session *cs, struct crypt_auth_op *caop,
		     unsigned int taglen)
{
	unsigned long a = (unsigned long)caop->auth_src, s = (unsigned long)caop->src;
	bool enc = caop->op == COP_ENCRYPT;
	unsigned int ivlen = cs->cp.ivlen, off;
	struct cryptodesc *d1, *d2;
	struct cdev_job *j;
	int err;

	if (caop->src != caop->dst || !caop->tag || !caop->len || caop->iv_len != ivlen)
		return -EINVAL;
	if (s < a || s - a > caop->auth_len || caop->len > caop->auth_len - (s - a))
		return -EINVAL;
	if (cs->cp.blocksize > 1)
		return -EINVAL;		/* a stream cipher: SRTP has no padding */
	off = s - a;
	j = cdev_job_alloc(cs, 2, caop->auth_len);
	if (IS_ERR(j))
		return PTR_ERR(j);
	err = -EFAULT;
	if (copy_from_user(j->buf, caop->auth_src, caop->auth_len))
		goto out;
	j->crp->crp_buf = j->buf;
	j->crp->crp_ilen = caop->auth_len;
	j->crp->crp_mac = j->mac;
	d1 = j->crp->crp_desc;
	d2 = d1->crd_next;
	if (!enc)
		swap(d1, d2);
	/* d1 runs first when encrypting: the cipher; then d2, the MAC */
	d1->crd_alg = cs->cipher;
	d1->crd_skip = off;
	d1->crd_len = caop->len;
	d1->crd_flags = CRD_F_IV_EXPLICIT | (enc ? CRD_F_ENCRYPT | CRD_F_IV_PRESENT : 0);
	if (copy_from_user(d1->crd_iv, caop->iv, ivlen))
		goto out;
	d2->crd_alg = cs->mac;
	d2->crd_len = caop->auth_len;
	err = cdev_job_run(j);
	if (err == -EINTR)
		return err;
	if (err)
		goto out;
	if (!enc) {
		u8 tag[AALG_MAX_RESULT_LEN];

		err = -EFAULT;
		if (copy_from_user(tag, caop->tag, taglen))
			goto out;
		err = crypto_memneq(tag, j->mac, taglen) ? -EBADMSG : 0;
		if (err)
			goto out;
	} else {
		j->out.tag = caop->tag;
		j->maclen_out = taglen;
	}
	j->out.dst = caop->dst;
	j->outoff = off;
	j->outlen = caop->len;
	err = cdev_job_copyout(j);
out:
	cdev_job_free(j);
	return err;
}

/**
 * cdev_composite() - CIOCAUTHCRYPT in TLS or SRTP mode
 * @cs: a cipher + MAC session
 * @caop: the request (len updated for TLS)
 *
 * Return: 0 or a negative errno (EBADMSG: the record is not authentic).
 */
int cdev_composite(struct cdev_session *cs, struct crypt_auth_op *caop)
{
	unsigned int taglen;

	/*
	 * A MAC that takes a nonce (GMAC, CBC-MAC) is no TLS or SRTP MAC:
	 * its run has none here, and failing only when the padding is good
	 * it would tell the padding apart
	 */
	if (!cs->cipher || !cs->mac || cs->cp.cls != CRYPTO_CLASS_CIPHER || cs->mp.ivlen)
		return -EINVAL;
	taglen = cdev_taglen(cs, caop->tag_len);
	if (!taglen || !caop->iv)
		return -EINVAL;
	if (caop->flags & COP_FLAG_AEAD_TLS_TYPE)
		return cdev_tls(cs, caop, taglen);
	return cdev_srtp(cs, caop, taglen);
}
