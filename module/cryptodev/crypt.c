// SPDX-License-Identifier: GPL-2.0-only
/*
 * CIOCCRYPT (and CIOCASYNCCRYPT): ciphers, hashes and MACs (one-shot or
 * multi-call with COP_FLAG_UPDATE/FINAL/RESET), cipher + MAC sessions, and
 * compression, as cryptodev-linux defines them:
 * - a cipher + MAC session MACs the plaintext: before encrypting, after
 *   decrypting;
 * - COP_FLAG_WRITE_IV writes the IV that continues the stream: the last
 *   ciphertext block for CBC, the advanced counter for CTR and ChaCha20;
 * - ECB and the stream ciphers without IV ignore @iv;
 * - MACs with a nonce (GMAC, CCM-CBC-MAC) take it at @iv.
 * From cdev_zc_min bytes on the data is not copied: the user's pages are
 * pinned and become the request's buffer (job.c); smaller requests, and
 * those with COP_FLAG_NO_ZC, go through a kernel copy.
 */
#include <linux/pagemap.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#include "cdev.h"

/* Map the user's pages rather than copy: large enough, not refused. */
static bool cdev_use_zc(const struct crypt_op *cop, size_t len)
{
	unsigned int min = READ_ONCE(cdev_zc_min);	/* a parameter: once */

	return !(cop->flags & COP_FLAG_NO_ZC) && min && len >= min;
}

/* src and dst: identical or disjoint; anything else is a mistake. */
static bool cdev_overlap(const u8 __user *a, const u8 __user *b, size_t len)
{
	unsigned long x = (unsigned long)a, y = (unsigned long)b;

	return x != y && x < y + len && y < x + len;
}

/**
 * cdev_is_cbc() - is @alg a CBC cipher (TLS mode's, and an IV chained)?
 * @alg: CRYPTO_* algorithm
 *
 * Return: true for the CBC ciphers.
 */
bool cdev_is_cbc(int alg)
{
	switch (alg) {
	case CRYPTO_DES_CBC:
	case CRYPTO_3DES_CBC:
	case CRYPTO_BLF_CBC:
	case CRYPTO_CAST_CBC:
	case CRYPTO_SKIPJACK_CBC:
	case CRYPTO_AES_CBC:
	case CRYPTO_CAMELLIA_CBC:
		return true;
	}
	return false;
}

/* Add @n to the big-endian counter @ctr of @len bytes. */
static void cdev_ctr_add_be(u8 *ctr, unsigned int len, u64 n)
{
	int i;

	for (i = len - 1; i >= 0 && n; i--) {
		n += ctr[i];
		ctr[i] = n & 0xff;
		n >>= 8;
	}
}

/*
 * COP_FLAG_WRITE_IV: the IV that continues the stream. CBC's is the last
 * ciphertext block: the data's last block before decryption (taken here,
 * before the request runs) or after encryption (cdev_job_next_iv()).
 */
static void cdev_next_iv_before(struct cdev_job *j, int alg, bool enc,
				const u8 *iv, unsigned int ivlen)
{
	j->ivalg = alg;
	j->enc = enc;
	j->ivlen = ivlen;
	memcpy(j->iv, iv, ivlen);
	if (cdev_is_cbc(alg) && !enc)
		crypto_copydata(j->crp, j->datalen - ivlen, ivlen, j->iv);
}

/**
 * cdev_job_next_iv() - set the IV to write back once a job has finished
 * @j: the job
 */
void cdev_job_next_iv(struct cdev_job *j)
{
	__le32 ctr;

	if (!j->ivlen)
		return;
	if (cdev_is_cbc(j->ivalg)) {
		if (j->enc)
			crypto_copydata(j->crp, j->datalen - j->ivlen, j->ivlen, j->iv);
	} else if (j->ivalg == CRYPTO_AES_CTR) {
		cdev_ctr_add_be(j->iv, j->ivlen, DIV_ROUND_UP(j->datalen, 16));
	} else if (j->ivalg == CRYPTO_CHACHA20) {
		/* Linux's chacha20 IV: 32-bit little-endian counter, nonce */
		memcpy(&ctr, j->iv, sizeof(ctr));
		ctr = cpu_to_le32(le32_to_cpu(ctr) + DIV_ROUND_UP(j->datalen, 64));
		memcpy(j->iv, &ctr, sizeof(ctr));
	} else {
		return;
	}
	j->ivlen_out = j->ivlen;
}

static void cdev_hash_reset(struct cdev_session *cs);

/* A job's request: @len bytes of hash or MAC of session @cs, CRD_F_* @flags. */
static void cdev_hash_request(struct cdev_job *j, struct cdev_session *cs,
			      size_t len, int flags)
{
	struct cryptodesc *crd = j->crp->crp_desc;

	j->crp->crp_ilen = len;
	j->crp->crp_mac = j->mac;
	j->datalen = len;
	crd->crd_alg = cs->mac;
	crd->crd_len = len;
	crd->crd_flags = flags;
}

/*
 * A multi-call hash past max_request: what the accumulator holds goes into
 * the driver's running hash (CRD_F_MAC_MORE, and CRD_F_MAC_CONT after the
 * first time), when the session's driver can hash in parts. Under cs->lock.
 */
static int cdev_hash_flush(struct cdev_session *cs)
{
	struct cdev_job *j;
	int err;

	if (!crypto_session_mac_partial(cs->ses, cs->mac) || cs->mp.ivlen)
		return -E2BIG;
	j = cdev_job_alloc(cs, 1, max_t(size_t, cs->hlen, 1));
	if (IS_ERR(j))
		return PTR_ERR(j);
	memcpy(j->buf, cs->hbuf, cs->hlen);
	j->crp->crp_buf = j->buf;
	cdev_hash_request(j, cs, cs->hlen,
			  CRD_F_MAC_MORE | (cs->hstream ? CRD_F_MAC_CONT : 0));
	err = cdev_job_run(j);
	if (err != -EINTR)
		cdev_job_free(j);
	if (err) {
		cdev_hash_reset(cs);
		return err;
	}
	memzero_explicit(cs->hbuf, cs->hlen);
	cs->hlen = 0;
	cs->hstream = true;
	return 0;
}

/* The multi-call hash accumulator: append @len bytes from the user. */
static int cdev_hash_append(struct cdev_session *cs, const u8 __user *src,
			    size_t len)
{
	size_t need = cs->hlen + len, cap;
	u8 *nbuf;
	int err;

	if (need > cdev_max_request) {
		err = cdev_hash_flush(cs);
		if (err)
			return err;
		need = len;
	}
	if (need > cs->hcap) {
		cap = max_t(size_t, need, min_t(size_t, 2 * cs->hcap,
						cdev_max_request));
		cap = max_t(size_t, cap, 256);
		err = cdev_mem_charge(cs->acct, cap);
		if (err)
			return err;
		nbuf = kvmalloc(cap, GFP_KERNEL_ACCOUNT);
		if (!nbuf) {
			cdev_mem_uncharge(cs->acct, cap);
			return -ENOMEM;
		}
		if (cs->hlen)
			memcpy(nbuf, cs->hbuf, cs->hlen);
		if (cs->hcap)
			cdev_mem_uncharge(cs->acct, cs->hcap);
		kvfree_sensitive(cs->hbuf, cs->hcap);
		cs->hbuf = nbuf;
		cs->hcap = cap;
	}
	if (len && copy_from_user(cs->hbuf + cs->hlen, src, len))
		return -EFAULT;
	cs->hlen += len;
	cs->hactive = true;
	return 0;
}

static void cdev_hash_reset(struct cdev_session *cs)
{
	if (cs->hlen)
		memzero_explicit(cs->hbuf, cs->hlen);
	cs->hlen = 0;
	cs->hactive = false;
	cs->hstream = false;	/* the driver drops its running hash itself */
}

/* A hash-only session: one-shot, or the steps of a multi-call hash. */
static int cdev_hash(struct cdev_file *f, struct cdev_session *cs,
		     struct crypt_op *cop, bool async)
{
	struct cryptodesc *crd;
	struct cdev_job *j;
	size_t len;
	bool zc, stream;
	int err;

	if (cop->flags & (COP_FLAG_UPDATE | COP_FLAG_FINAL | COP_FLAG_RESET)) {
		if (async)
			return -EINVAL;
		if ((cop->flags & COP_FLAG_UPDATE) && (cop->flags & COP_FLAG_FINAL))
			return -EINVAL;
	}
	/* the holder may wait on user memory (userfaultfd, FUSE): killable */
	if (mutex_lock_killable(&cs->lock))
		return -EINTR;
	if (cop->flags & COP_FLAG_RESET)
		cdev_hash_reset(cs);
	if (!(cop->flags & (COP_FLAG_UPDATE | COP_FLAG_FINAL)))
		cdev_hash_reset(cs);	/* a one-shot hash starts over */
	if (cop->flags & COP_FLAG_UPDATE) {
		err = cdev_hash_append(cs, cop->src, cop->len);
		mutex_unlock(&cs->lock);
		return err;
	}
	if (!(cop->flags & COP_FLAG_FINAL) && (cop->flags & COP_FLAG_RESET) &&
	    !cop->len) {
		mutex_unlock(&cs->lock);	/* a bare reset */
		return 0;
	}
	len = cs->hlen + cop->len;
	if (len > cdev_max_request) {
		err = cdev_hash_flush(cs);
		if (err) {
			mutex_unlock(&cs->lock);
			return err;
		}
		len = cop->len;
	}
	stream = cs->hstream;
	zc = !cs->hlen && cdev_use_zc(cop, len);
again:
	j = cdev_job_alloc(cs, 1, zc ? 0 : max_t(size_t, len, 1));
	if (IS_ERR(j)) {
		mutex_unlock(&cs->lock);
		return PTR_ERR(j);
	}
	if (zc) {
		err = cdev_job_pin(j, cop->src, len, false, async);
		if (err && err != -ENOMEM && async) {	/* not pinnable long-term: copied */
			cdev_job_free(j);
			zc = false;
			goto again;
		}
	} else {
		err = 0;
		if (cs->hlen)
			memcpy(j->buf, cs->hbuf, cs->hlen);
		if (cop->len && copy_from_user(j->buf + cs->hlen, cop->src, cop->len))
			err = -EFAULT;
		j->crp->crp_buf = j->buf;
	}
	if (err) {
		mutex_unlock(&cs->lock);
		cdev_job_free(j);
		return err;
	}
	cdev_hash_reset(cs);
	/*
	 * The last part of a hash the driver runs (after a flush) finishes
	 * under the lock: the driver's running hash is the session's, and an
	 * UPDATE flushing into it meanwhile would start it over.
	 */
	if (!stream)
		mutex_unlock(&cs->lock);

	cdev_hash_request(j, cs, len, stream ? CRD_F_MAC_CONT : 0);
	crd = j->crp->crp_desc;
	if (cs->mp.ivlen) {	/* GMAC, CCM-CBC-MAC: the nonce at iv */
		err = !cop->iv ? -EINVAL :
		      copy_from_user(crd->crd_iv, cop->iv, cs->mp.ivlen) ? -EFAULT : 0;
		if (err) {
			cdev_job_free(j);
			goto out;
		}
		crd->crd_flags = CRD_F_IV_EXPLICIT;
	}
	j->maclen_out = cs->maclen;
	j->out.mac = cop->mac;
	if (async) {	/* never a stream: UPDATE and FINAL are synchronous */
		j->cop = *cop;
		err = cdev_async_submit(f, j);
		if (err)
			cdev_job_free(j);
		goto out;
	}
	err = cdev_job_run(j);
	if (err == -EINTR)
		goto out;
	if (!err)
		err = cdev_job_copyout(j);
	cdev_job_free(j);
out:
	if (stream)
		mutex_unlock(&cs->lock);
	return err;
}

/* Compression: dlen is the room at dst and comes back as the size. */
static int cdev_comp(struct cdev_session *cs, struct crypt_op *cop, bool async)
{
	struct cryptodesc *crd;
	struct cdev_job *j;
	size_t room;
	int err;

	if (!cop->len || !cop->dlen || async)
		return -EINVAL;
	if (cop->dlen > cdev_max_request)
		return -E2BIG;
	/*
	 * Compression gets room for the worst case, so that "does not fit in
	 * dlen" is told apart from a failure: the kernel's deflate (small
	 * window) grows random data by about 0.23 %, more than zlib's
	 * compressBound() allows; 1/128 and 64 bytes cover it. Decompression
	 * gets dlen, and too little room reads as EINVAL.
	 */
	room = cop->dlen;
	if (cop->op == COP_ENCRYPT)
		room = max_t(size_t, room, cop->len + (cop->len >> 7) + 64);
	room = max_t(size_t, room, cop->len);
	j = cdev_job_alloc(cs, 1, room);
	if (IS_ERR(j))
		return PTR_ERR(j);
	err = -EFAULT;
	if (copy_from_user(j->buf, cop->src, cop->len))
		goto out;
	j->crp->crp_buf = j->buf;
	j->crp->crp_ilen = room;
	crd = j->crp->crp_desc;
	crd->crd_alg = cs->compr;
	crd->crd_len = cop->len;
	crd->crd_flags = cop->op == COP_ENCRYPT ? CRD_F_COMP : 0;
	err = cdev_job_run(j);
	if (err == -EINTR)
		return err;
	if (!err && (j->crp->crp_olen < 0 || j->crp->crp_olen > cop->dlen))
		err = -ENOSPC;
	/* 6.1's and 6.12's deflate cannot tell bad input from too little room */
	if (err == -ENOSPC && cop->op == COP_DECRYPT)
		err = -EINVAL;
	if (err)
		goto out;
	j->out.dst = cop->dst;
	j->outlen = j->crp->crp_olen;
	cop->dlen = j->crp->crp_olen;
	err = cdev_job_copyout(j);
out:
	cdev_job_free(j);
	return err;
}

/**
 * cdev_crypt() - CIOCCRYPT and CIOCASYNCCRYPT
 * @f: the open file (unused for synchronous requests)
 * @cop: the request
 * @async: submit and return; CIOCASYNCFETCH gives the result
 *
 * Return: 0 or a negative errno.
 */
int cdev_crypt(struct cdev_file *f, struct crypt_op *cop, bool async)
{
	struct cryptodesc *cipher_d, *mac_d = NULL;
	struct cdev_session *cs;
	unsigned int ivlen;
	struct cdev_job *j;
	bool enc, zc;
	int err;

	if (cop->op != COP_ENCRYPT && cop->op != COP_DECRYPT)
		return -EINVAL;
	if (cop->flags & ~(COP_FLAG_UPDATE | COP_FLAG_FINAL | COP_FLAG_WRITE_IV |
			   COP_FLAG_NO_ZC | COP_FLAG_RESET))
		return -EINVAL;
	if (cop->len > cdev_max_request)
		return -E2BIG;
	cs = cdev_session_get(f, cop->ses);
	if (!cs)
		return -EINVAL;
	err = -EINVAL;
	if (cs->cipher && cs->cp.cls == CRYPTO_CLASS_AEAD)
		goto out_put;		/* CIOCAUTHCRYPT's */
	if (cs->compr) {	/* one call a buffer: no UPDATE, FINAL or RESET */
		if (!(cop->flags & (COP_FLAG_UPDATE | COP_FLAG_FINAL | COP_FLAG_RESET)))
			err = cdev_comp(cs, cop, async);
		goto out_put;
	}
	if (!cs->cipher) {
		err = cdev_hash(f, cs, cop, async);
		goto out_put;
	}
	if (cop->flags & (COP_FLAG_UPDATE | COP_FLAG_FINAL | COP_FLAG_RESET))
		goto out_put;
	if (!cop->len)
		goto out_put;
	if (cs->cipher == CRYPTO_AES_XTS) {
		if (cop->len < 16)	/* ciphertext stealing past one block */
			goto out_put;
	} else if (cs->cp.blocksize > 1 && cop->len % cs->cp.blocksize) {
		goto out_put;
	}
	ivlen = cs->cp.ivlen;
	if ((ivlen && !cop->iv) || !cop->dst)
		goto out_put;
	if (cdev_overlap(cop->src, cop->dst, cop->len))
		goto out_put;

	zc = cdev_use_zc(cop, cop->len);
again:
	j = cdev_job_alloc(cs, cs->mac ? 2 : 1, zc ? 0 : cop->len);
	if (IS_ERR(j)) {
		err = PTR_ERR(j);
		goto out_put;
	}
	if (zc) {
		/* in place on the user's pages; out of place: one copy */
		err = cdev_job_pin(j, cop->dst, cop->len, true, async);
		if (err && err != -ENOMEM && async) {	/* not pinnable long-term */
			cdev_job_free(j);
			/*
			 * copied then: a dst it cannot write is EFAULT here
			 * still (asked without writing: in place, dst holds
			 * the data, which fault_in_writeable() would zero)
			 */
			err = -EFAULT;
			if (fault_in_safe_writeable(cop->dst, cop->len))
				goto out_put;
			zc = false;
			goto again;
		}
		if (!err && cop->src != cop->dst)
			err = cdev_job_fill_pinned(j, cop->src);
		if (err)
			goto out_free;
	} else {
		err = -EFAULT;
		if (copy_from_user(j->buf, cop->src, cop->len))
			goto out_free;
		j->crp->crp_buf = j->buf;
		j->out.dst = cop->dst;
		j->outlen = cop->len;
	}
	err = -EFAULT;
	enc = cop->op == COP_ENCRYPT;
	j->crp->crp_ilen = cop->len;
	j->datalen = cop->len;
	cipher_d = j->crp->crp_desc;
	if (cs->mac) {
		/* the MAC covers the plaintext: first when encrypting */
		if (enc) {
			mac_d = cipher_d;
			cipher_d = mac_d->crd_next;
		} else {
			mac_d = cipher_d->crd_next;
		}
		mac_d->crd_alg = cs->mac;
		mac_d->crd_len = cop->len;
		j->crp->crp_mac = j->mac;
		j->maclen_out = cs->maclen;
		j->out.mac = cop->mac;
	}
	cipher_d->crd_alg = cs->cipher;
	cipher_d->crd_len = cop->len;
	cipher_d->crd_flags = enc ? CRD_F_ENCRYPT | CRD_F_IV_PRESENT : 0;
	if (ivlen) {
		if (copy_from_user(cipher_d->crd_iv, cop->iv, ivlen))
			goto out_free;
		cipher_d->crd_flags |= CRD_F_IV_EXPLICIT;
	}
	j->out.iv = cop->iv;
	if (ivlen && (cop->flags & COP_FLAG_WRITE_IV))
		cdev_next_iv_before(j, cs->cipher, enc, cipher_d->crd_iv, ivlen);
	if (async) {
		j->cop = *cop;
		err = cdev_async_submit(f, j);
		if (err)
			goto out_free;
		goto out_put;
	}
	err = cdev_job_run(j);
	if (err == -EINTR)
		goto out_put;
	if (!err) {
		cdev_job_next_iv(j);
		err = cdev_job_copyout(j);
	}
out_free:
	cdev_job_free(j);
out_put:
	cdev_session_put(cs);
	return err;
}
