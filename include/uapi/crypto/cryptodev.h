/* SPDX-License-Identifier: GPL-2.0-only WITH Linux-syscall-note */
/*
 * <crypto/cryptodev.h>: the /dev/crypto ioctl interface, binary compatible
 * with cryptodev-linux, plus the BSD extensions.
 *
 * The device's ioctls use the magic 'c'. The structures and commands are
 * added here as the front end implements them (see Documentation/).
 */
#ifndef _UAPI_CRYPTO_CRYPTODEV_H
#define _UAPI_CRYPTO_CRYPTODEV_H

#include <linux/ioctl.h>
#include <linux/types.h>

#endif /* _UAPI_CRYPTO_CRYPTODEV_H */
