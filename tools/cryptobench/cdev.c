// SPDX-License-Identifier: GPL-2.0-only
/*
 * cryptobench: the /dev/crypto paths. sync (CIOCCRYPT, CIOCAUTHCRYPT for
 * AEAD, CIOCKEY for modexp), sync-zc and sync-copy (zero-copy pinned for
 * every size by zc_min=1, or off by COP_FLAG_NO_ZC), async-N
 * (CIOCASYNCCRYPT/CIOCASYNCFETCH with N requests in flight), threads-N (N
 * threads, each its own file and session) and session-per-op; and syscall,
 * the floor under them all.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <crypto/cryptodev.h>

#include "cryptobench.h"
#include "cryptodev_util.h"

#define ZC_MIN "/sys/module/cryptodev/parameters/zc_min"

/* One request's memory: data (room for a GCM tag after it), MAC, IV. */
struct cbuf {
	unsigned char *data;
	unsigned char mac[AALG_MAX_RESULT_LEN];
	unsigned char iv[16];
};

static unsigned char key[64];

static int cbuf_init(struct cbuf *b, const struct balg *a, unsigned int size)
{
	b->data = malloc(size + 16);
	if (!b->data)
		return ENOMEM;
	bench_patterns(key, b->iv, b->data, size);
	memset(b->mac, 0, sizeof(b->mac));
	(void)a;
	return 0;
}

/* A session for @a on @crid (-1: CIOCGSESSION, the framework's choice). */
static int cd_session(int fd, const struct balg *a, int crid, uint32_t *ses, int *got)
{
	struct session2_op s;

	memset(&s, 0, sizeof(s));
	bench_patterns(key, NULL, NULL, 0);
	if (a->kind == K_CIPHER || a->kind == K_AEAD) {
		s.cipher = a->cipher;
		s.keylen = a->keylen;
		s.key = a->keylen ? key : NULL;
	} else {
		s.mac = a->mac;
		s.mackeylen = a->keylen;
		s.mackey = a->keylen ? key : NULL;
	}
	if (crid == -1) {
		if (ioctl(fd, CIOCGSESSION, &s))
			return errno;
		if (got)
			*got = -1;
	} else {
		s.crid = crid;
		if (ioctl(fd, CIOCGSESSION2, &s))
			return errno;
		if (got)
			*got = s.crid;
	}
	*ses = s.ses;
	return 0;
}

/* One operation, in place. */
static int cd_op(int fd, unsigned long req, uint32_t ses, const struct balg *a,
		 unsigned int size, int flags, struct cbuf *b)
{
	if (a->kind == K_AEAD) {
		struct crypt_auth_op c;

		memset(&c, 0, sizeof(c));
		c.ses = ses;
		c.op = COP_ENCRYPT;
		c.flags = flags;
		c.len = size;
		c.src = b->data;
		c.dst = b->data;
		c.iv = b->iv;
		c.iv_len = a->ivlen;
		return ioctl(fd, CIOCAUTHCRYPT, &c) ? errno : 0;
	}
	if (a->kind == K_CIPHER)
		return cdev_op(fd, req, ses, COP_ENCRYPT, flags, b->data, b->data, size, NULL,
			       a->ivlen ? b->iv : NULL);
	return cdev_op(fd, req, ses, COP_ENCRYPT, flags, b->data, NULL, size, b->mac, NULL);
}

static void cbuf_check(const struct balg *a, unsigned int size, struct cbuf *b,
		       unsigned char *chk)
{
	check_of(a, size, b->data, a->kind == K_AEAD ? b->data + size : b->mac, chk);
}

/* CIOCKEY(2) CRK_MOD_EXP on the bench.h numbers (little-endian for the ABI). */
static unsigned char mx_in[3][BENCH_MODEXP_BYTES];

static int cd_modexp(int fd, int crid, unsigned char *out, unsigned int *status)
{
	struct crypt_kop k;
	unsigned int i;

	for (i = 0; i < BENCH_MODEXP_BYTES; i++) {
		unsigned int le = BENCH_MODEXP_BYTES - 1 - i;

		mx_in[0][le] = bench_base_byte(i);
		mx_in[1][le] = bench_exp_byte(i);
		mx_in[2][le] = bench_modulus_byte(i);
	}
	memset(&k, 0, sizeof(k));
	k.crk_op = CRK_MOD_EXP;
	k.crk_iparams = 3;
	k.crk_oparams = 1;
	k.crk_crid = crid;
	for (i = 0; i < 3; i++) {
		k.crk_param[i].crp_p = mx_in[i];
		k.crk_param[i].crp_nbits = BENCH_MODEXP_BYTES * 8;
	}
	k.crk_param[3].crp_p = out;
	k.crk_param[3].crp_nbits = BENCH_MODEXP_BYTES * 8;
	if (ioctl(fd, crid == -1 ? CIOCKEY : CIOCKEY2, &k))
		return errno;
	*status = k.crk_status;
	return 0;
}

static void modexp_check(const unsigned char *le, unsigned char *chk)
{
	unsigned char be[BENCH_MODEXP_BYTES];
	unsigned int i;

	for (i = 0; i < BENCH_MODEXP_BYTES; i++)
		be[i] = le[BENCH_MODEXP_BYTES - 1 - i];
	memcpy(chk, be + BENCH_MODEXP_BYTES - BENCH_CHECK_BYTES, BENCH_CHECK_BYTES);
}

static void crid_name(int fd, int crid, char *name, unsigned int len)
{
	struct crypt_find_op f;

	memset(&f, 0, sizeof(f));
	f.crid = crid;
	if (crid >= 0 && !ioctl(fd, CIOCFINDDEV, &f))
		snprintf(name, len, "%s", f.name);
	else
		snprintf(name, len, "?");
}

/*
 * What serves @a on e->crid: the crid (CIOCGSESSION2 with "hardware or
 * software" for the default, which is CIOCGSESSION's choice) and the Linux
 * driver (CIOCGSESSINFO). Returns 0 or an errno (@why says what failed).
 */
int env_probe(const struct balg *a, struct env *e, char *why, unsigned int whylen)
{
	struct session_info_op si;
	uint32_t ses;
	int fd, err;

	e->got_crid = -1;
	e->cra[0] = 0;
	snprintf(e->ocf_name, sizeof(e->ocf_name), "?");
	fd = open("/dev/crypto", O_RDWR);
	if (fd < 0) {
		snprintf(why, whylen, "/dev/crypto: %s", strerror(errno));
		return errno;
	}
	if (a->kind == K_PK) {
		if (e->crid >= 0) {
			e->got_crid = e->crid;
			crid_name(fd, e->crid, e->ocf_name, sizeof(e->ocf_name));
		} else {
			snprintf(e->ocf_name, sizeof(e->ocf_name), "default");
		}
		close(fd);
		return 0;
	}
	err = cd_session(fd, a, e->crid == -1 ? CRYPTO_FLAG_HARDWARE | CRYPTO_FLAG_SOFTWARE :
			 e->crid, &ses, &e->got_crid);
	if (err) {
		snprintf(why, whylen, "CIOCGSESSION2 %s: %s", a->name, strerror(err));
		close(fd);
		return err;
	}
	crid_name(fd, e->got_crid, e->ocf_name, sizeof(e->ocf_name));
	memset(&si, 0, sizeof(si));
	si.ses = ses;
	if (!ioctl(fd, CIOCGSESSINFO, &si)) {
		const char *n = si.cipher_info.cra_driver_name[0] ? si.cipher_info.cra_driver_name :
				si.hash_info.cra_driver_name;

		snprintf(e->cra, sizeof(e->cra), "%s", n);
	}
	ioctl(fd, CIOCFSESSION, &ses);
	close(fd);
	return 0;
}

/* zc_min: set to 1 for sync-zc, restored after (and at exit). */
static char zc_saved[32];

static int zc_set(const char *v)
{
	int fd = open(ZC_MIN, O_RDWR), err = 0;

	if (fd < 0)
		return errno;
	if (!zc_saved[0]) {
		ssize_t n = read(fd, zc_saved, sizeof(zc_saved) - 1);

		if (n <= 0)
			err = EIO;
		else
			zc_saved[n] = 0;
		lseek(fd, 0, SEEK_SET);
	}
	if (!err && write(fd, v, strlen(v)) < 0)
		err = errno;
	close(fd);
	return err;
}

void zc_restore(void)
{
	if (zc_saved[0]) {
		zc_set(zc_saved);
		zc_saved[0] = 0;
	}
}

static void sync_loop(int fd, uint32_t ses, const struct balg *a, unsigned int size,
		      int flags, struct cbuf *b, struct row *r)
{
	unsigned long long ops = 0;
	struct btimer bt;
	int err;

	btimer_start(&bt);
	do {
		err = cd_op(fd, CIOCCRYPT, ses, a, size, flags, b);
		if (err) {
			row_error(r, "timed op %llu: %s", ops, strerror(err));
			return;
		}
		ops++;
	} while (btimer_more(&bt));
	r->ops = ops;
	r->ns = btimer_ns(&bt);
}

static void do_sync(const struct balg *a, unsigned int size, const struct env *e,
		    const unsigned char *want, struct row *r, int flags)
{
	unsigned char chk[BENCH_CHECK_BYTES];
	struct cbuf b;
	uint32_t ses;
	int fd, err;

	fd = open("/dev/crypto", O_RDWR);
	if (fd < 0) {
		row_error(r, "/dev/crypto: %s", strerror(errno));
		return;
	}
	if (a->kind == K_PK) {
		unsigned char out[BENCH_MODEXP_BYTES];
		struct btimer bt;
		unsigned int st = 0;

		memset(out, 0, sizeof(out));
		err = cd_modexp(fd, e->crid, out, &st);
		if (!err && st == ENODEV && e->crid != -1) {	/* -d */
			row_na(r, "%s offers no CRK_MOD_EXP", e->ocf_name);
			goto out;
		}
		if (err || st) {
			row_error(r, "CIOCKEY%s CRK_MOD_EXP: %s", e->crid == -1 ? "" : "2",
				  strerror(err ? err : (int)st));
			goto out;
		}
		modexp_check(out, chk);
		if (check_row(r, want, chk))
			goto out;
		btimer_start(&bt);
		do {
			err = cd_modexp(fd, e->crid, out, &st);
			if (err || st) {
				row_error(r, "CIOCKEY: %s", strerror(err ? err : (int)st));
				goto out;
			}
			r->ops++;
		} while (btimer_more(&bt));
		r->ns = btimer_ns(&bt);
		goto out;
	}
	err = cd_session(fd, a, e->crid, &ses, NULL);
	if (err) {
		row_error(r, "session: %s", strerror(err));
		goto out;
	}
	if (cbuf_init(&b, a, size)) {
		row_error(r, "out of memory");
		goto out;
	}
	err = cd_op(fd, CIOCCRYPT, ses, a, size, flags, &b);
	if (err) {
		row_error(r, "%s: %s", a->kind == K_AEAD ? "CIOCAUTHCRYPT" : "CIOCCRYPT",
			  strerror(err));
	} else {
		cbuf_check(a, size, &b, chk);
		if (!check_row(r, want, chk))
			sync_loop(fd, ses, a, size, flags, &b, r);
	}
	free(b.data);
out:
	close(fd);
}

static void do_async(const struct balg *a, unsigned int size, const struct env *e,
		     const unsigned char *want, struct row *r, unsigned int depth)
{
	unsigned char chk[BENCH_CHECK_BYTES];
	struct cbuf *b;
	unsigned int i, inflight = 0;
	struct btimer bt;
	struct pollfd p;
	struct crypt_op c;
	uint32_t ses;
	int fd, err, stop = 0;

	if (a->kind == K_AEAD || a->kind == K_PK) {
		row_na(r, "CIOCASYNCCRYPT takes no %s", a->kind == K_AEAD ? "AEAD" : "keying op");
		return;
	}
	b = calloc(depth, sizeof(*b));
	fd = open("/dev/crypto", O_RDWR);
	if (fd < 0 || !b) {
		row_error(r, "/dev/crypto: %s", strerror(errno));
		goto out;
	}
	err = cd_session(fd, a, e->crid, &ses, NULL);
	if (err) {
		row_error(r, "session: %s", strerror(err));
		goto out;
	}
	for (i = 0; i < depth; i++)
		if (cbuf_init(&b[i], a, size)) {
			row_error(r, "out of memory");
			goto out;
		}
	p.fd = fd;
	p.events = POLLIN;
	/* the check: one request submitted, polled for, fetched */
	err = cd_op(fd, CIOCASYNCCRYPT, ses, a, size, 0, &b[0]);
	if (!err) {
		if (poll(&p, 1, 10000) != 1)
			err = ETIMEDOUT;
		else
			err = ioctl(fd, CIOCASYNCFETCH, &c) ? errno : 0;
	}
	if (err) {
		row_error(r, "CIOCASYNCCRYPT/FETCH: %s", strerror(err));
		goto out;
	}
	cbuf_check(a, size, &b[0], chk);
	if (check_row(r, want, chk))
		goto out;

	btimer_start(&bt);
	for (i = 0; i < depth; i++) {
		err = cd_op(fd, CIOCASYNCCRYPT, ses, a, size, 0, &b[i]);
		if (err) {
			row_error(r, "CIOCASYNCCRYPT: %s", strerror(err));
			goto out;	/* close() waits for the rest */
		}
		inflight++;
	}
	while (inflight) {
		if (poll(&p, 1, 10000) != 1) {
			row_error(r, "poll: no result in 10 s");
			goto out;
		}
		memset(&c, 0, sizeof(c));
		if (ioctl(fd, CIOCASYNCFETCH, &c)) {
			if (errno == EBUSY)
				continue;
			row_error(r, "CIOCASYNCFETCH: %s", strerror(errno));
			goto out;
		}
		inflight--;
		r->ops++;
		if (!stop && !btimer_more(&bt))
			stop = 1;
		if (stop)
			continue;
		for (i = 0; i < depth && b[i].data != c.src; i++)
			;
		if (i == depth) {
			row_error(r, "CIOCASYNCFETCH returned a request not submitted");
			goto out;
		}
		err = cd_op(fd, CIOCASYNCCRYPT, ses, a, size, 0, &b[i]);
		if (err) {
			row_error(r, "CIOCASYNCCRYPT: %s", strerror(err));
			goto out;
		}
		inflight++;
	}
	r->ns = now_ns() - bt.t0;
out:
	if (fd >= 0)
		close(fd);
	if (b)
		for (i = 0; i < depth; i++)
			free(b[i].data);
	free(b);
}

/* threads-N: each its own file, session and buffer; started together. */
struct thr {
	pthread_t tid;
	const struct balg *a;
	unsigned int size;
	const struct env *e;
	const unsigned char *want;
	pthread_barrier_t *bar;
	unsigned long long ops;
	uint64_t t0, t1;
	int err;		/* errno, or -1: wrong check value */
	char chk[2 * BENCH_CHECK_BYTES + 1];
};

static void *thr_main(void *arg)
{
	struct thr *t = arg;
	unsigned char chk[BENCH_CHECK_BYTES];
	struct cbuf b = { 0 };
	uint32_t ses = 0;
	struct btimer bt;
	int fd;

	fd = open("/dev/crypto", O_RDWR);
	if (fd < 0)
		t->err = errno;
	if (!t->err)
		t->err = cd_session(fd, t->a, t->e->crid, &ses, NULL);
	if (!t->err)
		t->err = cbuf_init(&b, t->a, t->size);
	if (!t->err)
		t->err = cd_op(fd, CIOCCRYPT, ses, t->a, t->size, 0, &b);
	if (!t->err) {
		cbuf_check(t->a, t->size, &b, chk);
		hex(chk, BENCH_CHECK_BYTES, t->chk);
	}
	pthread_barrier_wait(t->bar);
	btimer_start(&bt);
	if (!t->err) {
		do {
			t->err = cd_op(fd, CIOCCRYPT, ses, t->a, t->size, 0, &b);
			if (t->err)
				break;
			t->ops++;
		} while (btimer_more(&bt));
	}
	t->t0 = bt.t0;
	t->t1 = bt.now;
	if (fd >= 0)
		close(fd);
	free(b.data);
	return NULL;
}

static void do_threads(const struct balg *a, unsigned int size, const struct env *e,
		       const unsigned char *want, struct row *r, unsigned int n)
{
	pthread_barrier_t bar;
	struct thr *t = calloc(n, sizeof(*t));
	uint64_t t0 = UINT64_MAX, t1 = 0;
	unsigned int i, started = 0;
	char w[2 * BENCH_CHECK_BYTES + 1];

	if (a->kind == K_PK) {
		row_na(r, "not measured for keying ops");
		free(t);
		return;
	}
	if (!t) {
		row_error(r, "out of memory");
		return;
	}
	hex(want, BENCH_CHECK_BYTES, w);
	pthread_barrier_init(&bar, NULL, n);
	for (i = 0; i < n; i++) {
		t[i] = (struct thr){ .a = a, .size = size, .e = e, .want = want, .bar = &bar };
		if (pthread_create(&t[i].tid, NULL, thr_main, &t[i]))
			break;
		started++;
	}
	if (started < n) {	/* the barrier would never open: give up loudly */
		fprintf(stderr, "cryptobench: pthread_create failed\n");
		exit(3);
	}
	for (i = 0; i < n; i++)
		pthread_join(t[i].tid, NULL);
	pthread_barrier_destroy(&bar);
	for (i = 0; i < n; i++) {
		if (t[i].err) {
			row_error(r, "thread %u: %s", i, strerror(t[i].err));
			break;
		}
		if (strcmp(t[i].chk, w) || (opt_corrupt && !strcmp(opt_corrupt, r->path))) {
			unsigned char bad[BENCH_CHECK_BYTES];
			unsigned int k;

			for (k = 0; k < BENCH_CHECK_BYTES; k++)
				sscanf(t[i].chk + 2 * k, "%2hhx", &bad[k]);
			check_row(r, want, bad);
			break;
		}
		r->ops += t[i].ops;
		t0 = t[i].t0 < t0 ? t[i].t0 : t0;
		t1 = t[i].t1 > t1 ? t[i].t1 : t1;
	}
	if (r->st == ROW_OK)
		r->ns = t1 - t0;
	free(t);
}

static void do_session_per_op(const struct balg *a, unsigned int size, const struct env *e,
			      const unsigned char *want, struct row *r)
{
	unsigned char chk[BENCH_CHECK_BYTES];
	struct btimer bt;
	struct cbuf b;
	uint32_t ses;
	int fd, err, first = 1;

	if (a->kind == K_PK) {
		row_na(r, "keying ops have no sessions");
		return;
	}
	fd = open("/dev/crypto", O_RDWR);
	if (fd < 0) {
		row_error(r, "/dev/crypto: %s", strerror(errno));
		return;
	}
	if (cbuf_init(&b, a, size)) {
		row_error(r, "out of memory");
		close(fd);
		return;
	}
	btimer_start(&bt);
	do {
		err = cd_session(fd, a, e->crid, &ses, NULL);
		if (err) {
			row_error(r, "CIOCGSESSION: %s", strerror(err));
			break;
		}
		err = cd_op(fd, CIOCCRYPT, ses, a, size, 0, &b);
		if (ioctl(fd, CIOCFSESSION, &ses) && !err)
			err = errno;
		if (err) {
			row_error(r, "op: %s", strerror(err));
			break;
		}
		if (first) {	/* the check, then time from here */
			first = 0;
			cbuf_check(a, size, &b, chk);
			if (check_row(r, want, chk))
				break;
			btimer_start(&bt);
			continue;
		}
		r->ops++;
	} while (btimer_more(&bt));
	if (r->st == ROW_OK)
		r->ns = btimer_ns(&bt);
	free(b.data);
	close(fd);
}

/*
 * A bare system call into /dev/crypto: ioctl() with a command it does not
 * know, answered ENOTTY at once. No crypto, so no check value: the check is
 * that the answer is ENOTTY. What any /dev/crypto request costs before it
 * does anything.
 */
void run_syscall(struct row *r)
{
	struct btimer bt;
	int fd;

	snprintf(r->driver, sizeof(r->driver), "/dev/crypto");
	fd = open("/dev/crypto", O_RDWR);
	if (fd < 0) {
		row_error(r, "/dev/crypto: %s", strerror(errno));
		return;
	}
	btimer_start(&bt);
	do {
		if (ioctl(fd, _IO('c', 0), 0) != -1 || errno != ENOTTY) {
			row_error(r, "ioctl(_IO('c', 0)): %s, not ENOTTY", strerror(errno));
			break;
		}
		r->ops++;
	} while (btimer_more(&bt));
	if (r->st == ROW_OK)
		r->ns = btimer_ns(&bt);
	close(fd);
}

void run_cdev(const struct balg *a, unsigned int size, const struct env *e,
	      const unsigned char *want, struct row *r, unsigned int threads)
{
	int err;

	if (!strcmp(r->path, "sync")) {
		do_sync(a, size, e, want, r, 0);
	} else if (!strcmp(r->path, "sync-copy")) {
		if (a->kind == K_PK)
			row_na(r, "keying ops are not zero-copy");
		else
			do_sync(a, size, e, want, r, COP_FLAG_NO_ZC);
	} else if (!strcmp(r->path, "sync-zc")) {
		if (a->kind == K_PK) {
			row_na(r, "keying ops are not zero-copy");
			return;
		}
		err = zc_set("1");
		if (err) {
			row_na(r, "cannot set %s: %s", ZC_MIN, strerror(err));
			return;
		}
		do_sync(a, size, e, want, r, 0);
		zc_restore();
	} else if (!strncmp(r->path, "async-", 6)) {
		do_async(a, size, e, want, r, atoi(r->path + 6));
	} else if (!strncmp(r->path, "threads-", 8)) {
		do_threads(a, size, e, want, r, threads);
	} else if (!strcmp(r->path, "session-per-op")) {
		do_session_per_op(a, size, e, want, r);
	} else {
		row_error(r, "unknown path");
	}
}
