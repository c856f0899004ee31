// SPDX-License-Identifier: GPL-2.0-only
/*
 * cryptocheck: every algorithm /dev/crypto offers, on every driver that
 * offers it, compared with OpenSSL's libcrypto over a list of sizes, in the
 * spirit of FreeBSD's cryptocheck(1). Prints one row an algorithm and
 * driver, then "N passed, N failed"; exit 0 only when nothing failed.
 * Documentation/cryptocheck.md.
 *
 *   cryptocheck [-lv] [-a ALG[,ALG...]] [-d DRIVER] [-z SIZE[,SIZE...]]
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <crypto/cryptodev.h>

#include "check.h"

#define MAXDRV	64
#define MAXSIZES 64

static const unsigned int default_sizes[] = {
	0, 1, 15, 16, 17, 64, 1024, 4099, 16384, 65536 + 3, 262144
};

struct driver {
	int crid;
	char name[48];
	int hardware;
	__u64 algs[4];
};

static struct driver drivers[MAXDRV];
static unsigned int ndrivers;

static void usage(void)
{
	fprintf(stderr,
		"usage: cryptocheck [-lv] [-a ALG[,ALG...]] [-d DRIVER] [-z SIZE[,SIZE...]]\n"
		"  -a ALG     only these algorithms (OpenSSL's names: aes-128-cbc, sha256,\n"
		"             hmac-sha256, aes-128-gcm, ...; -l lists them)\n"
		"  -d DRIVER  only this driver (a name like aesni_intel0, or a number)\n"
		"  -z SIZES   data sizes in bytes (suffix K: KiB, M: MiB), up to %u;\n"
		"             default 0,1,15,16,17,64,1024,4099,16384,65539,262144\n"
		"  -l         list the algorithms it knows, the drivers and what each offers\n"
		"  -v         one line a size, and the drivers' counters\n", CC_MAXLEN);
	exit(2);
}

static int serves(const struct driver *d, int id)
{
	return id >= 0 && id < 256 && (d->algs[id / 64] >> (id % 64)) & 1;
}

static void get_drivers(int fd)
{
	struct crypt_driver_op d;

	memset(&d, 0, sizeof(d));
	while (ndrivers < MAXDRV && !ioctl(fd, CIOCGETDRIVER, &d)) {
		struct driver *p = &drivers[ndrivers++];

		p->crid = d.crid;
		snprintf(p->name, sizeof(p->name), "%s", d.name);
		p->hardware = !!(d.flags & CRYPTO_FLAG_HARDWARE);
		memcpy(p->algs, d.algs, sizeof(p->algs));
		d.index = d.crid + 1;
	}
}

/* -d: a driver id from a name (CIOCFINDDEV) or a number. */
static int find_driver(int fd, const char *arg)
{
	struct crypt_find_op f;
	char *end;
	long n = strtol(arg, &end, 10);

	if (*arg && !*end)
		return (int)n;
	memset(&f, 0, sizeof(f));
	f.crid = -1;
	snprintf(f.name, sizeof(f.name), "%s", arg);
	if (ioctl(fd, CIOCFINDDEV, &f)) {
		fprintf(stderr, "cryptocheck: driver %s: %s\n", arg, strerror(errno));
		exit(2);
	}
	return f.crid;
}

static unsigned int parse_sizes(const char *arg, unsigned int *sizes)
{
	unsigned int n = 0;
	const char *p = arg;
	char *end;

	while (*p) {
		unsigned long v = strtoul(p, &end, 0);

		if (end == p || n == MAXSIZES)
			usage();
		if (*end == 'k' || *end == 'K') {
			v *= 1024;
			end++;
		} else if (*end == 'm' || *end == 'M') {
			v *= 1024 * 1024;
			end++;
		}
		if (v > CC_MAXLEN)
			usage();
		sizes[n++] = v;
		if (*end == ',')
			end++;
		else if (*end)
			usage();
		p = end;
	}
	if (!n)
		usage();
	return n;
}

static void list(void)
{
	unsigned int i, k, id, known;

	printf("cryptocheck compares:");
	for (i = 0; i < cc_nalgs; i++)
		printf("%s%s", i % 8 ? " " : "\n  ", cc_algs[i].name);
	printf("\n");
	if (!ndrivers)
		return;
	printf("%-5s %-28s %-8s %s\n", "crid", "driver", "class", "algorithms");
	for (k = 0; k < ndrivers; k++) {
		const struct driver *d = &drivers[k];

		printf("%-5d %-28s %-8s", d->crid, d->name, d->hardware ? "hardware" : "software");
		for (i = 0; i < cc_nalgs; i++)
			if (serves(d, cc_algs[i].id))
				printf(" %s", cc_algs[i].name);
		for (id = 0; id < 256; id++) {	/* what cryptocheck cannot compare */
			for (i = 0, known = 0; i < cc_nalgs; i++)
				known |= cc_algs[i].id == (int)id;
			if (!known && serves(d, id))
				printf(" #%u", id);
		}
		printf("\n");
	}
	printf("(#N: algorithm number N of <crypto/cryptodev.h>, not compared with OpenSSL)\n");
}

static void size_range(char *buf, size_t len, const struct cc_alg *a,
		       const unsigned int *sizes, unsigned int nsizes)
{
	unsigned int i, lo = ~0U, hi = 0, n = 0, v;

	for (i = 0; i < nsizes; i++) {
		v = cc_cipher_len(a, sizes[i]);
		if (a->kind == CC_CIPHER && !v)
			continue;
		lo = v < lo ? v : lo;
		hi = v > hi ? v : hi;
		n++;
	}
	if (n)
		snprintf(buf, len, "%u-%u(%u)", lo, hi, n);
	else
		snprintf(buf, len, "none");
}

int main(int argc, char **argv)
{
	unsigned int sizes[MAXSIZES], nsizes, i, k;
	const struct cc_alg *only[64];
	unsigned int nonly = 0, passed = 0, failed = 0, skipped = 0;
	int fd, c, crid = -1, verbose = 0, do_list = 0;
	const char *drv = NULL;
	struct timespec t0, t1;
	char why[256], range[32];

	nsizes = sizeof(default_sizes) / sizeof(default_sizes[0]);
	memcpy(sizes, default_sizes, sizeof(default_sizes));
	while ((c = getopt(argc, argv, "a:d:lvz:h")) != -1) {
		switch (c) {
		case 'a': {
			char *s = strtok(optarg, ",");

			for (; s; s = strtok(NULL, ",")) {
				if (nonly == sizeof(only) / sizeof(only[0]))
					usage();
				only[nonly] = cc_find(s);
				if (!only[nonly]) {
					fprintf(stderr, "cryptocheck: unknown algorithm %s (-l lists them)\n",
						s);
					return 2;
				}
				nonly++;
			}
			break;
		}
		case 'd':
			drv = optarg;
			break;
		case 'l':
			do_list = 1;
			break;
		case 'v':
			verbose = 1;
			break;
		case 'z':
			nsizes = parse_sizes(optarg, sizes);
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	fd = open("/dev/crypto", O_RDWR);
	if (fd < 0 && do_list) {	/* what we know, at least */
		list();
		return 0;
	}
	if (fd < 0) {
		perror("cryptocheck: /dev/crypto");
		return 2;
	}
	get_drivers(fd);
	if (drv)
		crid = find_driver(fd, drv);
	if (do_list) {
		list();
		return 0;
	}
	if (!ndrivers) {
		fprintf(stderr, "cryptocheck: CIOCGETDRIVER lists no driver\n");
		return 2;
	}

	clock_gettime(CLOCK_MONOTONIC, &t0);
	printf("%-20s %-28s %-18s %s\n", "algorithm", "driver", "sizes", "result");
	for (i = 0; i < cc_nalgs; i++) {
		const struct cc_alg *a = &cc_algs[i];
		int offered = 0;

		if (nonly) {
			for (k = 0; k < nonly && only[k] != a; k++)
				;
			if (k == nonly)
				continue;
		}
		for (k = 0; k < ndrivers; k++) {
			const struct driver *d = &drivers[k];
			int ok;

			if ((crid != -1 && d->crid != crid) || !serves(d, a->id))
				continue;
			offered = 1;
			size_range(range, sizeof(range), a, sizes, nsizes);
			ok = cc_check(fd, a, d->crid, sizes, nsizes, verbose, why, sizeof(why));
			printf("%-20s %-28s %-18s %s\n", a->name, d->name, range,
			       ok > 0 ? "pass" : "FAIL");
			if (ok > 0)
				passed++;
			else
				failed++;
			if (ok <= 0)
				printf("    %s\n", why);
			fflush(stdout);
		}
		if (!offered && nonly) {	/* asked for, but nobody offers it */
			printf("%-20s %-28s %-18s %s\n", a->name, drv ? drv : "-", "-",
			       "skip (not offered)");
			skipped++;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (verbose) {
		struct crypt_driver_op d;

		memset(&d, 0, sizeof(d));
		while (!ioctl(fd, CIOCGETDRIVER, &d)) {
			printf("# %-28s %llu requests, %llu failed\n", d.name,
			       (unsigned long long)d.ops, (unsigned long long)d.errors);
			d.index = d.crid + 1;
		}
	}
	close(fd);
	if (skipped)
		printf("%u skipped (not offered)\n", skipped);
	if (verbose)
		printf("# %.1f s\n", (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	printf("%u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
