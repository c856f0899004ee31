// SPDX-License-Identifier: GPL-2.0-only
/*
 * Keying operations through CIOCKEY / CIOCKEY2, compared with OpenSSL's BN
 * (libcrypto linked statically): MOD_EXP on random inputs at 512 to 4096
 * bits and the edge cases (exponent 0, base 0, base at or above the
 * modulus, 1-bit values, modulus 1), MOD_EXP_CRT with RSA keys made by
 * OpenSSL, DSA signatures checked by OpenSSL and OpenSSL's checked by us,
 * DH, and every bad-input class with its status or errno. The requests go
 * to opencrypto_pk by CIOCKEY2 (its crid from CIOCFINDDEV), then once by
 * plain CIOCKEY.
 */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <openssl/bn.h>
#include <openssl/dsa.h>
#include <openssl/rsa.h>

#include <crypto/cryptodev.h>

#include "ktap.h"

static int fd, crid = -1;
static BN_CTX *ctx;

/* A parameter from a BN: little-endian bytes of @bits bits (0: its own). */
struct par {
	unsigned char b[2048];
	unsigned int bits;
};

static void to_par(struct par *p, const BIGNUM *x, int bits)
{
	memset(p->b, 0, sizeof(p->b));
	BN_bn2lebinpad(x, p->b, BN_num_bytes(x));
	p->bits = bits ? bits : (BN_num_bits(x) ? BN_num_bits(x) : 1);
}

static BIGNUM *from_par(const struct par *p)
{
	return BN_lebin2bn(p->b, (p->bits + 7) / 8, NULL);
}

/* Run @op with @in inputs then @out outputs; returns errno or crk_status. */
static int kop(int op, struct par *ps, int in, int out, int *status)
{
	struct crypt_kop k;
	int i;

	memset(&k, 0, sizeof(k));
	k.crk_op = op;
	k.crk_iparams = in;
	k.crk_oparams = out;
	k.crk_crid = crid;
	for (i = 0; i < in + out; i++) {
		k.crk_param[i].crp_p = ps[i].b;
		k.crk_param[i].crp_nbits = ps[i].bits;
	}
	if (ioctl(fd, crid >= 0 ? CIOCKEY2 : CIOCKEY, &k))
		return errno;
	*status = k.crk_status;
	return 0;
}

static BIGNUM *rnd(int bits, int top, int odd)
{
	BIGNUM *x = BN_new();

	BN_rand(x, bits, top, odd);
	return x;
}

static int modexp_case(const BIGNUM *b, const BIGNUM *e, const BIGNUM *m, char *why)
{
	struct par ps[4];
	BIGNUM *want = BN_new(), *got;
	int st = -1, err, ok;

	to_par(&ps[0], b, 0);
	to_par(&ps[1], e, 0);
	to_par(&ps[2], m, 0);
	ps[3].bits = BN_num_bits(m);
	BN_mod_exp(want, b, e, m, ctx);
	err = kop(CRK_MOD_EXP, ps, 3, 1, &st);
	got = from_par(&ps[3]);
	ok = !err && !st && !BN_cmp(got, want);
	if (!ok)
		snprintf(why, 200, "%d-bit modulus: errno %d status %d%s", BN_num_bits(m), err, st,
			 !err && !st ? ", wrong result" : "");
	BN_free(want);
	BN_free(got);
	return ok;
}

static void test_mod_exp(void)
{
	static const int sizes[] = { 512, 1024, 2048, 3072, 4096 };
	char why[200] = "";
	int i, k, ok = 1;

	for (i = 0; ok && i < 5; i++)
		for (k = 0; ok && k < 3; k++) {
			BIGNUM *m = rnd(sizes[i], BN_RAND_TOP_ONE, 1);
			BIGNUM *b = rnd(sizes[i] + (k == 2 ? 64 : 0), BN_RAND_TOP_ANY, 0);
			BIGNUM *e = rnd(k ? sizes[i] : 17, BN_RAND_TOP_ANY, 0);

			ok = modexp_case(b, e, m, why);
			BN_free(m);
			BN_free(b);
			BN_free(e);
		}
	if (!ktap_result(ok, "MOD_EXP = BN_mod_exp on random inputs, 512 to 4096 bits, base above the modulus too"))
		ktap_print("  %s", why);

	{	/* edge cases */
		BIGNUM *m = rnd(1024, BN_RAND_TOP_ONE, 1), *b = rnd(1000, BN_RAND_TOP_ANY, 0);
		BIGNUM *zero = BN_new(), *one = BN_new(), *e = rnd(1024, BN_RAND_TOP_ANY, 0);

		BN_zero(zero);
		BN_one(one);
		ok = modexp_case(b, zero, m, why) && modexp_case(zero, e, m, why) &&
		     modexp_case(m, e, m, why) && modexp_case(one, one, m, why) &&
		     modexp_case(b, e, one, why);
		if (!ktap_result(ok, "MOD_EXP edges: exponent 0, base 0, base = modulus, 1-bit values, modulus 1"))
			ktap_print("  %s", why);
		BN_free(m);
		BN_free(b);
		BN_free(zero);
		BN_free(one);
		BN_free(e);
	}
}

static void test_mod_exp_errors(void)
{
	BIGNUM *m = rnd(512, BN_RAND_TOP_ONE, 1), *b = rnd(500, BN_RAND_TOP_ANY, 0);
	struct par ps[4];
	struct crypt_kop k;
	int st = -1, err;

	to_par(&ps[0], b, 0);
	to_par(&ps[1], b, 0);
	to_par(&ps[2], m, 0);
	ps[3].bits = 512;
	ps[2].b[0] &= ~1;			/* even */
	err = kop(CRK_MOD_EXP, ps, 3, 1, &st);
	ktap_result(!err && st == EINVAL, "an even modulus: status EINVAL (%d, %d)", err, st);
	memset(ps[2].b, 0, sizeof(ps[2].b));
	err = kop(CRK_MOD_EXP, ps, 3, 1, &st);
	ktap_result(!err && st == EINVAL, "a zero modulus: status EINVAL (%d, %d)", err, st);
	to_par(&ps[2], m, 0);
	ps[3].bits = 256;
	err = kop(CRK_MOD_EXP, ps, 3, 1, &st);
	ktap_result(!err && st == ENOSPC, "an output shorter than the modulus: status ENOSPC (%d, %d)", err, st);
	ps[3].bits = 512;
	ps[0].bits = 3;
	ps[0].b[0] = 0x0f;			/* bit 3 set beyond crp_nbits */
	err = kop(CRK_MOD_EXP, ps, 3, 1, &st);
	ktap_result(!err && st == EINVAL, "bits set beyond crp_nbits: status EINVAL (%d, %d)", err, st);
	to_par(&ps[0], b, 0);
	err = kop(CRK_MOD_EXP, ps, 2, 2, &st);
	ktap_result(!err && st == EINVAL, "wrong parameter counts: status EINVAL (%d, %d)", err, st);
	ps[1].bits = 20000;
	err = kop(CRK_MOD_EXP, ps, 3, 1, &st);
	ktap_result(err == E2BIG, "a parameter of 20000 bits: E2BIG (%d)", err);
	memset(&k, 0, sizeof(k));
	k.crk_op = CRK_MOD_EXP;
	ktap_expect_errno(ioctl(fd, CIOCKEY, &k), EINVAL, "no parameters at all: EINVAL");
	k.crk_op = 99;
	k.crk_iparams = 1;
	k.crk_param[0].crp_p = ps[0].b;
	k.crk_param[0].crp_nbits = 8;
	ktap_expect_errno(ioctl(fd, CIOCKEY, &k), EINVAL, "an unknown operation: EINVAL");
	k.crk_op = CRK_MOD_EXP;
	k.crk_iparams = 3;
	k.crk_oparams = 1;
	k.crk_param[1] = k.crk_param[0];
	k.crk_param[2] = k.crk_param[0];
	k.crk_param[3].crp_p = (void *)16;
	k.crk_param[3].crp_nbits = 8;
	k.crk_param[2].crp_p[0] = 7;
	ktap_expect_errno(ioctl(fd, CIOCKEY, &k), EFAULT, "a wild output pointer: EFAULT");
	BN_free(m);
	BN_free(b);
}

static void test_crt(void)
{
	static const int sizes[] = { 512, 1024, 2048 };
	char why[200] = "";
	int i, ok = 1, st = -1, err = 0;

	for (i = 0; ok && i < 3; i++) {
		RSA *rsa = RSA_new();
		BIGNUM *e = BN_new(), *c, *want = BN_new(), *got;
		const BIGNUM *n, *d, *p, *q, *dp, *dq, *qi;
		struct par ps[7];

		BN_set_word(e, 65537);
		RSA_generate_key_ex(rsa, sizes[i], e, NULL);
		RSA_get0_key(rsa, &n, NULL, &d);
		RSA_get0_factors(rsa, &p, &q);
		RSA_get0_crt_params(rsa, &dp, &dq, &qi);
		c = rnd(sizes[i] - 1, BN_RAND_TOP_ANY, 0);
		BN_mod_exp(want, c, d, n, ctx);
		to_par(&ps[0], p, 0);
		to_par(&ps[1], q, 0);
		to_par(&ps[2], c, 0);
		to_par(&ps[3], dp, 0);
		to_par(&ps[4], dq, 0);
		to_par(&ps[5], qi, 0);
		ps[6].bits = BN_num_bits(n);
		err = kop(CRK_MOD_EXP_CRT, ps, 6, 1, &st);
		got = from_par(&ps[6]);
		ok = !err && !st && !BN_cmp(got, want);
		if (!ok)
			snprintf(why, sizeof(why), "RSA-%d: errno %d status %d", sizes[i], err, st);
		BN_free(got);
		BN_free(want);
		BN_free(c);
		BN_free(e);
		RSA_free(rsa);
	}
	if (!ktap_result(ok, "MOD_EXP_CRT = c^d mod n for RSA-512/1024/2048 keys made by OpenSSL"))
		ktap_print("  %s", why);
}

static void test_dsa(void)
{
	static const int sizes[] = { 1024, 2048 };
	unsigned char dgst[32];
	char why[200] = "";
	int i, ok = 1, bad = 1, st = -1, err;

	for (i = 0; ok && i < 2; i++) {
		DSA *dsa = DSA_new();
		const BIGNUM *p, *q, *g, *pub, *priv, *sr, *ss;
		BIGNUM *m, *r, *s;
		DSA_SIG *sig;
		struct par ps[7];
		int qbytes;

		DSA_generate_parameters_ex(dsa, sizes[i], NULL, 0, NULL, NULL, NULL);
		DSA_generate_key(dsa);
		DSA_get0_pqg(dsa, &p, &q, &g);
		DSA_get0_key(dsa, &pub, &priv);
		qbytes = (BN_num_bits(q) + 7) / 8;
		memset(dgst, 0x5a + i, sizeof(dgst));
		m = BN_bin2bn(dgst, qbytes < 32 ? qbytes : 32, NULL);
		/* the digest goes as the hash's bytes, like OpenSSL's old engine */
		memset(ps[0].b, 0, sizeof(ps[0].b));
		memcpy(ps[0].b, dgst, sizeof(dgst));
		ps[0].bits = 8 * sizeof(dgst);
		to_par(&ps[1], p, 0);
		to_par(&ps[2], q, 0);
		to_par(&ps[3], g, 0);
		to_par(&ps[4], priv, 0);
		ps[5].bits = ps[6].bits = BN_num_bits(q);
		err = kop(CRK_DSA_SIGN, ps, 5, 2, &st);
		r = from_par(&ps[5]);
		s = from_par(&ps[6]);
		sig = DSA_SIG_new();
		DSA_SIG_set0(sig, r, s);
		ok = !err && !st && DSA_do_verify(dgst, qbytes < 32 ? qbytes : 32, sig, dsa) == 1;
		DSA_SIG_free(sig);
		if (!ok) {
			snprintf(why, sizeof(why), "DSA-%d sign: errno %d status %d", sizes[i], err, st);
			break;
		}
		/* OpenSSL's signature, checked by us; then a tampered one */
		sig = DSA_do_sign(dgst, qbytes < 32 ? qbytes : 32, dsa);
		DSA_SIG_get0(sig, &sr, &ss);
		to_par(&ps[4], pub, 0);
		to_par(&ps[5], sr, BN_num_bits(q));
		to_par(&ps[6], ss, BN_num_bits(q));
		err = kop(CRK_DSA_VERIFY, ps, 7, 0, &st);
		ok = !err && st == 0;
		if (!ok)
			snprintf(why, sizeof(why), "DSA-%d verify: errno %d status %d", sizes[i], err, st);
		ps[5].b[0] ^= 1;
		err = kop(CRK_DSA_VERIFY, ps, 7, 0, &st);
		bad &= !err && st == EBADMSG;
		ps[5].b[0] ^= 1;
		ps[0].b[0] ^= 1;
		err = kop(CRK_DSA_VERIFY, ps, 7, 0, &st);
		bad &= !err && st == EBADMSG;
		DSA_SIG_free(sig);
		BN_free(m);
		DSA_free(dsa);
	}
	if (!ktap_result(ok, "DSA-1024/2048: our signatures pass DSA_do_verify, OpenSSL's pass ours"))
		ktap_print("  %s", why);
	ktap_result(bad, "DSA_VERIFY: a changed r or digest is status EBADMSG");
}

/* g of 0 or 1 (mod p) cannot sign: status EINVAL, not a signature tried for ever. */
static void test_dsa_bad_g(void)
{
	DSA *dsa = DSA_new();
	const BIGNUM *p, *q, *g, *priv;
	struct par ps[7];
	int st0 = -1, st1 = -1, err0, err1;

	DSA_generate_parameters_ex(dsa, 1024, NULL, 0, NULL, NULL, NULL);
	DSA_generate_key(dsa);
	DSA_get0_pqg(dsa, &p, &q, &g);
	DSA_get0_key(dsa, NULL, &priv);
	memset(ps, 0, sizeof(ps));
	ps[0].b[0] = 0x5a;
	ps[0].bits = 8;
	to_par(&ps[1], p, 0);
	to_par(&ps[2], q, 0);
	to_par(&ps[4], priv, 0);
	ps[5].bits = ps[6].bits = BN_num_bits(q);
	to_par(&ps[3], p, 0);			/* g = p: 0 mod p */
	err0 = kop(CRK_DSA_SIGN, ps, 5, 2, &st0);
	memset(ps[3].b, 0, sizeof(ps[3].b));
	ps[3].b[0] = 1;				/* g = 1 */
	ps[3].bits = 1;
	err1 = kop(CRK_DSA_SIGN, ps, 5, 2, &st1);
	ktap_result(!err0 && st0 == EINVAL && !err1 && st1 == EINVAL,
		    "DSA_SIGN with g = 0 or 1 mod p: status EINVAL (%d %d, %d %d)",
		    err0, st0, err1, st1);
	DSA_free(dsa);
}

/* kops and kerrors of opencrypto_pk0 (debugfs); 0 when read. */
static int pk_counts(unsigned long long *kops, unsigned long long *kerr)
{
	FILE *f = fopen("/sys/kernel/debug/opencrypto/drivers", "r");
	unsigned long long ops, errs;
	char line[512], name[64];
	int found = 0;

	while (f && !found && fgets(line, sizeof(line), f))
		found = sscanf(line, "%*d %63s %*s %*s %*s %*d %llu %llu %llu %llu",
			       name, &ops, &errs, kops, kerr) == 5 &&
			!strcmp(name, "opencrypto_pk0");
	if (f)
		fclose(f);
	return found ? 0 : -1;
}

/*
 * A MOD_EXP as long as its lengths make it: modulus 2^@mbits - 1 (odd), a
 * base of @base bytes below it, an exponent of @ebits bits, all ones.
 */
static void long_modexp(struct par *ps, unsigned int mbits, unsigned int ebits,
			unsigned char base)
{
	memset(ps, 0, 4 * sizeof(*ps));
	memset(ps[0].b, base, mbits / 8 - 1);
	ps[0].bits = mbits;
	memset(ps[1].b, 0xff, ebits / 8);
	ps[1].bits = ebits;
	memset(ps[2].b, 0xff, mbits / 8);
	ps[2].bits = mbits;
	ps[3].bits = mbits;
}

/*
 * A caller killed in a long CIOCKEY: the driver stops (ECANCELED, counted
 * as an error) instead of finishing seconds of work nobody reads. An
 * 8192-bit modulus with a 16384-bit exponent takes seconds in the guest;
 * the caller is killed after 300 ms.
 */
static void test_cancel(void)
{
	unsigned long long ops0, err0, ops1 = 0, err1 = 0;
	struct par ps[4];
	int st, i, ok;
	pid_t pid;

	long_modexp(ps, 8192, 16384, 0xa5);
	ok = !pk_counts(&ops0, &err0);
	pid = ok ? fork() : -1;
	if (pid == 0) {
		kop(CRK_MOD_EXP, ps, 3, 1, &st);
		_exit(0);
	}
	usleep(300000);
	if (pid > 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
	for (i = 0; ok && i < 600; i++) {	/* until the driver is done with it */
		ok = !pk_counts(&ops1, &err1);
		if (ops1 > ops0)
			break;
		usleep(100000);
	}
	ktap_result(ok && pid > 0 && ops1 == ops0 + 1 && err1 == err0 + 1,
		    "a caller killed in a long MOD_EXP: the driver stops, the request ends in error (ops +%llu, errors +%llu)",
		    ops1 - ops0, err1 - err0);
}

static double secs(const struct timeval *t)
{
	return t->tv_sec + t->tv_usec / 1e6;
}

/*
 * Keying work on a software driver is the caller's CPU time: computed in
 * its thread (CRYPTO_KF_MAYSLEEP), so charged to it and its cgroup, not to
 * a kernel worker while it sleeps. 4096-bit MOD_EXPs for at least 300 ms:
 * the process's user + system time must be at least half the time that
 * passed (before, it was the few microseconds of the system calls).
 */
static void test_charged(const char *drv)
{
	struct crypt_find_op f;
	struct timespec t0, t1;
	struct rusage r0, r1;
	int saved = crid, n = 0, st = 0, err = 0;
	double wall = 0, cpu;
	struct par ps[4];

	memset(&f, 0, sizeof(f));
	f.crid = -1;
	snprintf(f.name, sizeof(f.name), "%s", drv);
	if (ioctl(fd, CIOCFINDDEV, &f)) {
		ktap_result(0, "MOD_EXP on %s: the caller's CPU time (no such driver: %s)", drv,
			    strerror(errno));
		return;
	}
	long_modexp(ps, 4096, 4096, 0x5a);
	crid = f.crid;
	getrusage(RUSAGE_SELF, &r0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (!err && !st && (n < 3 || wall < 0.3)) {
		err = kop(CRK_MOD_EXP, ps, 3, 1, &st);
		n++;
		clock_gettime(CLOCK_MONOTONIC, &t1);
		wall = t1.tv_sec - t0.tv_sec + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	}
	getrusage(RUSAGE_SELF, &r1);
	crid = saved;
	cpu = secs(&r1.ru_utime) + secs(&r1.ru_stime) - secs(&r0.ru_utime) - secs(&r0.ru_stime);
	ktap_result(!err && !st && cpu >= wall / 2,
		    "MOD_EXP on %s is the caller's CPU time: %.3f s of %.3f s, %d ops (errno %d, status %d)",
		    drv, cpu, wall, n, err, st);
}

static void test_dh(void)
{
	static const int sizes[] = { 1024, 2048, 4096 };
	char why[200] = "";
	int i, ok = 1, st = -1, err;
	struct par ps[4];

	for (i = 0; ok && i < 3; i++) {
		BIGNUM *p = rnd(sizes[i], BN_RAND_TOP_ONE, 1), *x = rnd(256, BN_RAND_TOP_ANY, 0);
		BIGNUM *peer = rnd(sizes[i] - 2, BN_RAND_TOP_ONE, 0), *want = BN_new(), *got;

		BN_mod_exp(want, peer, x, p, ctx);
		to_par(&ps[0], x, 0);
		to_par(&ps[1], peer, 0);
		to_par(&ps[2], p, 0);
		ps[3].bits = sizes[i];
		err = kop(CRK_DH_COMPUTE_KEY, ps, 3, 1, &st);
		got = from_par(&ps[3]);
		ok = !err && !st && !BN_cmp(got, want);
		if (!ok)
			snprintf(why, sizeof(why), "DH-%d: errno %d status %d", sizes[i], err, st);
		if (i == 0) {	/* peer keys 1 and p - 1 are refused */
			BIGNUM *one = BN_new(), *pm1 = BN_dup(p);

			BN_one(one);
			BN_sub_word(pm1, 1);
			to_par(&ps[1], one, 0);
			err = kop(CRK_DH_COMPUTE_KEY, ps, 3, 1, &st);
			ktap_result(!err && st == EINVAL, "DH: a peer key of 1 is status EINVAL");
			to_par(&ps[1], pm1, 0);
			err = kop(CRK_DH_COMPUTE_KEY, ps, 3, 1, &st);
			ktap_result(!err && st == EINVAL, "DH: a peer key of p - 1 is status EINVAL");
			BN_free(one);
			BN_free(pm1);
		}
		BN_free(p);
		BN_free(x);
		BN_free(peer);
		BN_free(want);
		BN_free(got);
	}
	if (!ktap_result(ok, "DH_COMPUTE_KEY = peer^x mod p at 1024, 2048, 4096 bits"))
		ktap_print("  %s", why);
}

int main(void)
{
	struct crypt_find_op f;
	__u32 feat = 0;

	ktap_plan(26);
	ctx = BN_CTX_new();
	fd = open("/dev/crypto", O_RDWR);
	if (!ktap_result(fd >= 0, "open /dev/crypto"))
		return ktap_finish();
	ioctl(fd, CIOCASYMFEAT, &feat);
	ktap_result((feat & 0x1f) == 0x1f, "CIOCASYMFEAT: all five operations (%#x)", feat);
	memset(&f, 0, sizeof(f));
	f.crid = -1;
	strcpy(f.name, "opencrypto_pk");
	if (ktap_result(!ioctl(fd, CIOCFINDDEV, &f), "CIOCFINDDEV finds opencrypto_pk"))
		ktap_print("crid %d", f.crid);
	crid = f.crid;		/* CIOCKEY2 on it, whatever else registers */
	test_mod_exp();
	test_mod_exp_errors();
	test_crt();
	test_dsa();
	test_dsa_bad_g();
	test_dh();
	test_cancel();
	test_charged("opencrypto_pk");
	test_charged("linux_generic");
	{
		struct par ps[4];
		int saved = crid, st = -1, err;

		memset(ps, 0, sizeof(ps));
		ps[0].b[0] = 3;
		ps[0].bits = ps[1].bits = ps[2].bits = ps[3].bits = 8;
		ps[1].b[0] = 3;
		ps[2].b[0] = 7;
		crid = 0;		/* driver 0: the framework's own, no keying */
		err = kop(CRK_MOD_EXP, ps, 3, 1, &st);
		crid = saved;
		ktap_result(!err && st == ENODEV,
			    "CIOCKEY2 on driver 0, which has no keying: status ENODEV (%d, %d)",
			    err, st);
	}
	crid = -1;
	{
		BIGNUM *m = rnd(512, BN_RAND_TOP_ONE, 1), *b = rnd(500, BN_RAND_TOP_ANY, 0);
		char why[200] = "";

		if (!ktap_result(modexp_case(b, b, m, why), "plain CIOCKEY (no crid) works too"))
			ktap_print("  %s", why);
		BN_free(m);
		BN_free(b);
	}
	close(fd);
	BN_CTX_free(ctx);
	return ktap_finish();
}
