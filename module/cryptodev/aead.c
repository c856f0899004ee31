// SPDX-License-Identifier: GPL-2.0-only
/*
 * CIOCAUTHCRYPT on AEAD sessions (AES-GCM, AES-CCM, ChaCha20-Poly1305):
 * auth_len bytes of associated data at auth_src, len bytes at src, the
 * nonce at iv (iv_len must be the algorithm's). As in cryptodev-linux, the
 * tag follows the data: encryption writes len + tag bytes to dst, and
 * decryption reads them from src (len counts the tag) and writes len - tag
 * bytes. Extension: with a non-NULL @tag the tag is there instead and len
 * counts only the data. len 0 authenticates the associated data alone
 * (GMAC). A wrong tag is EBADMSG; the Linux AEAD compares in constant time.
 * The TLS and SRTP composite modes (COP_FLAG_AEAD_TLS_TYPE/SRTP_TYPE), on
 * cipher + MAC sessions, are in composite.c.
 */
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "cdev.h"

/**
 * cdev_authcrypt() - CIOCAUTHCRYPT
 * @f: the open file
 * @caop: the request
 *
 * Return: 0 or a negative errno.
 */
int cdev_authcrypt(struct cdev_file *f, struct crypt_auth_op *caop)
{
	struct cdev_session *cs;
	struct cryptodesc *crd;
	unsigned int taglen, dlen;
	size_t total;
	struct cdev_job *j;
	bool enc, septag;
	int err;

	if (caop->op != COP_ENCRYPT && caop->op != COP_DECRYPT)
		return -EINVAL;
	if (caop->flags & ~(COP_FLAG_NO_ZC | COP_FLAG_AEAD_TLS_TYPE |
			    COP_FLAG_AEAD_SRTP_TYPE))
		return -EINVAL;
	if ((caop->flags & COP_FLAG_AEAD_TLS_TYPE) &&
	    (caop->flags & COP_FLAG_AEAD_SRTP_TYPE))
		return -EINVAL;
	if (caop->len > cdev_max_request || caop->auth_len > cdev_max_request ||
	    caop->len + (size_t)caop->auth_len > cdev_max_request)
		return -E2BIG;
	cs = cdev_session_get(f, caop->ses);
	if (!cs)
		return -EINVAL;
	if (caop->flags & (COP_FLAG_AEAD_TLS_TYPE | COP_FLAG_AEAD_SRTP_TYPE)) {
		err = cdev_composite(cs, caop);
		goto out_put;
	}
	err = -EINVAL;
	if (!cs->cipher || cs->cp.cls != CRYPTO_CLASS_AEAD)
		goto out_put;
	taglen = cs->cp.maclen;
	if (caop->tag_len && caop->tag_len != taglen)
		goto out_put;
	if (caop->iv_len != cs->cp.ivlen || !caop->iv)
		goto out_put;
	enc = caop->op == COP_ENCRYPT;
	septag = caop->tag;
	if (!enc && !septag && caop->len < taglen)
		goto out_put;
	dlen = enc || septag ? caop->len : caop->len - taglen;
	if ((dlen || (enc && !septag)) && !caop->dst)
		goto out_put;
	total = caop->auth_len + (size_t)dlen + taglen;

	j = cdev_job_alloc(cs, 1, total);
	if (IS_ERR(j)) {
		err = PTR_ERR(j);
		goto out_put;
	}
	err = -EFAULT;
	if (caop->auth_len && copy_from_user(j->buf, caop->auth_src, caop->auth_len))
		goto out_free;
	if (caop->len && copy_from_user(j->buf + caop->auth_len, caop->src,
					enc || septag ? dlen : dlen + taglen))
		goto out_free;
	if (!enc && septag &&
	    copy_from_user(j->buf + caop->auth_len + dlen, caop->tag, taglen))
		goto out_free;
	j->crp->crp_buf = j->buf;
	j->crp->crp_ilen = total;
	crd = j->crp->crp_desc;
	crd->crd_alg = cs->cipher;
	crd->crd_len = caop->auth_len + dlen;
	crd->crd_aadlen = caop->auth_len;
	crd->crd_inject = caop->auth_len + dlen;
	crd->crd_flags = CRD_F_IV_EXPLICIT | (enc ? CRD_F_ENCRYPT | CRD_F_IV_PRESENT : 0);
	if (copy_from_user(crd->crd_iv, caop->iv, caop->iv_len))
		goto out_free;

	err = cdev_job_run(j);
	if (err == -EINTR)
		goto out_put;
	if (err)
		goto out_free;
	j->out.dst = caop->dst;
	j->outoff = caop->auth_len;
	j->outlen = dlen;
	if (enc && septag) {
		memcpy(j->mac, j->buf + caop->auth_len + dlen, taglen);
		j->out.tag = caop->tag;
		j->maclen_out = taglen;
	} else if (enc) {
		j->outlen = dlen + taglen;
	}
	err = cdev_job_copyout(j);
out_free:
	cdev_job_free(j);
out_put:
	cdev_session_put(cs);
	return err;
}
