/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the /dev/crypto selftests (and tools/cryptocheck/check.c) share: one
 * crypt_op request, sessions, and reading a counter file.
 */
#ifndef OPENCRYPTO_CRYPTODEV_UTIL_H
#define OPENCRYPTO_CRYPTODEV_UTIL_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include <crypto/cryptodev.h>

/* What /dev/crypto holds now (files, sessions, jobs, memory, pinned, users) */
#define CDEV_STATS "/sys/kernel/debug/cryptodev/stats"

/* The number after "@key " on a line of @path, or -1. */
static inline long cdev_stat_of(const char *path, const char *key)
{
	char line[128];
	long v = -1;
	FILE *f = fopen(path, "r");
	size_t n = strlen(key);

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, key, n) && line[n] == ' ')
			v = strtol(line + n + 1, NULL, 10);
	if (f)
		fclose(f);
	return v;
}

/* ioctl @req (CIOCCRYPT, CIOCASYNCCRYPT) with one crypt_op; returns errno or 0. */
static inline int cdev_op(int fd, unsigned long req, uint32_t ses, int op, int flags,
			  const void *src, void *dst, unsigned int len, void *mac, void *iv)
{
	struct crypt_op c;

	memset(&c, 0, sizeof(c));
	c.ses = ses;
	c.op = op;
	c.flags = flags;
	c.len = len;
	c.src = (unsigned char *)src;
	c.dst = dst;
	c.mac = mac;
	c.iv = iv;
	return ioctl(fd, req, &c) ? errno : 0;
}

/*
 * CIOCGSESSION or CIOCGSESSION2 (@cmd) for @cipher and/or @mac into @s, on
 * @crid for CIOCGSESSION2 (a session_op is the first part of a
 * session2_op: CIOCGSESSION reads and writes that part only). Returns 0
 * or the errno.
 */
static inline int cdev_session_ioctl(int fd, unsigned long cmd, int cipher, const void *key,
				     int klen, int mac, const void *mkey, int mklen, int crid,
				     struct session2_op *s)
{
	memset(s, 0, sizeof(*s));
	s->cipher = cipher;
	s->key = (unsigned char *)key;
	s->keylen = klen;
	s->mac = mac;
	s->mackey = (unsigned char *)mkey;
	s->mackeylen = mklen;
	s->crid = crid;
	return ioctl(fd, cmd, s) ? errno : 0;
}

/* CIOCGSESSION for @cipher and/or @mac; the id, or 0 with *@err set. */
static inline uint32_t cdev_session(int fd, int cipher, const void *key, int klen, int mac,
				    const void *mkey, int mklen, int *err)
{
	struct session2_op s;

	*err = cdev_session_ioctl(fd, CIOCGSESSION, cipher, key, klen, mac, mkey, mklen, 0, &s);
	return *err ? 0 : s.ses;
}

/*
 * CIOCGSESSION2 for @cipher and/or @mac on *@crid: *@crid is set to the
 * driver the session got, *@ses to its id. Returns 0 or the errno.
 */
static inline int cdev_session2(int fd, int cipher, const void *key, int klen, int mac,
				const void *mkey, int mklen, int *crid, uint32_t *ses)
{
	struct session2_op s;
	int err = cdev_session_ioctl(fd, CIOCGSESSION2, cipher, key, klen, mac, mkey, mklen,
				     *crid, &s);

	if (err)
		return err;
	*crid = s.crid;
	*ses = s.ses;
	return 0;
}

#endif /* OPENCRYPTO_CRYPTODEV_UTIL_H */
