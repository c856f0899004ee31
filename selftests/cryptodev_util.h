/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the /dev/crypto selftests (and tools/cryptocheck/check.c) share: one
 * crypt_op request.
 */
#ifndef OPENCRYPTO_CRYPTODEV_UTIL_H
#define OPENCRYPTO_CRYPTODEV_UTIL_H

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>

#include <crypto/cryptodev.h>

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

/* CIOCGSESSION for @cipher and/or @mac; the id, or 0 with *@err set. */
static inline uint32_t cdev_session(int fd, int cipher, const void *key, int klen, int mac,
				    const void *mkey, int mklen, int *err)
{
	struct session_op s;

	memset(&s, 0, sizeof(s));
	s.cipher = cipher;
	s.key = (unsigned char *)key;
	s.keylen = klen;
	s.mac = mac;
	s.mackey = (unsigned char *)mkey;
	s.mackeylen = mklen;
	*err = ioctl(fd, CIOCGSESSION, &s) ? errno : 0;
	return *err ? 0 : s.ses;
}

#endif /* OPENCRYPTO_CRYPTODEV_UTIL_H */
