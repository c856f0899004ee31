// SPDX-License-Identifier: GPL-2.0-only
/*
 * BLAKE2b (RFC 7693), unkeyed or keyed, written from the RFC: Debian's
 * kernels do not all export a BLAKE2b library to modules. Sequential
 * reference structure (section 3), no parameter block beyond the digest
 * and key lengths of section 2.5 (no salt, personalization or tree mode).
 */
#include <linux/bitops.h>
#include <linux/minmax.h>
#include <linux/string.h>
#include <linux/types.h>

#include "soft.h"

/* Section 2.6: the SHA-512 initial values. */
static const u64 ocf_blake2b_iv[8] = {
	0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL,
	0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
	0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL,
	0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL,
};

/* Section 2.7: the message schedule; rounds 10 and 11 reuse rows 0 and 1. */
static const u8 ocf_blake2b_sigma[10][16] = {
	{ 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 },
	{ 14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3 },
	{ 11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4 },
	{ 7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8 },
	{ 9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13 },
	{ 2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9 },
	{ 12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11 },
	{ 13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10 },
	{ 6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5 },
	{ 10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0 },
};

static u64 ocf_load_le64(const u8 *p)
{
	u64 v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/* Section 3.1: the mixing function G, rotations 32, 24, 16 and 63. */
static void ocf_blake2b_g(u64 *v, int a, int b, int c, int d, u64 x, u64 y)
{
	v[a] = v[a] + v[b] + x;
	v[d] = ror64(v[d] ^ v[a], 32);
	v[c] = v[c] + v[d];
	v[b] = ror64(v[b] ^ v[c], 24);
	v[a] = v[a] + v[b] + y;
	v[d] = ror64(v[d] ^ v[a], 16);
	v[c] = v[c] + v[d];
	v[b] = ror64(v[b] ^ v[c], 63);
}

/* Section 3.2: the compression function F over the block in @s->buf. */
static void ocf_blake2b_compress(struct ocf_blake2b_state *s, bool last)
{
	u64 m[16], v[16];
	const u8 *p;
	int i;

	for (i = 0; i < 16; i++)
		m[i] = ocf_load_le64(s->buf + 8 * i);
	for (i = 0; i < 8; i++) {
		v[i] = s->h[i];
		v[i + 8] = ocf_blake2b_iv[i];
	}
	v[12] ^= s->t[0];
	v[13] ^= s->t[1];
	if (last)
		v[14] = ~v[14];
	for (i = 0; i < 12; i++) {
		p = ocf_blake2b_sigma[i % 10];
		ocf_blake2b_g(v, 0, 4, 8, 12, m[p[0]], m[p[1]]);
		ocf_blake2b_g(v, 1, 5, 9, 13, m[p[2]], m[p[3]]);
		ocf_blake2b_g(v, 2, 6, 10, 14, m[p[4]], m[p[5]]);
		ocf_blake2b_g(v, 3, 7, 11, 15, m[p[6]], m[p[7]]);
		ocf_blake2b_g(v, 0, 5, 10, 15, m[p[8]], m[p[9]]);
		ocf_blake2b_g(v, 1, 6, 11, 12, m[p[10]], m[p[11]]);
		ocf_blake2b_g(v, 2, 7, 8, 13, m[p[12]], m[p[13]]);
		ocf_blake2b_g(v, 3, 4, 9, 14, m[p[14]], m[p[15]]);
	}
	for (i = 0; i < 8; i++)
		s->h[i] ^= v[i] ^ v[i + 8];
	memzero_explicit(m, sizeof(m));
	memzero_explicit(v, sizeof(v));
}

/* Count @n more bytes in the 128-bit offset counter. */
static void ocf_blake2b_count(struct ocf_blake2b_state *s, unsigned int n)
{
	s->t[0] += n;
	if (s->t[0] < n)
		s->t[1]++;
}

/**
 * ocf_blake2b_init() - start a BLAKE2b computation
 * @s: the state
 * @outlen: digest length in bytes, 1 to OCF_BLAKE2B_HASH_SIZE
 * @key: the key, or NULL
 * @klen: its length in bytes, 0 (unkeyed) to OCF_BLAKE2B_KEY_SIZE
 *
 * A key is processed as a first block of its own, zero-padded (section
 * 3.3). The caller checks the lengths.
 *
 * Context: any.
 */
void ocf_blake2b_init(struct ocf_blake2b_state *s, unsigned int outlen,
		      const u8 *key, unsigned int klen)
{
	memset(s, 0, sizeof(*s));
	memcpy(s->h, ocf_blake2b_iv, sizeof(s->h));
	s->h[0] ^= 0x01010000ULL ^ (u64)klen << 8 ^ outlen;
	s->outlen = outlen;
	if (klen) {
		memcpy(s->buf, key, klen);
		s->buflen = OCF_BLAKE2B_BLOCK_SIZE;
	}
}

/**
 * ocf_blake2b_update() - hash more data
 * @s: a state from ocf_blake2b_init()
 * @in: the data
 * @len: its length
 *
 * A full block stays buffered until more data comes: the last block,
 * compressed by ocf_blake2b_final(), is flagged as such.
 *
 * Context: any.
 */
void ocf_blake2b_update(struct ocf_blake2b_state *s, const u8 *in, size_t len)
{
	unsigned int n;

	while (len) {
		if (s->buflen == OCF_BLAKE2B_BLOCK_SIZE) {
			ocf_blake2b_count(s, OCF_BLAKE2B_BLOCK_SIZE);
			ocf_blake2b_compress(s, false);
			s->buflen = 0;
		}
		n = min_t(size_t, len, OCF_BLAKE2B_BLOCK_SIZE - s->buflen);
		memcpy(s->buf + s->buflen, in, n);
		s->buflen += n;
		in += n;
		len -= n;
	}
}

/**
 * ocf_blake2b_final() - finish and output the digest
 * @s: the state, wiped on return
 * @out: @s->outlen bytes
 *
 * Context: any.
 */
void ocf_blake2b_final(struct ocf_blake2b_state *s, u8 *out)
{
	unsigned int i;

	ocf_blake2b_count(s, s->buflen);
	memset(s->buf + s->buflen, 0, OCF_BLAKE2B_BLOCK_SIZE - s->buflen);
	ocf_blake2b_compress(s, true);
	for (i = 0; i < s->outlen; i++)
		out[i] = s->h[i / 8] >> (8 * (i % 8));
	memzero_explicit(s, sizeof(*s));
}
