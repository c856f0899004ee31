// SPDX-License-Identifier: GPL-2.0-only
/*
 * Constant-time big-number arithmetic for opencrypto_pk (see pk_bn.h).
 * Every loop runs a number of times fixed by limb counts and bit lengths,
 * which are public; values only ever flow through arithmetic and masks.
 */
#include <linux/kernel.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "pk_bn.h"

#define W	PK_LIMB_BITS

/* All ones when @x is not zero, else 0. */
static inline pk_limb pk_nz_mask(pk_limb x)
{
	return (pk_limb)0 - ((x | ((pk_limb)0 - x)) >> (W - 1));
}

static inline void pk_select(pk_limb *r, const pk_limb *a, const pk_limb *b,
			     pk_limb mask, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		r[i] = (a[i] & mask) | (b[i] & ~mask);
}

/**
 * pk_sub() - r = a - b over @n limbs
 * @r: result (may be @a or @b)
 * @a: minuend
 * @b: subtrahend
 * @n: limbs
 *
 * Return: the borrow out.
 */
pk_limb pk_sub(pk_limb *r, const pk_limb *a, const pk_limb *b, unsigned int n)
{
	pk_limb borrow = 0;
	unsigned int i;

	for (i = 0; i < n; i++) {
		pk_dlimb d = (pk_dlimb)a[i] - b[i] - borrow;

		r[i] = (pk_limb)d;
		borrow = (pk_limb)(d >> W) & 1;
	}
	return borrow;
}

/**
 * pk_add() - r = a + b over @n limbs
 * @r: result (may be @a or @b)
 * @a: addend
 * @b: addend
 * @n: limbs
 *
 * Return: the carry out.
 */
pk_limb pk_add(pk_limb *r, const pk_limb *a, const pk_limb *b, unsigned int n)
{
	pk_limb carry = 0;
	unsigned int i;

	for (i = 0; i < n; i++) {
		pk_dlimb s = (pk_dlimb)a[i] + b[i] + carry;

		r[i] = (pk_limb)s;
		carry = (pk_limb)(s >> W);
	}
	return carry;
}

/**
 * pk_load() - a number from little-endian bytes
 * @x: @n limbs, set
 * @n: limbs
 * @le: the bytes
 * @len: how many (at most @n limbs' worth)
 */
void pk_load(pk_limb *x, unsigned int n, const u8 *le, unsigned int len)
{
	unsigned int i;

	memset(x, 0, n * sizeof(*x));
	for (i = 0; i < len && i / sizeof(pk_limb) < n; i++)
		x[i / sizeof(pk_limb)] |= (pk_limb)le[i] << (8 * (i % sizeof(pk_limb)));
}

/**
 * pk_load_be() - a number from big-endian bytes
 * @x: @n limbs, set
 * @n: limbs
 * @be: the bytes, most significant first
 * @len: how many (at most @n limbs' worth)
 */
void pk_load_be(pk_limb *x, unsigned int n, const u8 *be, unsigned int len)
{
	unsigned int i, j;

	memset(x, 0, n * sizeof(*x));
	for (i = 0; i < len; i++) {
		j = len - 1 - i;	/* byte i from the least significant end */
		if (j / sizeof(pk_limb) < n)
			x[j / sizeof(pk_limb)] |= (pk_limb)be[i] << (8 * (j % sizeof(pk_limb)));
	}
}

/**
 * pk_store() - a number as little-endian bytes
 * @le: the bytes, all @len of them written (zero beyond the number)
 * @len: how many
 * @x: the number
 * @n: its limbs
 */
void pk_store(u8 *le, unsigned int len, const pk_limb *x, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < len; i++)
		le[i] = i / sizeof(pk_limb) < n ?
			(u8)(x[i / sizeof(pk_limb)] >> (8 * (i % sizeof(pk_limb)))) : 0;
}

/* Public values only: returns whether @x is 0. */
bool pk_is_zero(const pk_limb *x, unsigned int n)
{
	pk_limb acc = 0;
	unsigned int i;

	for (i = 0; i < n; i++)
		acc |= x[i];
	return !acc;
}

/* All ones when a == b. */
pk_limb pk_eq_mask(const pk_limb *a, const pk_limb *b, unsigned int n)
{
	pk_limb acc = 0;
	unsigned int i;

	for (i = 0; i < n; i++)
		acc |= a[i] ^ b[i];
	return ~pk_nz_mask(acc);
}

/* All ones when a < b. */
pk_limb pk_lt_mask(const pk_limb *a, const pk_limb *b, unsigned int n)
{
	pk_limb borrow = 0;
	unsigned int i;

	for (i = 0; i < n; i++) {
		pk_dlimb d = (pk_dlimb)a[i] - b[i] - borrow;

		borrow = (pk_limb)(d >> W) & 1;
	}
	return (pk_limb)0 - borrow;
}

/*
 * r = (a * b * R^-1) mod m, for a * b < m * R (a, b < m, or one of them
 * below R and the other below m); r may alias a or b.
 */
void pk_mont_mul(pk_limb *r, const pk_limb *a, const pk_limb *b,
		 struct pk_mont *c)
{
	pk_limb *t = c->t, *u = c->u, mask, borrow;
	unsigned int n = c->n, i, j;

	memset(t, 0, (n + 2) * sizeof(*t));
	for (i = 0; i < n; i++) {
		pk_limb carry = 0, q;
		pk_dlimb s;

		for (j = 0; j < n; j++) {
			s = (pk_dlimb)a[j] * b[i] + t[j] + carry;
			t[j] = (pk_limb)s;
			carry = (pk_limb)(s >> W);
		}
		s = (pk_dlimb)t[n] + carry;
		t[n] = (pk_limb)s;
		t[n + 1] = (pk_limb)(s >> W);

		q = t[0] * c->minv;
		s = (pk_dlimb)q * c->m[0] + t[0];
		carry = (pk_limb)(s >> W);
		for (j = 1; j < n; j++) {
			s = (pk_dlimb)q * c->m[j] + t[j] + carry;
			t[j - 1] = (pk_limb)s;
			carry = (pk_limb)(s >> W);
		}
		s = (pk_dlimb)t[n] + carry;
		t[n - 1] = (pk_limb)s;
		t[n] = t[n + 1] + (pk_limb)(s >> W);
	}
	/* t < 2m: subtract m when t >= m (t[n] set, or no borrow) */
	borrow = pk_sub(u, t, c->m, n);
	mask = (pk_limb)0 - ((t[n] | (borrow ^ 1)) & 1);
	pk_select(r, u, t, mask, n);
}

/* x = 2x mod m, for x < m. */
static void pk_mod_double(pk_limb *x, struct pk_mont *c)
{
	pk_limb *u = c->u, carry, borrow, mask;

	carry = pk_add(x, x, x, c->n);
	borrow = pk_sub(u, x, c->m, c->n);
	mask = (pk_limb)0 - ((carry | (borrow ^ 1)) & 1);
	pk_select(x, u, x, mask, c->n);
}

/**
 * pk_mont_init() - set up Montgomery arithmetic modulo @m
 * @c: the context
 * @m: the modulus, odd
 * @n: its limbs (its top limbs may be zero)
 *
 * Return: 0, or EINVAL for an even modulus or too many limbs.
 */
int pk_mont_init(struct pk_mont *c, const pk_limb *m, unsigned int n)
{
	pk_limb x, borrow;
	unsigned int i;

	if (!n || n > PK_MAXL || !(m[0] & 1))
		return EINVAL;
	memset(c, 0, sizeof(*c));
	c->lit1[0] = 1;
	c->n = n;
	memcpy(c->m, m, n * sizeof(*m));
	/* -m^-1 mod 2^W by Newton's iteration: 3, 6, 12, ... correct bits */
	x = m[0];
	for (i = 0; i < 6; i++)
		x *= 2 - m[0] * x;
	c->minv = (pk_limb)0 - x;
	/* 1 mod m (0 when m is 1), then doubled up to R mod m and R^2 mod m */
	c->one[0] = 1;
	borrow = pk_sub(c->u, c->one, c->m, n);	/* no borrow: m is 1 */
	pk_select(c->one, c->u, c->one, (pk_limb)0 - (borrow ^ 1), n);
	for (i = 0; i < n * W; i++)
		pk_mod_double(c->one, c);
	memcpy(c->rr, c->one, n * sizeof(*m));
	for (i = 0; i < n * W; i++)
		pk_mod_double(c->rr, c);
	return 0;
}

/**
 * pk_reduce() - r = x mod m, for any x of @xn limbs
 * @r: result, @c->n limbs
 * @x: the number
 * @xn: its limbs
 * @c: the modulus
 */
void pk_reduce(pk_limb *r, const pk_limb *x, unsigned int xn, struct pk_mont *c)
{
	pk_limb *acc = c->acc, *chunk = c->chunk;
	unsigned int n = c->n, chunks = DIV_ROUND_UP(xn, n), k, i;

	memset(acc, 0, n * sizeof(*acc));
	for (k = chunks; k-- > 0; ) {
		for (i = 0; i < n; i++)
			chunk[i] = k * n + i < xn ? x[k * n + i] : 0;
		pk_mont_mul(acc, acc, c->rr, c);	/* acc * R mod m */
		pk_mont_mul(chunk, chunk, c->rr, c);	/* chunk * R mod m */
		pk_mont_mul(chunk, chunk, c->lit1, c);	/* chunk mod m */
		pk_mod_add(acc, acc, chunk, c);
	}
	memcpy(r, acc, n * sizeof(*r));
}

/* r = a + b mod m, for a, b < m. */
void pk_mod_add(pk_limb *r, const pk_limb *a, const pk_limb *b, struct pk_mont *c)
{
	pk_limb *u = c->u, carry, borrow, mask;

	carry = pk_add(r, a, b, c->n);
	borrow = pk_sub(u, r, c->m, c->n);
	mask = (pk_limb)0 - ((carry | (borrow ^ 1)) & 1);
	pk_select(r, u, r, mask, c->n);
}

/* r = a - b mod m, for a, b < m. */
void pk_mod_sub(pk_limb *r, const pk_limb *a, const pk_limb *b, struct pk_mont *c)
{
	pk_limb *u = c->u, borrow;

	borrow = pk_sub(r, a, b, c->n);
	pk_add(u, r, c->m, c->n);
	pk_select(r, u, r, (pk_limb)0 - borrow, c->n);
}

/* r = a * b mod m, for a, b < m. */
void pk_mod_mul(pk_limb *r, const pk_limb *a, const pk_limb *b, struct pk_mont *c)
{
	pk_mont_mul(r, a, b, c);
	pk_mont_mul(r, r, c->rr, c);
}

/**
 * pk_mod_exp() - r = base^e mod m, in time that depends only on the lengths
 * @r: result, @c->n limbs
 * @base: below R (@c->n limbs)
 * @e: the exponent, PK_LIMBS(@ebits) limbs
 * @ebits: its length in bits (public)
 * @c: the modulus
 *
 * Context: process (allocates its window table).
 * Return: 0, ENOMEM, or ECANCELED when @c->stop became true or, with
 * @c->killable, a fatal signal came.
 */
int pk_mod_exp(pk_limb *r, const pk_limb *base, const pk_limb *e, unsigned int ebits,
	       struct pk_mont *c)
{
	unsigned int n = c->n, nw = DIV_ROUND_UP(ebits, 4), w, i, k;
	pk_limb (*tab)[PK_MAXL], *x, *sel;

	tab = kmalloc_array(18, sizeof(*tab), GFP_KERNEL);
	if (!tab)
		return ENOMEM;
	x = tab[16];
	sel = tab[17];
	memcpy(tab[0], c->one, n * sizeof(pk_limb));
	pk_mont_mul(tab[1], base, c->rr, c);
	for (i = 2; i < 16; i++)
		pk_mont_mul(tab[i], tab[i - 1], tab[1], c);
	memcpy(x, c->one, n * sizeof(pk_limb));
	for (w = nw; w-- > 0; ) {
		unsigned int bit = 4 * w;
		pk_limb win = (e[bit / W] >> (bit % W)) & 15;

		for (k = 0; k < 4; k++)
			pk_mont_mul(x, x, x, c);
		memset(sel, 0, n * sizeof(pk_limb));
		for (i = 0; i < 16; i++) {
			pk_limb mask = ~pk_nz_mask(win ^ i);

			for (k = 0; k < n; k++)
				sel[k] |= tab[i][k] & mask;
		}
		pk_mont_mul(x, x, sel, c);
		cond_resched();
		/* nobody waits for it: cancelled, or computed by a dying caller */
		if ((c->stop && READ_ONCE(*c->stop)) ||
		    (c->killable && fatal_signal_pending(current))) {
			kfree_sensitive(tab);
			return ECANCELED;
		}
	}
	pk_mont_mul(r, x, c->lit1, c);
	kfree_sensitive(tab);
	return 0;
}

/**
 * pk_mul() - r = a * b, in full
 * @r: @an + @bn limbs
 * @a: a number of @an limbs
 * @an: its limbs
 * @b: a number of @bn limbs
 * @bn: its limbs
 */
void pk_mul(pk_limb *r, const pk_limb *a, unsigned int an, const pk_limb *b,
	    unsigned int bn)
{
	unsigned int i, j;

	memset(r, 0, (an + bn) * sizeof(*r));
	for (i = 0; i < bn; i++) {
		pk_limb carry = 0;

		for (j = 0; j < an; j++) {
			pk_dlimb s = (pk_dlimb)a[j] * b[i] + r[i + j] + carry;

			r[i + j] = (pk_limb)s;
			carry = (pk_limb)(s >> W);
		}
		r[i + an] = carry;
	}
}
