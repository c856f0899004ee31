// SPDX-License-Identifier: GPL-2.0-only
/*
 * cryptobench: throughput of /dev/crypto's ways of doing the same work
 * (sync, zero-copy on and off, async with N in flight, N threads, a session
 * per operation), of AF_ALG on the same Linux driver, of the kernel
 * benchmark module (the Linux transform called directly: the limit; and the
 * framework from a kernel consumer) and of OpenSSL in user space, in the
 * spirit of FreeBSD's cryptotest and cryptodev-linux's speed. Every path's
 * answer is compared with OpenSSL's before it is timed: a wrong answer is
 * an error row and exit status 1. Documentation/cryptobench.md.
 *
 *   cryptobench [-a ALG,...] [-s SIZE,...] [-p PATH,...] [-d DRIVER] [-t N]
 *               [-T MSECS] [-R N] [--csv FILE] [--csv-stdout] [--quick]
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <crypto/cryptodev.h>

#include "cryptobench.h"

static const struct balg algs[] = {
	{ "aes-128-cbc", K_CIPHER, CRYPTO_AES_CBC, 0, 16, 16, 0, "skcipher", "cbc(aes)" },
	{ "aes-256-gcm", K_AEAD, CRYPTO_AES_GCM, 0, 32, 12, 16, "aead", "gcm(aes)" },
	{ "aes-128-ctr", K_CIPHER, CRYPTO_AES_CTR, 0, 16, 16, 0, "skcipher", "ctr(aes)" },
	{ "sha256", K_HASH, 0, CRYPTO_SHA2_256, 0, 0, 32, "hash", "sha256" },
	{ "hmac-sha256", K_MAC, 0, CRYPTO_SHA2_256_HMAC, 32, 0, 32, "hash", "hmac(sha256)" },
	{ "null", K_CIPHER, CRYPTO_NULL, 0, 0, 0, 0, "skcipher", "ecb(cipher_null)" },
	{ "modexp-2048", K_PK, 0, 0, 0, 0, 0, NULL, NULL },
};
#define NALGS (sizeof(algs) / sizeof(algs[0]))

static const char *const std_paths[] = {
	"sync", "sync-zc", "sync-copy", "async-1", "async-8", "async-32", "threads",
	"session-per-op", "af_alg", "af_alg-setup", "syscall", "syscall-tfm", "kernel-tfm",
	"kernel-ocf", "openssl",
};
#define NPATHS (sizeof(std_paths) / sizeof(std_paths[0]))

static const unsigned int std_sizes[] = { 16, 64, 256, 512, 1024, 4096, 16384, 65536 };
static const unsigned int quick_sizes[] = { 64, 16384 };
#define MAXSIZES 32
#define MAXROWS 4096
#define SETUP_SIZE 64	/* af_alg-setup's one operation */

unsigned int opt_msecs = 300;	/* of one round */
static unsigned int opt_rounds = 3;
const char *opt_corrupt;

static struct row rows[MAXROWS];
static unsigned int nrows;
static struct env envs[2][NALGS];	/* [set][alg] */
static const char *set_label[2];

uint64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000ULL + t.tv_nsec;
}

#define BTIMER_MAX_STRIDE	1024

void btimer_start(struct btimer *bt)
{
	bt->t0 = now_ns();
	bt->now = bt->t0;
	bt->end = bt->t0 + opt_msecs * 1000000ULL;
	bt->since = 0;
	bt->stride = 1;
}

int btimer_more(struct btimer *bt)
{
	uint64_t t, gap;

	if (++bt->since < bt->stride)
		return 1;
	t = now_ns();
	gap = t - bt->now;
	bt->now = t;
	bt->since = 0;
	if (gap < 50000 && bt->stride < BTIMER_MAX_STRIDE)
		bt->stride *= 2;
	else if (gap > 500000 && bt->stride > 1)
		bt->stride /= 2;
	return t < bt->end;
}

void bench_patterns(unsigned char *key, unsigned char *iv, unsigned char *data, unsigned int size)
{
	unsigned int i;

	for (i = 0; key && i < 64; i++)
		key[i] = bench_key_byte(i);
	for (i = 0; iv && i < 16; i++)
		iv[i] = bench_iv_byte(i);
	for (i = 0; data && i < size; i++)
		data[i] = bench_data_byte(i);
}

void check_of(const struct balg *a, unsigned int size, const unsigned char *out,
	      const unsigned char *mac, unsigned char chk[BENCH_CHECK_BYTES])
{
	memset(chk, 0, BENCH_CHECK_BYTES);
	switch (a->kind) {
	case K_CIPHER:
		if (size >= BENCH_CHECK_BYTES)
			memcpy(chk, out + size - BENCH_CHECK_BYTES, BENCH_CHECK_BYTES);
		else
			memcpy(chk, out, size);
		break;
	case K_AEAD:
	case K_HASH:
	case K_MAC:
		memcpy(chk, mac, BENCH_CHECK_BYTES);
		break;
	case K_PK:	/* the paths take the last 16 bytes themselves */
		break;
	}
}

void hex(const unsigned char *b, unsigned int n, char *out)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", b[i]);
	out[2 * n] = 0;
}

static void row_set(struct row *r, enum rstat st, const char *fmt, va_list ap)
{
	char msg[sizeof(r->note)];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (r->note[0] && r->st == ROW_OK) {	/* keep an earlier remark */
		char old[sizeof(r->note)];
		size_t n = strlen(msg), o;

		memcpy(old, r->note, sizeof(old));
		o = strlen(old);
		memcpy(r->note, msg, n);
		if (n + 2 + o < sizeof(r->note)) {
			memcpy(r->note + n, "; ", 2);
			memcpy(r->note + n + 2, old, o + 1);
		} else {
			r->note[n] = 0;
		}
	} else {
		snprintf(r->note, sizeof(r->note), "%s", msg);
	}
	r->st = st;
	r->ops = r->ns = 0;
}

void row_error(struct row *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	row_set(r, ROW_ERR, fmt, ap);
	va_end(ap);
}

void row_na(struct row *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	row_set(r, ROW_NA, fmt, ap);
	va_end(ap);
}

int check_row(struct row *r, const unsigned char *want, unsigned char *got)
{
	char w[2 * BENCH_CHECK_BYTES + 1], g[2 * BENCH_CHECK_BYTES + 1];

	if (opt_corrupt && !strcmp(opt_corrupt, r->path))
		got[0] ^= 1;
	if (!memcmp(want, got, BENCH_CHECK_BYTES))
		return 0;
	hex(want, BENCH_CHECK_BYTES, w);
	hex(got, BENCH_CHECK_BYTES, g);
	row_error(r, "WRONG RESULT: check %s, OpenSSL %s", g, w);
	return -1;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: cryptobench [-a ALG,...] [-s SIZE,...] [-p PATH,...] [-d DRIVER] [-t N]\n"
		"                   [-T MSECS] [-R N] [--csv FILE] [--csv-stdout] [--quick]\n"
		"  -a ALG     aes-128-cbc aes-256-gcm aes-128-ctr sha256 hmac-sha256 null\n"
		"             modexp-2048 (repeatable or a comma list; default: all)\n"
		"  -s SIZES   bytes per operation (default 16,64,256,512,1024,4096,16384,65536)\n"
		"  -p PATHS   sync sync-zc sync-copy async-1 async-8 async-32 (async: all three)\n"
		"             threads session-per-op af_alg af_alg-setup syscall syscall-tfm\n"
		"             kernel-tfm kernel-ocf openssl (default: all)\n"
		"  -d DRIVER  opencrypto driver (name or crid) for /dev/crypto and kernel-ocf;\n"
		"             default: the framework's choice; without -p, aes-128-cbc also on\n"
		"             the other class: on software with every path when the framework\n"
		"             chooses virtio_crypto, else on virtio_crypto (sync, async,\n"
		"             kernel-tfm) when present\n"
		"  -t N       threads of the threads path (default: the CPUs)\n"
		"  -T MSECS   time per measurement (default 300), shared by its rounds\n"
		"  -R N       rounds: the paths of a size take turns N times, each row keeps\n"
		"             its best round (default 3; --quick: 1)\n"
		"  --csv FILE, --csv-stdout   the rows as CSV (stdout: between '--- csv begin ---'\n"
		"             and '--- csv end ---')\n"
		"  --quick    sizes 64,16384, 50 ms, one round: a smoke test\n"
		"  --corrupt PATH  (testing) flip a bit of PATH's check value: it must fail\n");
	exit(2);
}

static const struct balg *find_alg(const char *n)
{
	unsigned int i;

	for (i = 0; i < NALGS; i++)
		if (!strcmp(algs[i].name, n))
			return &algs[i];
	return NULL;
}

static int find_driver(const char *arg)
{
	struct crypt_find_op f;
	char *end;
	long n = strtol(arg, &end, 10);
	int fd;

	if (*arg && !*end)
		return (int)n;
	fd = open("/dev/crypto", O_RDWR);
	if (fd < 0)
		return -1;
	memset(&f, 0, sizeof(f));
	f.crid = -1;
	snprintf(f.name, sizeof(f.name), "%s", arg);
	if (ioctl(fd, CIOCFINDDEV, &f))
		f.crid = -1;
	close(fd);
	return f.crid;
}

static void on_signal(int sig)
{
	zc_restore();
	signal(sig, SIG_DFL);
	raise(sig);
}

static double ops_per_s(const struct row *r)
{
	return r->ns ? r->ops * 1e9 / r->ns : 0;
}

static double mb_per_s(const struct row *r)
{
	return ops_per_s(r) * r->size / 1e6;
}

static const struct row *find_row(const char *alg, unsigned int size, const char *path, int set)
{
	unsigned int i;

	for (i = 0; i < nrows; i++)
		if (rows[i].set == set && rows[i].size == size && !strcmp(rows[i].path, path) &&
		    !strcmp(rows[i].alg->name, alg))
			return &rows[i];
	return NULL;
}

/* Path "syscall" does no crypto: no MB/s, no ratio to the limit. */
static int moves_data(const struct row *r)
{
	return strcmp(r->path, "syscall");
}

static double limit_ratio(const struct row *r)
{
	const struct row *l = find_row(r->alg->name, r->size, "kernel-tfm", r->set);

	if (r->st != ROW_OK || !moves_data(r) || !l || l->st != ROW_OK || !ops_per_s(l))
		return -1;
	return ops_per_s(r) / ops_per_s(l);
}

static void print_row(const struct row *r)
{
	double lr = limit_ratio(r);
	char ratio[16], mb[16];

	if (r->st == ROW_OK) {
		snprintf(ratio, sizeof(ratio), lr >= 0 ? "%.3f" : "-", lr);
		snprintf(mb, sizeof(mb), moves_data(r) ? "%.2f" : "-", mb_per_s(r));
		printf("%-12s %6u %-15s %-24s %12.0f %10s %7s%s%s\n", r->alg->name, r->size,
		       r->path, r->driver, ops_per_s(r), mb, ratio,
		       r->note[0] ? "  # " : "", r->note);
	} else {
		printf("%-12s %6u %-15s %-24s %12s %10s %7s  %s%s\n", r->alg->name, r->size,
		       r->path, r->driver, r->st == ROW_NA ? "n/a" : "ERROR",
		       r->st == ROW_NA ? "n/a" : "ERROR", "-", r->st == ROW_NA ? "# " : "ERROR: ",
		       r->note);
	}
}

static void write_csv(FILE *f)
{
	unsigned int i;

	fprintf(f, "alg,size,path,driver,ops,ns,ops_per_s,mb_per_s,ratio_to_limit,set\n");
	for (i = 0; i < nrows; i++) {
		const struct row *r = &rows[i];
		const char *set = set_label[r->set] ? set_label[r->set] : "default";
		double lr = limit_ratio(r);

		if (r->st != ROW_OK) {
			const char *s = r->st == ROW_NA ? "n/a" : "error";

			fprintf(f, "%s,%u,%s,%s,,,%s,%s,,%s\n", r->alg->name, r->size, r->path,
				r->driver, s, s, set);
			continue;
		}
		fprintf(f, "%s,%u,%s,%s,%llu,%llu,%.1f,", r->alg->name, r->size, r->path,
			r->driver, r->ops, r->ns, ops_per_s(r));
		if (moves_data(r))
			fprintf(f, "%.3f", mb_per_s(r));
		fprintf(f, ",");
		if (lr >= 0)
			fprintf(f, "%.4f", lr);
		fprintf(f, ",%s\n", set);
	}
}

/* A target line: "figure" is what the target is about; NAN: not measured. */
static void target(const char *what, double figure, const char *unit, int met, int info)
{
	if (isnan(figure))
		printf("  %-64s %12s  n/a (not measured)\n", what, "-");
	else
		printf("  %-64s %10.3f%-2s  %s\n", what, figure, unit,
		       info ? (met ? "(info) met" : "(info) not met") : met ? "met" : "NOT MET");
}

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;

	return a < b ? -1 : a > b;
}

/*
 * Row @a's rate against row @b's, for the targets: the median of their
 * ratios round by round. The paths of a size take turns within a round, so
 * each round's pair ran close together, and the guest's speed, which
 * drifts over seconds and minutes, cancels out of its ratio; the best
 * rounds of two rows (the table's) may come from moments apart. -1 when
 * either row is missing or failed.
 */
static double ratio_of(const struct row *a, const struct row *b)
{
	double q[MAXROUNDS];
	unsigned int i, n = 0;

	if (!a || !b || a->st != ROW_OK || b->st != ROW_OK || !ops_per_s(b))
		return -1;
	for (i = 0; i < a->nrounds && i < b->nrounds; i++)
		if (a->rate[i] > 0 && b->rate[i] > 0)
			q[n++] = a->rate[i] / b->rate[i];
	if (!n)
		return ops_per_s(a) / ops_per_s(b);
	qsort(q, n, sizeof(q[0]), cmp_double);
	return n % 2 ? q[n / 2] : (q[n / 2 - 1] + q[n / 2]) / 2;
}

/*
 * A ratio of /dev/crypto's row @a to AF_ALG's @b, in @f: -1 when either is
 * missing or failed, and when they ran on different Linux implementations
 * (AF_ALG could not bind @a's, as on kernels where it no longer reaches
 * accelerators, and took the kernel's default): 0 then, with @why set.
 */
static int afalg_ratio(const struct row *a, const struct row *b, double *f, char *why,
		       size_t whylen)
{
	*f = ratio_of(a, b);
	why[0] = 0;
	if (*f >= 0 && strcmp(a->driver, b->driver)) {
		snprintf(why, whylen, "n/a: %s on %s, af_alg on %s", a->path, a->driver, b->driver);
		*f = -1;
		return 0;
	}
	return 1;
}

/* A target line for a comparison that could not be made, saying why. */
static void target_na(const char *what, const char *why)
{
	printf("  %-64s %12s  %s\n", what, "-", why);
}

/*
 * What a path from user space that did nothing but the transform, called
 * once per system call (row @call, syscall-tfm), and @nsys more bare system
 * calls (row @sys, syscall) would reach against row @b: the median over
 * the rounds of 1 / (1 / call + nsys / sys) against @b, from rows of the
 * same rounds. A floor under every /dev/crypto path, whatever it does: it
 * must cross into the kernel and run the transform. -1 when a row is
 * missing.
 */
static double floor_ratio(const struct row *call, const struct row *sys, unsigned int nsys,
			  const struct row *b)
{
	double q[MAXROUNDS], t;
	unsigned int i, n = 0;

	if (!call || !b || call->st != ROW_OK || b->st != ROW_OK ||
	    (nsys && (!sys || sys->st != ROW_OK)))
		return -1;
	for (i = 0; i < call->nrounds && i < b->nrounds; i++) {
		if (call->rate[i] <= 0 || b->rate[i] <= 0)
			continue;
		t = 1 / call->rate[i];
		if (nsys) {
			if (i >= sys->nrounds || sys->rate[i] <= 0)
				continue;
			t += nsys / sys->rate[i];
		}
		q[n++] = 1 / t / b->rate[i];
	}
	if (!n)
		return -1;
	qsort(q, n, sizeof(q[0]), cmp_double);
	return n % 2 ? q[n / 2] : (q[n / 2 - 1] + q[n / 2]) / 2;
}

/* The line under a target that says what its floor leaves in reach. */
static void floor_line(double f, const char *what, double goal)
{
	if (f < 0)
		return;
	printf("    %-62s %10.3fx  %s\n", what, f,
	       f < goal ? "out of reach on this machine" : "within reach");
}

/* The set whose aes-128-cbc runs on software: targets 1 to 3 are read there. */
static int sw_set;

static void targets(unsigned int nsets)
{
	static const unsigned int t2sizes[] = { 64, 256, 512 };
	char what[128], why[200];
	unsigned int i, k, s;
	int found;
	double f;

	printf("\ntargets (from the rows above: the median over the rounds of the two paths'\n"
	       "ratio in each round, which ran close together):\n");
	printf(" 1. framework overhead, kernel-ocf vs kernel-tfm (1 - ocf/tfm ops/s):"
	       " <= 10 %% at 64 B, <= 2 %% at 16 KiB\n");
	for (i = 0; i < NALGS; i++) {
		/*
		 * Not modexp: its kernel-tfm is Linux's rsa, its kernel-ocf the
		 * framework's choice (opencrypto_pk by default), two
		 * implementations, not one with and without the framework.
		 */
		if (algs[i].kind == K_PK)
			continue;
		for (k = 0; k < 2; k++) {
			unsigned int sz = k ? 16384 : 64;
			int set = strcmp(algs[i].name, "aes-128-cbc") ? 0 : sw_set;

			f = ratio_of(find_row(algs[i].name, sz, "kernel-ocf", set),
				     find_row(algs[i].name, sz, "kernel-tfm", set));
			if (f < 0 && !find_row(algs[i].name, sz, "kernel-tfm", set))
				continue;
			snprintf(what, sizeof(what), "%s %u B: overhead", algs[i].name, sz);
			target(what, f < 0 ? NAN : (1 - f) * 100, " %", f >= 0 &&
			       (1 - f) <= (k ? 0.02 : 0.10), strcmp(algs[i].name, "aes-128-cbc"));
		}
	}
	printf(" 2. /dev/crypto sync aes-128-cbc >= 10x af_alg ops/s at 64, 256, 512 B;"
	       " sync-zc >= 0.95x kernel-tfm at 64 KiB\n");
	for (s = 0; s < 3; s++) {
		const struct row *a = find_row("aes-128-cbc", t2sizes[s], "sync", sw_set);
		const struct row *b = find_row("aes-128-cbc", t2sizes[s], "af_alg", sw_set);

		if (!a && !b)
			continue;
		snprintf(what, sizeof(what), "aes-128-cbc %u B: sync / af_alg", t2sizes[s]);
		if (afalg_ratio(a, b, &f, why, sizeof(why))) {
			target(what, f < 0 ? NAN : f, "x", f >= 10, 0);
			floor_line(floor_ratio(find_row("aes-128-cbc", t2sizes[s], "syscall-tfm",
							sw_set), NULL, 0, b),
				   "(bound: syscall-tfm / af_alg)", 10);
		} else {
			target_na(what, why);
		}
	}
	if (find_row("aes-128-cbc", 65536, "sync-zc", sw_set)) {
		f = ratio_of(find_row("aes-128-cbc", 65536, "sync-zc", sw_set),
			     find_row("aes-128-cbc", 65536, "kernel-tfm", sw_set));
		target("aes-128-cbc 65536 B: sync-zc / kernel-tfm", f < 0 ? NAN : f, "x", f >= 0.95, 0);
	}
	printf(" 3. session-per-op at 64 B >= 5x af_alg-setup (ops/s)\n");
	for (i = 0; i < NALGS; i++) {
		int set = strcmp(algs[i].name, "aes-128-cbc") ? 0 : sw_set;
		const struct row *a = find_row(algs[i].name, SETUP_SIZE, "session-per-op", set);
		const struct row *b = find_row(algs[i].name, SETUP_SIZE, "af_alg-setup", set);

		if (!a || !b)
			continue;
		snprintf(what, sizeof(what), "%s 64 B: session-per-op / af_alg-setup", algs[i].name);
		if (afalg_ratio(a, b, &f, why, sizeof(why))) {
			target(what, f < 0 ? NAN : f, "x", f >= 5, 0);
			floor_line(floor_ratio(find_row(algs[i].name, SETUP_SIZE, "syscall-tfm", set),
					       find_row(algs[i].name, SETUP_SIZE, "syscall", set), 2,
					       b), "(bound: syscall-tfm + 2 syscall / af_alg-setup)", 5);
		} else {
			target_na(what, why);
		}
	}
	printf(" 4. async-32 on the virtio-crypto accelerator >= 2x its sync ops/s at 64 B"
	       " (aes-128-cbc)\n");
	for (k = 0, found = 0; k < nsets && !found; k++) {
		const struct env *e = &envs[k][0];	/* aes-128-cbc */

		if (strncmp(e->ocf_name, "virtio_crypto", 13) ||
		    !find_row("aes-128-cbc", 64, "async-32", k))
			continue;
		f = ratio_of(find_row("aes-128-cbc", 64, "async-32", k),
			     find_row("aes-128-cbc", 64, "sync", k));
		snprintf(what, sizeof(what), "aes-128-cbc 64 B on %s: async-32 / sync", e->ocf_name);
		target(what, f < 0 ? NAN : f, "x", f >= 2, 0);
		found = 1;
	}
	if (!found)
		printf("  (no virtio-crypto rows: the device is absent or not asked for)\n");
}

/* One measurement of @path at @size into @r (want: OpenSSL's check, or NULL). */
static void measure(struct row *r, const struct balg *a, unsigned int size, const char *path,
		    int set, const struct env *e, int probe, const char *why,
		    const unsigned char *want, unsigned int threads)
{
	memset(r, 0, sizeof(*r));
	r->alg = a;
	r->size = size;
	r->set = set;
	snprintf(r->path, sizeof(r->path), "%s", path);
	snprintf(r->driver, sizeof(r->driver), "%s", e->cra[0] ? e->cra : e->ocf_name);
	if (a->kind == K_PK && strncmp(path, "kernel-", 7))
		snprintf(r->driver, sizeof(r->driver), "%s", e->ocf_name);
	if (!want)
		row_error(r, "no OpenSSL reference value");
	else if (probe == EOPNOTSUPP && e->crid != -1)	/* -d */
		row_na(r, "%s does not serve %s", set_label[set], a->name);
	else if (!strncmp(path, "kernel-", 7))
		run_kernel(a, size, path + 7, e, want, r);
	else if (!strcmp(path, "openssl"))
		run_openssl(a, size, want, r);
	else if (!strcmp(path, "af_alg"))
		run_afalg(a, size, e, 0, want, r);
	else if (!strcmp(path, "af_alg-setup"))
		run_afalg(a, size, e, 1, want, r);
	else if (!strcmp(path, "syscall"))
		run_syscall(r);
	else if (!strcmp(path, "syscall-tfm"))
		run_call(a, size, e, want, r);
	else if (probe)
		row_error(r, "%s", why);
	else
		run_cdev(a, size, e, want, r, threads);
}

/* The first round of a row: its rate so far. */
static void first_round(struct row *r)
{
	r->nrounds = 1;
	r->rate[0] = r->st == ROW_OK ? ops_per_s(r) : 0;
}

/*
 * A later round of a row: its rate is noted, its best stays; an error
 * anywhere is one.
 */
static void keep_best(struct row *r, const struct row *again)
{
	double rate = again->st == ROW_OK ? ops_per_s(again) : 0, before[MAXROUNDS];
	unsigned int n = r->nrounds;

	if (r->st != ROW_OK)
		return;
	if (again->st == ROW_ERR || (again->st == ROW_OK && rate > ops_per_s(r))) {
		memcpy(before, r->rate, n * sizeof(r->rate[0]));
		*r = *again;
		memcpy(r->rate, before, n * sizeof(r->rate[0]));
	}
	r->rate[n] = rate;
	r->nrounds = n + 1;
}

struct plan {
	const struct balg *alg;
	int set;
	unsigned int nsizes, sizes[MAXSIZES];
	unsigned int npaths;
	char paths[NPATHS][24];
};

static int path_applies(const struct balg *a, const char *path, unsigned int size,
			unsigned int smallest, int has64)
{
	if (a->kind == K_PK)
		return !strcmp(path, "sync") || !strncmp(path, "kernel-", 7) ||
		       !strcmp(path, "openssl");
	if (!strcmp(path, "af_alg-setup") || !strcmp(path, "syscall"))
		return has64 ? size == SETUP_SIZE : size == smallest;
	return 1;
}

int main(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "csv", required_argument, NULL, 'C' },
		{ "csv-stdout", no_argument, NULL, 'S' },
		{ "quick", no_argument, NULL, 'Q' },
		{ "corrupt", required_argument, NULL, 'X' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int want_alg[NALGS] = { 0 }, any_alg = 0, quick = 0, csv_stdout = 0, c, errors = 0;
	const char *csv = NULL, *drv = NULL, *plist = NULL;
	unsigned int sizes[MAXSIZES], nsizes = 0, threads, i, k, s, p, nsets = 1, nplan = 0;
	unsigned long measurements = 0;
	struct plan plan[2 * NALGS];
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int msecs_set = 0, rounds_set = 0;
	uint64_t t_start;

	threads = ncpu > 0 ? ncpu : 1;
	while ((c = getopt_long(argc, argv, "a:s:p:d:t:T:R:h", lopts, NULL)) != -1) {
		switch (c) {
		case 'a': {
			char *t;

			for (t = strtok(optarg, ","); t; t = strtok(NULL, ",")) {
				const struct balg *a = find_alg(t);

				if (!a) {
					fprintf(stderr, "cryptobench: unknown algorithm %s\n", t);
					usage();
				}
				want_alg[a - algs] = any_alg = 1;
			}
			break;
		}
		case 's': {
			char *t;

			nsizes = 0;
			for (t = strtok(optarg, ","); t; t = strtok(NULL, ",")) {
				unsigned long v = strtoul(t, NULL, 0);

				if (!v || v > 16 << 20 || nsizes == MAXSIZES)
					usage();
				sizes[nsizes++] = v;
			}
			break;
		}
		case 'p':
			plist = optarg;
			break;
		case 'd':
			drv = optarg;
			break;
		case 't':
			threads = atoi(optarg);
			if (threads < 1 || threads > 256)
				usage();
			break;
		case 'T':
			opt_msecs = atoi(optarg);
			msecs_set = 1;
			if (opt_msecs < 1 || opt_msecs > 60000)
				usage();
			break;
		case 'R':
			opt_rounds = atoi(optarg);
			rounds_set = 1;
			if (opt_rounds < 1 || opt_rounds > MAXROUNDS)
				usage();
			break;
		case 'C':
			csv = optarg;
			break;
		case 'S':
			csv_stdout = 1;
			break;
		case 'Q':
			quick = 1;
			break;
		case 'X':
			opt_corrupt = optarg;
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	if (quick && !msecs_set)
		opt_msecs = 50;
	if (quick && !rounds_set)
		opt_rounds = 1;
	/* -T is the time of a measurement: its rounds share it */
	opt_msecs = opt_msecs / opt_rounds ? opt_msecs / opt_rounds : 1;
	if (!nsizes) {
		const unsigned int *d = quick ? quick_sizes : std_sizes;

		nsizes = quick ? 2 : sizeof(std_sizes) / sizeof(std_sizes[0]);
		memcpy(sizes, d, nsizes * sizeof(*d));
	}
	atexit(zc_restore);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGPIPE, SIG_IGN);

	/* the sets: -d or the framework's choice; and virtio_crypto for the standard set */
	for (i = 0; i < NALGS; i++) {
		envs[0][i].crid = -1;
		envs[1][i].crid = -1;
	}
	set_label[0] = "default";
	if (drv) {
		int crid = find_driver(drv);

		if (crid < 0) {
			fprintf(stderr, "cryptobench: no opencrypto driver %s\n", drv);
			return 2;
		}
		for (i = 0; i < NALGS; i++)
			envs[0][i].crid = crid;
		set_label[0] = drv;
	} else if (!plist && (!any_alg || want_alg[0])) {
		int crid = find_driver("virtio_crypto");
		char why[160];

		/*
		 * aes-128-cbc on the other class too: on software when the
		 * framework's choice is the accelerator (every path: the
		 * /dev/crypto path's own cost shows there), else on the
		 * accelerator (sync against async).
		 */
		if (crid >= 0 && !env_probe(&algs[0], &envs[0][0], why, sizeof(why)) &&
		    envs[0][0].got_crid == crid) {
			envs[1][0].crid = CRYPTO_FLAG_SOFTWARE;
			set_label[1] = "software";
			sw_set = 1;
			nsets = 2;
		} else if (crid >= 0) {
			envs[1][0].crid = crid;
			set_label[1] = "virtio_crypto";
			nsets = 2;
		}
	}

	/* the plan */
	for (k = 0; k < nsets; k++) {
		for (i = 0; i < NALGS; i++) {
			struct plan *pl = &plan[nplan];
			char buf[256], *t;

			if ((any_alg && !want_alg[i]) || (k == 1 && i != 0))
				continue;
			memset(pl, 0, sizeof(*pl));
			pl->alg = &algs[i];
			pl->set = k;
			if (algs[i].kind == K_PK) {
				pl->nsizes = 1;
				pl->sizes[0] = BENCH_MODEXP_BYTES;
			} else {
				pl->nsizes = nsizes;
				memcpy(pl->sizes, sizes, nsizes * sizeof(*sizes));
			}
			if (k == 1 && (int)k != sw_set) {
				snprintf(buf, sizeof(buf), "sync,async-1,async-8,async-32,kernel-tfm");
			} else if (plist) {
				snprintf(buf, sizeof(buf), "%s", plist);
			} else {
				buf[0] = 0;
				for (p = 0; p < NPATHS; p++)
					snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s%s",
						 p ? "," : "", std_paths[p]);
			}
			for (t = strtok(buf, ","); t; t = strtok(NULL, ",")) {
				const char *names[3] = { t };
				unsigned int nn = 1, j;

				if (!strcmp(t, "async")) {
					names[0] = "async-1";
					names[1] = "async-8";
					names[2] = "async-32";
					nn = 3;
				}
				for (j = 0; j < nn; j++) {
					for (p = 0; p < NPATHS; p++)
						if (!strcmp(names[j], std_paths[p]) ||
						    (!strcmp(std_paths[p], "threads") &&
						     !strncmp(names[j], "threads", 7)))
							break;
					if (p == NPATHS) {
						fprintf(stderr, "cryptobench: unknown path %s\n",
							names[j]);
						usage();
					}
					if (pl->npaths < NPATHS) {
						if (!strcmp(std_paths[p], "threads"))
							snprintf(pl->paths[pl->npaths++], 24,
								 "threads-%u", threads);
						else
							snprintf(pl->paths[pl->npaths++], 24, "%s",
								 names[j]);
					}
				}
			}
			nplan++;
		}
	}
	for (i = 0; i < nplan; i++) {
		unsigned int smallest = ~0U;
		int has64 = 0;

		for (s = 0; s < plan[i].nsizes; s++) {
			smallest = plan[i].sizes[s] < smallest ? plan[i].sizes[s] : smallest;
			has64 |= plan[i].sizes[s] == SETUP_SIZE;
		}
		for (s = 0; s < plan[i].nsizes; s++)
			for (p = 0; p < plan[i].npaths; p++)
				measurements += path_applies(plan[i].alg, plan[i].paths[p],
							     plan[i].sizes[s], smallest, has64);
	}
	printf("cryptobench: %lu measurements of %u rounds of %u ms planned: about %lu s"
	       " (modexp-2048 and checks add a little)\n", measurements, opt_rounds, opt_msecs,
	       (unsigned long)(measurements * opt_rounds * (opt_msecs * 1.1 + 20) / 1000));
	fflush(stdout);
	t_start = now_ns();

	for (i = 0; i < nplan; i++) {
		const struct balg *a = plan[i].alg;
		struct env *e = &envs[plan[i].set][a - algs];
		unsigned int first = nrows, smallest = ~0U, row0, round;
		char why[160];
		int has64 = 0, probe;

		for (s = 0; s < plan[i].nsizes; s++) {
			smallest = plan[i].sizes[s] < smallest ? plan[i].sizes[s] : smallest;
			has64 |= plan[i].sizes[s] == SETUP_SIZE;
		}
		probe = env_probe(a, e, why, sizeof(why));
		printf("\n== %s, /dev/crypto on %s%s (crid %d), Linux driver %s\n", a->name,
		       e->ocf_name, e->crid == -1 ? " (the framework's choice)" : "", e->got_crid,
		       e->cra[0] ? e->cra : "-");
		if (probe)
			printf("   %s\n", why);
		printf("%-12s %6s %-15s %-24s %12s %10s %7s\n", "alg", "size", "path", "driver",
		       "ops/s", "MB/s", "xlimit");
		fflush(stdout);
		for (s = 0; s < plan[i].nsizes; s++) {
			unsigned int size = plan[i].sizes[s];
			unsigned char want[BENCH_CHECK_BYTES];
			int have_want;

			have_want = !ossl_check(a, size, want);
			/*
			 * Rounds: every path of this size runs once per round
			 * (for -T / rounds) and keeps its best round; the paths
			 * take turns, so that what disturbs the guest for a
			 * moment does not fall on one path only.
			 */
			row0 = nrows;
			for (round = 0; round < opt_rounds; round++) {
				unsigned int n = 0;

				for (p = 0; p < plan[i].npaths; p++) {
					const char *path = plan[i].paths[p];
					struct row tmp;

					if (!path_applies(a, path, size, smallest, has64))
						continue;
					if (round) {
						measure(&tmp, a, size, path, plan[i].set, e, probe,
							why, have_want ? want : NULL, threads);
						keep_best(&rows[row0 + n++], &tmp);
						continue;
					}
					if (nrows == MAXROWS) {
						fprintf(stderr, "cryptobench: too many rows\n");
						return 2;
					}
					measure(&rows[nrows], a, size, path, plan[i].set, e, probe,
						why, have_want ? want : NULL, threads);
					first_round(&rows[nrows++]);
				}
			}
		}
		for (k = first; k < nrows; k++) {
			print_row(&rows[k]);
			errors += rows[k].st == ROW_ERR;
		}
		fflush(stdout);
	}
	targets(nsets);
	printf("\ncryptobench: %u rows, %d errors, %.0f s\n", nrows, errors,
	       (now_ns() - t_start) / 1e9);
	if (csv) {
		FILE *f = fopen(csv, "w");

		if (!f) {
			perror(csv);
			return 2;
		}
		write_csv(f);
		fclose(f);
	}
	if (csv_stdout) {
		printf("--- csv begin ---\n");
		write_csv(stdout);
		printf("--- csv end ---\n");
	}
	return errors ? 1 : 0;
}
