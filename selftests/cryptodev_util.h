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

#endif /* OPENCRYPTO_CRYPTODEV_UTIL_H */
