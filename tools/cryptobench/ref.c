// SPDX-License-Identifier: GPL-2.0-only
/*
 * cryptobench: OpenSSL (the reference every check value is compared with,
 * and the "openssl" path, in-process), and the kernel benchmark module's
 * paths (kernel-tfm, kernel-ocf, syscall-tfm) through its debugfs file
 * (bench.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>

#include "cryptobench.h"

#define BENCH_RUN "/sys/kernel/debug/opencrypto_bench/run"

/* An OpenSSL context for one algorithm, reused across operations. */
struct octx {
	const struct balg *a;
	EVP_CIPHER_CTX *c;
	EVP_MD_CTX *m;
	EVP_MAC *mac;
	EVP_MAC_CTX *mc;
	BN_CTX *bn;
	BIGNUM *b, *e, *n, *res;
	unsigned char key[64];
};

static const EVP_CIPHER *ocipher(const struct balg *a)
{
	if (!strcmp(a->name, "aes-128-cbc"))
		return EVP_aes_128_cbc();
	if (!strcmp(a->name, "aes-256-gcm"))
		return EVP_aes_256_gcm();
	if (!strcmp(a->name, "aes-128-ctr"))
		return EVP_aes_128_ctr();
	return EVP_enc_null();
}

static void octx_free(struct octx *o)
{
	EVP_CIPHER_CTX_free(o->c);
	EVP_MD_CTX_free(o->m);
	EVP_MAC_CTX_free(o->mc);
	EVP_MAC_free(o->mac);
	BN_free(o->b);
	BN_free(o->e);
	BN_free(o->n);
	BN_free(o->res);
	BN_CTX_free(o->bn);
}

static int octx_init(struct octx *o, const struct balg *a)
{
	memset(o, 0, sizeof(*o));
	o->a = a;
	bench_patterns(o->key, NULL, NULL, 0);
	switch (a->kind) {
	case K_CIPHER:
	case K_AEAD:
		o->c = EVP_CIPHER_CTX_new();
		if (!o->c || !EVP_EncryptInit_ex(o->c, ocipher(a), NULL, o->key, NULL))
			return -1;
		EVP_CIPHER_CTX_set_padding(o->c, 0);
		return 0;
	case K_HASH:
		o->m = EVP_MD_CTX_new();
		return o->m ? 0 : -1;
	case K_MAC: {
		OSSL_PARAM p[] = {
			OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, "SHA256", 0),
			OSSL_PARAM_construct_end()
		};

		o->mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
		o->mc = o->mac ? EVP_MAC_CTX_new(o->mac) : NULL;
		if (!o->mc || !EVP_MAC_init(o->mc, o->key, a->keylen, p))
			return -1;
		return 0;
	}
	case K_PK: {
		unsigned char b[BENCH_MODEXP_BYTES], e[BENCH_MODEXP_BYTES], n[BENCH_MODEXP_BYTES];
		unsigned int i;

		for (i = 0; i < BENCH_MODEXP_BYTES; i++) {
			b[i] = bench_base_byte(i);
			e[i] = bench_exp_byte(i);
			n[i] = bench_modulus_byte(i);
		}
		o->bn = BN_CTX_new();
		o->b = BN_bin2bn(b, sizeof(b), NULL);
		o->e = BN_bin2bn(e, sizeof(e), NULL);
		o->n = BN_bin2bn(n, sizeof(n), NULL);
		o->res = BN_new();
		return o->bn && o->b && o->e && o->n && o->res ? 0 : -1;
	}
	}
	return -1;
}

/* One operation in place on @buf (+ tag after it), the check value in @chk. */
static int octx_op(struct octx *o, unsigned int size, unsigned char *buf,
		   const unsigned char *iv, unsigned char *chk)
{
	const struct balg *a = o->a;
	unsigned char md[64];
	unsigned int mdlen;
	size_t maclen;
	int l1, l2;

	switch (a->kind) {
	case K_CIPHER:
	case K_AEAD:
		if (!EVP_EncryptInit_ex(o->c, NULL, NULL, NULL, iv) ||
		    !EVP_EncryptUpdate(o->c, buf, &l1, buf, size) ||
		    !EVP_EncryptFinal_ex(o->c, buf + l1, &l2) || (unsigned int)(l1 + l2) != size)
			return -1;
		if (a->kind == K_AEAD &&
		    !EVP_CIPHER_CTX_ctrl(o->c, EVP_CTRL_GCM_GET_TAG, a->outlen, buf + size))
			return -1;
		if (chk)
			check_of(a, size, buf, buf + size, chk);
		return 0;
	case K_HASH:
		if (!EVP_DigestInit_ex(o->m, EVP_sha256(), NULL) ||
		    !EVP_DigestUpdate(o->m, buf, size) || !EVP_DigestFinal_ex(o->m, md, &mdlen))
			return -1;
		break;
	case K_MAC:
		if (!EVP_MAC_init(o->mc, NULL, 0, NULL) || !EVP_MAC_update(o->mc, buf, size) ||
		    !EVP_MAC_final(o->mc, md, &maclen, sizeof(md)))
			return -1;
		break;
	case K_PK: {
		unsigned char r[BENCH_MODEXP_BYTES];

		if (!BN_mod_exp(o->res, o->b, o->e, o->n, o->bn) ||
		    BN_bn2binpad(o->res, r, sizeof(r)) != sizeof(r))
			return -1;
		if (chk)
			memcpy(chk, r + sizeof(r) - BENCH_CHECK_BYTES, BENCH_CHECK_BYTES);
		return 0;
	}
	}
	if (chk)
		check_of(a, size, buf, md, chk);
	return 0;
}

/* The reference check value: a fresh context on fresh patterns. */
int ossl_check(const struct balg *a, unsigned int size, unsigned char chk[BENCH_CHECK_BYTES])
{
	unsigned char iv[16], key[64], *buf = malloc(size + 16);
	struct octx o;
	int err = -1;

	if (buf && !octx_init(&o, a)) {
		bench_patterns(key, iv, buf, size);
		err = octx_op(&o, size, buf, iv, chk);
	}
	if (buf)
		octx_free(&o);
	free(buf);
	return err;
}

void run_openssl(const struct balg *a, unsigned int size, const unsigned char *want,
		 struct row *r)
{
	unsigned char iv[16], key[64], chk[BENCH_CHECK_BYTES], *buf = malloc(size + 16);
	struct btimer bt;
	struct octx o;

	snprintf(r->driver, sizeof(r->driver), "%s", "libcrypto");
	if (!buf || octx_init(&o, a)) {
		row_error(r, "OpenSSL context");
		if (buf)
			octx_free(&o);
		free(buf);
		return;
	}
	bench_patterns(key, iv, buf, size);
	/* the check on a context used once already, as the timed loop uses it */
	if (octx_op(&o, size, buf, iv, NULL)) {
		row_error(r, "OpenSSL op");
		goto out;
	}
	bench_patterns(key, iv, buf, size);
	if (octx_op(&o, size, buf, iv, chk)) {
		row_error(r, "OpenSSL op");
		goto out;
	}
	if (check_row(r, want, chk))
		goto out;
	btimer_start(&bt);
	do {
		if (octx_op(&o, size, buf, iv, NULL)) {
			row_error(r, "OpenSSL op");
			goto out;
		}
		r->ops++;
	} while (btimer_more(&bt));
	r->ns = btimer_ns(&bt);
out:
	octx_free(&o);
	free(buf);
}

/*
 * One command to the kernel benchmark module on @fd (open on BENCH_RUN):
 * "tfm" / "ocf" (kernel-tfm / kernel-ocf) or "call" (syscall-tfm). Its
 * operation count and time in @ops, @ns (of the check alone for "call");
 * the check value, of one operation it ran on the same patterns, is
 * checked. 0, or -1 with @r an error.
 */
static int kernel_cmd(int fd, const struct balg *a, unsigned int size, const char *which,
		      const struct env *e, const unsigned char *want, struct row *r,
		      unsigned long long *ops, unsigned long long *ns)
{
	char cmd[256], res[512], out[64], drv[64];
	unsigned char chk[BENCH_CHECK_BYTES];
	unsigned int i, ms = opt_msecs < 10 ? 10 : opt_msecs;
	unsigned long long bytes;
	int n, eno;
	ssize_t got;

	n = snprintf(cmd, sizeof(cmd), "%s %s %u %u", which, a->name, size, ms);
	if (strcmp(which, "ocf") && e->cra[0])
		n += snprintf(cmd + n, sizeof(cmd) - n, " driver=%s", e->cra);
	if (!strcmp(which, "ocf") && e->got_crid >= 0)
		n += snprintf(cmd + n, sizeof(cmd) - n, " crid=%d", e->got_crid);
	n += snprintf(cmd + n, sizeof(cmd) - n, "\n");
	if (write(fd, cmd, n) != n) {
		row_error(r, "write '%.*s': %s", n - 1, cmd, strerror(errno));
		return -1;
	}
	got = read(fd, res, sizeof(res) - 1);
	eno = errno;
	if (got <= 0) {
		row_error(r, "read result of '%.*s': %s", n - 1, cmd,
			  got < 0 ? strerror(eno) : "empty");
		return -1;
	}
	res[got] = 0;
	res[strcspn(res, "\n")] = 0;
	if (sscanf(res, "error=%d", &eno) == 1) {
		row_error(r, "'%.*s': %s", n - 1, cmd, strerror(eno));
		return -1;
	}
	if (sscanf(res, "ops=%llu ns=%llu bytes=%llu driver=%63s out=%63s", ops, ns, &bytes,
		   drv, out) != 5 || strlen(out) != 2 * BENCH_CHECK_BYTES) {
		row_error(r, "unparsable result '%s'", res);
		return -1;
	}
	snprintf(r->driver, sizeof(r->driver), "%s", drv);
	for (i = 0; i < BENCH_CHECK_BYTES; i++)
		if (sscanf(out + 2 * i, "%2hhx", &chk[i]) != 1) {
			row_error(r, "unparsable out=%s", out);
			return -1;
		}
	if (check_row(r, want, chk))
		return -1;
	if (!*ops || !*ns) {
		row_error(r, "no operations counted: '%s'", res);
		return -1;
	}
	return 0;
}

static int kernel_open(struct row *r)
{
	int fd = open(BENCH_RUN, O_RDWR);

	if (fd < 0)
		row_na(r, "no %s (opencrypto_bench.ko not loaded: %s)", BENCH_RUN,
		       strerror(errno));
	return fd;
}

/*
 * kernel-tfm / kernel-ocf: the kernel benchmark module's own timed loop.
 */
void run_kernel(const struct balg *a, unsigned int size, const char *which,
		const struct env *e, const unsigned char *want, struct row *r)
{
	unsigned long long ops, ns;
	int fd = kernel_open(r);

	if (fd < 0)
		return;
	if (!kernel_cmd(fd, a, size, which, e, want, r, &ops, &ns)) {
		r->ops = ops;
		r->ns = ns;
	}
	close(fd);
}

/*
 * syscall-tfm: the kernel-tfm transform, one operation per ioctl() from
 * here: what a path from user space that did nothing else would reach.
 * The module must first refuse BENCH_IOC_CALL with nothing prepared
 * (EINVAL) and an unknown ioctl (ENOTTY).
 */
void run_call(const struct balg *a, unsigned int size, const struct env *e,
	      const unsigned char *want, struct row *r)
{
	unsigned long long ops, ns;
	struct btimer bt;
	int fd;

	if (a->kind == K_PK) {
		row_na(r, "not for keying ops");
		return;
	}
	fd = kernel_open(r);
	if (fd < 0)
		return;
	/* the module's refusals first: no call prepared, an unknown command */
	if (ioctl(fd, BENCH_IOC_CALL, 0) != -1 || errno != EINVAL ||
	    ioctl(fd, _IO('O', 0xb0), 0) != -1 || errno != ENOTTY) {
		row_error(r, "BENCH_IOC_CALL before a call, or an unknown ioctl: %s, not EINVAL/ENOTTY",
			  strerror(errno));
		goto out;
	}
	if (kernel_cmd(fd, a, size, "call", e, want, r, &ops, &ns))
		goto out;
	btimer_start(&bt);
	do {
		if (ioctl(fd, BENCH_IOC_CALL, 0)) {
			row_error(r, "ioctl(BENCH_IOC_CALL): %s", strerror(errno));
			goto out;
		}
		r->ops++;
	} while (btimer_more(&bt));
	r->ns = btimer_ns(&bt);
out:
	close(fd);
}
