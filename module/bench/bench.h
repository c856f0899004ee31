/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The benchmark's shared definitions: the kernel benchmark module
 * (module/bench/) and tools/cryptobench both include this file, so that the
 * in-kernel references and the user-space paths do the same work on the
 * same bytes, and cryptobench can check every path's output against
 * OpenSSL before it times it.
 *
 * Protocol of /sys/kernel/debug/opencrypto_bench/run: open it, write one
 * command line, read one result line (on the same open file):
 *
 *   <path> <alg> <size> <msecs> [driver=<name>] [crid=<n>] [depth=<n>]
 *
 *   path   "tfm": the Linux transform, called directly (the limit);
 *          "ocf": the same work through crypto_dispatch()/crypto_kdispatch()
 *          from a kernel consumer (the framework's overhead);
 *          "call": the "tfm" transform (depth 1, not modexp-2048) kept on
 *          the open file, msecs unused: each ioctl(BENCH_IOC_CALL) on it
 *          then runs one operation and returns 0 or -1 with its errno (the
 *          floor under every path from user space: one system call and the
 *          transform); the result line is that of one operation
 *   alg    one of BENCH_ALGS below ("aes-128-cbc", ...)
 *   size   bytes of data per operation (ignored by modexp-2048)
 *   msecs  how long to run (10..60000)
 *   driver "tfm" only: the Linux driver name (cra_driver_name) to allocate,
 *          e.g. cbc-aes-aesni; default: the Linux crypto API's choice
 *   crid   "ocf" only: the opencrypto driver id; default: hardware or
 *          software, as crypto_newsession(CRYPTOCAP_F_HARDWARE |
 *          CRYPTOCAP_F_SOFTWARE) chooses
 *   depth  requests in flight (default 1)
 *
 * Result: "ops=<n> ns=<n> bytes=<n> driver=<name> out=<32 hex digits>"
 * where ops is the operations completed in ns nanoseconds, bytes is ops
 * times size (modexp-2048: times BENCH_MODEXP_BYTES), out the check value
 * of one operation (BENCH_CHECK below) and driver the Linux driver name
 * (tfm) or the opencrypto driver name (ocf); or "error=<positive errno>"
 * for a command that failed (EINVAL for a malformed one). The line ends
 * with a newline. The write returns its whole length whenever the command
 * was read, whatever its outcome, and puts the file position back to 0,
 * so that write-then-read can repeat on one open file.
 */
#ifndef OPENCRYPTO_BENCH_H
#define OPENCRYPTO_BENCH_H

#include <linux/ioctl.h>

/* One operation on the transform a "call" command kept (EINVAL: none). */
#define BENCH_IOC_CALL _IO('O', 0xb1)

/* Algorithms, by the names every path and the CSV use. */
#define BENCH_ALGS "aes-128-cbc aes-256-gcm aes-128-ctr sha256 hmac-sha256 null modexp-2048"

/* Bytes of the patterns, for i = 0, 1, ... */
/* Keys: AES-128 16 bytes, AES-256 32, HMAC-SHA256 32; NULL none. */
static inline unsigned char bench_key_byte(unsigned int i)
{
	return (unsigned char)(0x01 + i);
}

static inline unsigned char bench_iv_byte(unsigned int i)	/* IV; GCM: 12 bytes */
{
	return (unsigned char)(0xa0 + i);
}

static inline unsigned char bench_data_byte(unsigned int i)	/* the data */
{
	return (unsigned char)(i * 7 + 3);
}

/*
 * MOD_EXP-2048: base^exp mod modulus, 256-byte big-endian numbers. The
 * modulus has its top and bottom bits set (2048 bits, odd), the base is
 * below it, the exponent has 2048 bits.
 */
#define BENCH_MODEXP_BYTES 256

static inline unsigned char bench_modulus_byte(unsigned int i)
{
	unsigned char b = (unsigned char)(i * 37 + 11);

	return i == 0 ? 0xf1 : i == BENCH_MODEXP_BYTES - 1 ? (b | 1) : b;
}

static inline unsigned char bench_base_byte(unsigned int i)
{
	return i == 0 ? 0x5a : (unsigned char)(i * 53 + 7);
}

static inline unsigned char bench_exp_byte(unsigned int i)
{
	return i == 0 ? 0xc5 : (unsigned char)(i * 91 + 3);
}

/*
 * BENCH_CHECK: the 16 bytes that show an operation was right, in hex:
 * ciphers (encryption, in place): the last 16 bytes of the output (for
 * sizes below 16: all of it, zero-padded on the right);
 * aes-256-gcm (encryption, no AAD): the 16-byte tag;
 * sha256, hmac-sha256: the first 16 bytes of the digest;
 * modexp-2048: the last 16 bytes of the result.
 */
#define BENCH_CHECK_BYTES 16

#endif /* OPENCRYPTO_BENCH_H */
