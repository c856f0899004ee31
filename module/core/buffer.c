// SPDX-License-Identifier: GPL-2.0-only
/*
 * Requests and their buffers: crypto_getreq()/crypto_freereq(), and the
 * helpers drivers use to read and write any kind of request buffer (flat,
 * scatterlist, page segments), IVs, keys and MAC results.
 */
#include <linux/highmem.h>
#include <linux/random.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "internal.h"

#define OCF_MAX_GETREQ 64

/**
 * crypto_getreq() - allocate a request with descriptors
 * @num: number of descriptors, linked through crd_next (0 to 64)
 *
 * The request and its descriptors are one zeroed allocation, freed by
 * crypto_freereq().
 *
 * Context: any (GFP_ATOMIC).
 * Return: the request, or NULL.
 */
struct cryptop *crypto_getreq(int num)
{
	struct cryptop *crp;

	if (num < 0 || num > OCF_MAX_GETREQ)
		return NULL;
	crp = kmalloc(sizeof(*crp) + num * sizeof(struct cryptodesc),
		      GFP_ATOMIC | __GFP_NOWARN);
	if (crp)
		crypto_clearreq(crp, num);
	return crp;
}
EXPORT_SYMBOL_OCF(crypto_getreq);

/**
 * crypto_clearreq() - make a finished request as crypto_getreq() gave it
 * @crp: a request from crypto_getreq(@num), not dispatched or completed
 * @num: its number of descriptors
 *
 * For consumers that reuse requests instead of allocating one each time:
 * everything is zeroed (keys, IVs and pointers of the last use included)
 * and the descriptors are linked again.
 *
 * Context: any.
 */
void crypto_clearreq(struct cryptop *crp, int num)
{
	struct cryptodesc *crd = (struct cryptodesc *)(crp + 1);
	int i;

	/*
	 * Whole-structure stores of a constant size, which the compiler
	 * writes inline, rather than one memset() of a variable size: this
	 * runs for every request a consumer reuses.
	 */
	*crp = (struct cryptop){ .crp_desc = num ? crd : NULL };
	INIT_LIST_HEAD(&crp->crp_next);
	for (i = 0; i < num; i++)
		crd[i] = (struct cryptodesc){ .crd_next = i + 1 < num ? &crd[i + 1] : NULL };
}
EXPORT_SYMBOL_OCF(crypto_clearreq);

/**
 * crypto_freereq() - free a request from crypto_getreq()
 * @crp: the request (not dispatched), or NULL
 *
 * Context: any.
 */
void crypto_freereq(struct cryptop *crp)
{
	kfree_sensitive(crp);
}
EXPORT_SYMBOL_OCF(crypto_freereq);

/*
 * Copy @len bytes between page segments and @b, from segment *@seg at
 * *@seg_off on, and leave both where the copy ended. @out: from the
 * segments to @b. Returns the bytes not copied (segments ran out).
 */
static int ocf_copy_iov(const struct crypto_uio *uio, unsigned int *seg,
			unsigned int *seg_off, int len, u8 *b, bool out)
{
	unsigned int i = *seg, off = *seg_off;

	while (len && i < uio->uio_nr) {
		const struct bio_vec *bv = &uio->uio_bvec[i];
		unsigned int c, po, pos;
		struct page *pg;
		u8 *v;

		if (off >= bv->bv_len) {	/* this one is done (or empty) */
			off -= bv->bv_len;
			i++;
			continue;
		}
		/* a segment may span pages: one page at a time */
		pos = bv->bv_offset + off;
		pg = bv->bv_page + pos / PAGE_SIZE;
		po = pos % PAGE_SIZE;
		c = min_t(unsigned int, min_t(unsigned int, bv->bv_len - off, len),
			  PAGE_SIZE - po);
		v = kmap_local_page(pg);
		if (out)
			memcpy(b, v + po, c);
		else
			memcpy(v + po, b, c);
		kunmap_local(v);
		b += c;
		off += c;
		len -= c;
	}
	*seg = i;
	*seg_off = off;
	return len;
}

/* Copy between a request's buffer and @p; @out: from the buffer to @p. */
static int ocf_copy(const struct cryptop *crp, int off, int len, void *p, bool out)
{
	if (off < 0 || len < 0 || (s64)off + len > crp->crp_ilen)
		return EINVAL;
	if (!len)
		return 0;
	if (crp->crp_flags & CRYPTO_F_IMBUF) {
		struct scatterlist *sg = crp->crp_sg;
		size_t n;

		if (out)
			n = sg_pcopy_to_buffer(sg, sg_nents(sg), p, len, off);
		else
			n = sg_pcopy_from_buffer(sg, sg_nents(sg), p, len, off);
		return n == len ? 0 : EINVAL;
	}
	if (crp->crp_flags & CRYPTO_F_IOV) {
		unsigned int seg = 0, seg_off = off;

		return ocf_copy_iov(crp->crp_uio, &seg, &seg_off, len, p, out) ? EINVAL : 0;
	}
	if (out)
		memcpy(p, (u8 *)crp->crp_buf + off, len);
	else
		memcpy((u8 *)crp->crp_buf + off, p, len);
	return 0;
}

/**
 * crypto_copydata() - read from a request's buffer
 * @crp: the request (flat, CRYPTO_F_IMBUF or CRYPTO_F_IOV buffer)
 * @off: offset in the buffer
 * @len: bytes
 * @dst: where to copy them
 *
 * Context: any.
 * Return: 0, or EINVAL if the range is outside crp_ilen.
 */
int crypto_copydata(const struct cryptop *crp, int off, int len, void *dst)
{
	return ocf_copy(crp, off, len, dst, true);
}
EXPORT_SYMBOL_OCF(crypto_copydata);

/**
 * crypto_copyback() - write into a request's buffer
 * @crp: the request
 * @off: offset in the buffer
 * @len: bytes
 * @src: what to write
 *
 * Context: any.
 * Return: 0, or EINVAL if the range is outside crp_ilen.
 */
int crypto_copyback(struct cryptop *crp, int off, int len, const void *src)
{
	return ocf_copy(crp, off, len, (void *)src, false);
}
EXPORT_SYMBOL_OCF(crypto_copyback);

/**
 * crypto_cursor_init() - a cursor at an offset of a request's buffer
 * @cc: the cursor
 * @crp: the request (flat, CRYPTO_F_IMBUF or CRYPTO_F_IOV buffer)
 * @off: the offset (checked by the copies)
 *
 * For a driver that walks a range in pieces: crypto_copydata() at an
 * offset finds it from the buffer's first segment each time (a range of N
 * pieces over S page segments: N * S steps), a cursor goes on from where
 * the last copy ended. Scatterlists are still walked from their start.
 *
 * Context: any.
 */
void crypto_cursor_init(struct crypto_cursor *cc, struct cryptop *crp, int off)
{
	cc->cc_crp = crp;
	cc->cc_off = off;
	cc->cc_seg = 0;
	cc->cc_seg_off = off < 0 ? 0 : off;	/* ocf_copy_iov() moves it on */
}
EXPORT_SYMBOL_OCF(crypto_cursor_init);

static int ocf_cursor_copy(struct crypto_cursor *cc, int len, void *p, bool out)
{
	struct cryptop *crp = cc->cc_crp;
	int err;

	if (!(crp->crp_flags & CRYPTO_F_IOV))
		err = ocf_copy(crp, cc->cc_off, len, p, out);	/* checks the range */
	else if (cc->cc_off < 0 || len < 0 || (s64)cc->cc_off + len > crp->crp_ilen)
		err = EINVAL;
	else
		err = ocf_copy_iov(crp->crp_uio, &cc->cc_seg, &cc->cc_seg_off, len, p, out) ?
		      EINVAL : 0;
	if (!err)
		cc->cc_off += len;
	return err;
}

/**
 * crypto_cursor_copydata() - read from a request's buffer at a cursor
 * @cc: the cursor, moved on by @len
 * @len: bytes
 * @dst: where to copy them
 *
 * Context: any.
 * Return: 0, or EINVAL if the range is outside crp_ilen.
 */
int crypto_cursor_copydata(struct crypto_cursor *cc, int len, void *dst)
{
	return ocf_cursor_copy(cc, len, dst, true);
}
EXPORT_SYMBOL_OCF(crypto_cursor_copydata);

/**
 * crypto_cursor_copyback() - write into a request's buffer at a cursor
 * @cc: the cursor, moved on by @len
 * @len: bytes
 * @src: what to write
 *
 * Context: any.
 * Return: 0, or EINVAL if the range is outside crp_ilen.
 */
int crypto_cursor_copyback(struct crypto_cursor *cc, int len, const void *src)
{
	return ocf_cursor_copy(cc, len, (void *)src, false);
}
EXPORT_SYMBOL_OCF(crypto_cursor_copyback);

/**
 * crypto_desc_iv() - the IV of a cipher descriptor, by the crypto(9) rules
 * @crp: the request
 * @crd: its cipher descriptor
 * @iv: where to put the IV
 * @ivlen: its length
 *
 * Encrypting: crd_iv with CRD_F_IV_EXPLICIT, else a random IV; unless
 * CRD_F_IV_PRESENT, the IV used is also written into the buffer at
 * crd_inject. Decrypting: crd_iv with CRD_F_IV_EXPLICIT, else the IV read
 * from the buffer at crd_inject.
 *
 * Context: any.
 * Return: 0, or EINVAL (IV too long, crd_inject range outside the buffer).
 */
int crypto_desc_iv(struct cryptop *crp, const struct cryptodesc *crd,
		   u8 *iv, unsigned int ivlen)
{
	if (ivlen > EALG_MAX_BLOCK_LEN)
		return EINVAL;
	if (crd->crd_flags & CRD_F_ENCRYPT) {
		if (crd->crd_flags & CRD_F_IV_EXPLICIT)
			memcpy(iv, crd->crd_iv, ivlen);
		else
			get_random_bytes(iv, ivlen);
		if (crd->crd_flags & CRD_F_IV_PRESENT)
			return 0;
		return crypto_copyback(crp, crd->crd_inject, ivlen, iv);
	}
	if (crd->crd_flags & CRD_F_IV_EXPLICIT) {
		memcpy(iv, crd->crd_iv, ivlen);
		return 0;
	}
	return crypto_copydata(crp, crd->crd_inject, ivlen, iv);
}
EXPORT_SYMBOL_OCF(crypto_desc_iv);

/**
 * crypto_desc_key() - the key a descriptor runs with
 * @cses: the session the driver was given (crp_session in process())
 * @crd: the descriptor
 * @key: set to the key
 * @klen_bits: set to its length in bits
 *
 * CRD_F_KEY_EXPLICIT: crd_key/crd_klen; otherwise the session's key for
 * crd_alg. A driver's session has each algorithm once (a chain with one
 * twice is split over sessions of its runs of distinct algorithms, each
 * given the stage of the request it serves), so the first is the one.
 *
 * Context: any.
 * Return: 0, or EINVAL.
 */
int crypto_desc_key(crypto_session_t cses, const struct cryptodesc *crd,
		    const u8 **key, int *klen_bits)
{
	const struct cryptoini *ini;

	if (crd->crd_flags & CRD_F_KEY_EXPLICIT) {
		if (crd->crd_klen < 0 || (crd->crd_klen && !crd->crd_key))
			return EINVAL;
		*key = crd->crd_key;
		*klen_bits = crd->crd_klen;
		return 0;
	}
	ini = crypto_session_ini(cses, crd->crd_alg, 0);
	if (!ini)
		return EINVAL;
	*key = ini->cri_key;
	*klen_bits = ini->cri_klen;
	return 0;
}
EXPORT_SYMBOL_OCF(crypto_desc_key);

/**
 * crypto_mac_result() - store a MAC or hash result
 * @crp: the request (crp_session: the session the driver was given)
 * @crd: the MAC descriptor
 * @mac: the full result
 * @maclen: its length
 *
 * Writes the result truncated to the session's cri_mlen (when set) into
 * crp_mac when the request has one, else into the buffer at crd_inject.
 *
 * Context: any.
 * Return: 0, or EINVAL.
 */
int crypto_mac_result(struct cryptop *crp, const struct cryptodesc *crd,
		      const u8 *mac, unsigned int maclen)
{
	const struct cryptoini *ini = crypto_session_ini(crp->crp_session, crd->crd_alg, 0);
	unsigned int len = maclen;

	if (ini && ini->cri_mlen && ini->cri_mlen < len)
		len = ini->cri_mlen;
	if (crp->crp_mac) {
		memcpy(crp->crp_mac, mac, len);
		return 0;
	}
	return crypto_copyback(crp, crd->crd_inject, len, mac);
}
EXPORT_SYMBOL_OCF(crypto_mac_result);
