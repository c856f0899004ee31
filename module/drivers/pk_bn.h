/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Constant-time big numbers for opencrypto_pk: fixed-length limb arrays
 * whose length is public (it comes from the parameters' crp_nbits), and no
 * branch or memory index that depends on a value. Montgomery arithmetic for
 * odd moduli; exponentiation with a fixed 4-bit window whose table is read
 * whole at every step.
 */
#ifndef OPENCRYPTO_DRIVERS_PK_BN_H
#define OPENCRYPTO_DRIVERS_PK_BN_H

#include <linux/types.h>

#ifdef CONFIG_ARCH_SUPPORTS_INT128
typedef u64 pk_limb;
typedef unsigned __int128 pk_dlimb;
#else
typedef u32 pk_limb;
typedef u64 pk_dlimb;
#endif

#define PK_LIMB_BITS	(sizeof(pk_limb) * 8)
#define PK_MAX_BITS	8192			/* moduli */
#define PK_MAX_IN_BITS	16384			/* other inputs (CIOCKEY's bound) */
#define PK_LIMBS(bits)	DIV_ROUND_UP(bits, PK_LIMB_BITS)
#define PK_MAXL		PK_LIMBS(PK_MAX_BITS)

/*
 * A modulus in Montgomery form, R = 2^(n * PK_LIMB_BITS), with the scratch
 * space of its operations (so that nothing big is on the stack): one
 * context is used by one thread at a time.
 */
struct pk_mont {
	unsigned int n;			/* limbs */
	pk_limb minv;			/* -m^-1 mod 2^PK_LIMB_BITS */
	pk_limb m[PK_MAXL];
	pk_limb rr[PK_MAXL];		/* R^2 mod m */
	pk_limb one[PK_MAXL];		/* R mod m: 1 in Montgomery form */
	pk_limb lit1[PK_MAXL];		/* the number 1 */
	pk_limb t[PK_MAXL + 2], u[PK_MAXL], acc[PK_MAXL], chunk[PK_MAXL];
	const bool *stop;		/* if set and true, pk_mod_exp() stops */
	bool killable;			/* it also stops on a fatal signal */
};

void pk_load(pk_limb *x, unsigned int n, const u8 *le, unsigned int len);
void pk_load_be(pk_limb *x, unsigned int n, const u8 *be, unsigned int len);
void pk_store(u8 *le, unsigned int len, const pk_limb *x, unsigned int n);
bool pk_is_zero(const pk_limb *x, unsigned int n);
pk_limb pk_eq_mask(const pk_limb *a, const pk_limb *b, unsigned int n);
pk_limb pk_lt_mask(const pk_limb *a, const pk_limb *b, unsigned int n);

int pk_mont_init(struct pk_mont *c, const pk_limb *m, unsigned int n);
void pk_mont_mul(pk_limb *r, const pk_limb *a, const pk_limb *b,
		 struct pk_mont *c);
void pk_reduce(pk_limb *r, const pk_limb *x, unsigned int xn, struct pk_mont *c);
void pk_mod_add(pk_limb *r, const pk_limb *a, const pk_limb *b, struct pk_mont *c);
void pk_mod_sub(pk_limb *r, const pk_limb *a, const pk_limb *b, struct pk_mont *c);
void pk_mod_mul(pk_limb *r, const pk_limb *a, const pk_limb *b, struct pk_mont *c);
int pk_mod_exp(pk_limb *r, const pk_limb *base, const pk_limb *e, unsigned int ebits,
	       struct pk_mont *c);
void pk_mul(pk_limb *r, const pk_limb *a, unsigned int an, const pk_limb *b,
	    unsigned int bn);
pk_limb pk_add(pk_limb *r, const pk_limb *a, const pk_limb *b, unsigned int n);
pk_limb pk_sub(pk_limb *r, const pk_limb *a, const pk_limb *b, unsigned int n);

#endif /* OPENCRYPTO_DRIVERS_PK_BN_H */
