/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cryptobench: what the main program and the paths (cdev.c: /dev/crypto,
 * afalg.c: AF_ALG, ref.c: OpenSSL and the kernel benchmark module) share.
 */
#ifndef CRYPTOBENCH_H
#define CRYPTOBENCH_H

#include <stdint.h>

#include "bench.h"

enum kind { K_CIPHER, K_AEAD, K_HASH, K_MAC, K_PK };

struct balg {
	const char *name;	/* bench.h's name */
	enum kind kind;
	int cipher, mac;	/* CRYPTO_* of <crypto/cryptodev.h> */
	unsigned int keylen, ivlen;
	unsigned int outlen;	/* digest or tag bytes */
	const char *af_type, *af_name;	/* AF_ALG's type and generic name */
};

/* Where /dev/crypto sessions go: one set of rows runs on one choice. */
struct env {
	int crid;		/* -1: the framework's choice, else CIOCGSESSION2's crid */
	int got_crid;		/* the driver the alg's session landed on (-1: unknown) */
	char ocf_name[48];	/* its opencrypto name */
	char cra[64];		/* the Linux driver serving it (cra_driver_name) */
};

enum rstat { ROW_OK, ROW_NA, ROW_ERR };

#define MAXROUNDS 100	/* -R */

struct row {
	const struct balg *alg;
	unsigned int size;
	char path[24];
	char driver[64];
	int set;		/* which env (0: the main one) */
	enum rstat st;
	unsigned long long ops, ns;	/* of its best round */
	char note[200];
	unsigned int nrounds;
	double rate[MAXROUNDS];		/* ops/s of each round (0: failed) */
};

extern unsigned int opt_msecs;
extern const char *opt_corrupt;

uint64_t now_ns(void);

/*
 * The clock of a timed loop. Reading it is a system call in a guest whose
 * clocksource has no vDSO (QEMU's HPET): read once per operation it would
 * cost each path the same time and flatten every ratio. So it is read
 * every few operations, the stride growing while reads come less than
 * 50 us apart and shrinking when they are more than 500 us apart; the loop
 * stops only on a read, so ops and the time they took always match.
 */
struct btimer {
	uint64_t t0, end, now;
	unsigned int since, stride;
};

void btimer_start(struct btimer *bt);
/* After each counted operation: 1 to go on, 0 when the time is up. */
int btimer_more(struct btimer *bt);
/* The time from btimer_start() to the last clock read. */
static inline uint64_t btimer_ns(const struct btimer *bt)
{
	return bt->now - bt->t0;
}
void bench_patterns(unsigned char *key, unsigned char *iv, unsigned char *data, unsigned int size);
/* The 16 check bytes of an operation's output (bench.h's BENCH_CHECK). */
void check_of(const struct balg *a, unsigned int size, const unsigned char *out,
	      const unsigned char *mac, unsigned char chk[BENCH_CHECK_BYTES]);
/*
 * Compare a path's check value with OpenSSL's; on a mismatch mark the row an
 * error. (--corrupt PATH flips a bit first: to test that this catches it.)
 */
int check_row(struct row *r, const unsigned char *want, unsigned char *got);
void row_error(struct row *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void row_na(struct row *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void hex(const unsigned char *b, unsigned int n, char *out);

/* ref.c */
int ossl_check(const struct balg *a, unsigned int size, unsigned char chk[BENCH_CHECK_BYTES]);
void run_openssl(const struct balg *a, unsigned int size, const unsigned char *want, struct row *r);
void run_kernel(const struct balg *a, unsigned int size, const char *which,
		const struct env *e, const unsigned char *want, struct row *r);
void run_call(const struct balg *a, unsigned int size, const struct env *e,
	      const unsigned char *want, struct row *r);

/* cdev.c */
int env_probe(const struct balg *a, struct env *e, char *why, unsigned int whylen);
void run_cdev(const struct balg *a, unsigned int size, const struct env *e,
	      const unsigned char *want, struct row *r, unsigned int threads);
void zc_restore(void);
void run_syscall(struct row *r);

/* afalg.c */
void run_afalg(const struct balg *a, unsigned int size, const struct env *e, int setup,
	       const unsigned char *want, struct row *r);

#endif /* CRYPTOBENCH_H */
