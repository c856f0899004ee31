// SPDX-License-Identifier: GPL-2.0-only
/*
 * cryptoinfo: what /dev/crypto offers, and a few requests through it.
 * Lists the drivers (CIOCGETDRIVER), then runs AES-128-CBC (SP 800-38A
 * F.2.1) and SHA-256 ("abc") through CIOCCRYPT, says which Linux
 * implementation served each (CIOCGSESSINFO) and whether the answer is the
 * standard's. Exit 0 when both are right.
 *
 * Build: gcc -static -Iinclude/uapi -o cryptoinfo tools/cryptoinfo.c
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <crypto/cryptodev.h>

static const unsigned char key[16] = {
	0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
	0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c };
static const unsigned char pt[16] = {
	0x6b, 0xc1, 0xbe, 0xe2, 0x2e, 0x40, 0x9f, 0x96,
	0xe9, 0x3d, 0x7e, 0x11, 0x73, 0x93, 0x17, 0x2a };
static const unsigned char ct[16] = {
	0x76, 0x49, 0xab, 0xac, 0x81, 0x19, 0xb2, 0x46,
	0xce, 0xe9, 0x8e, 0x9b, 0x12, 0xe9, 0x19, 0x7d };
static const unsigned char sha_abc[32] = {
	0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde,
	0x5d, 0xae, 0x22, 0x23, 0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c,
	0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad };

static void hexdump(const unsigned char *p, int n)
{
	while (n--)
		printf("%02x", *p++);
}

static int run(int fd, const char *what, struct session_op *s, const void *src,
	       void *dst, unsigned int len, void *mac, void *iv,
	       const unsigned char *want, int wlen)
{
	struct session_info_op si;
	struct crypt_op c;
	int ok;

	if (ioctl(fd, CIOCGSESSION, s)) {
		printf("  %-12s session: %s\n", what, strerror(errno));
		return 0;
	}
	memset(&si, 0, sizeof(si));
	si.ses = s->ses;
	ioctl(fd, CIOCGSESSINFO, &si);
	memset(&c, 0, sizeof(c));
	c.ses = s->ses;
	c.op = COP_ENCRYPT;
	c.len = len;
	c.src = (void *)src;
	c.dst = dst;
	c.mac = mac;
	c.iv = iv;
	if (ioctl(fd, CIOCCRYPT, &c)) {
		printf("  %-12s CIOCCRYPT: %s\n", what, strerror(errno));
		return 0;
	}
	ok = !memcmp(dst ? dst : mac, want, wlen);
	printf("  %-12s ", what);
	hexdump(dst ? dst : mac, wlen);
	printf("  %s\n  %-12s served by %s (%s)%s\n", ok ? "right" : "WRONG", "",
	       s->cipher ? si.cipher_info.cra_driver_name : si.hash_info.cra_driver_name,
	       s->cipher ? si.cipher_info.cra_name : si.hash_info.cra_name,
	       si.flags & SIOP_FLAG_KERNEL_DRIVER_ONLY ? ", hardware" : "");
	ioctl(fd, CIOCFSESSION, &s->ses);
	return ok;
}

int main(void)
{
	unsigned char out[16], iv[16] = { 0 }, md[32];
	struct crypt_driver_op d;
	struct session_op s;
	int fd, i, ok;

	fd = open("/dev/crypto", O_RDWR);
	if (fd < 0) {
		perror("/dev/crypto");
		return 1;
	}
	printf("drivers:\n");
	memset(&d, 0, sizeof(d));
	while (!ioctl(fd, CIOCGETDRIVER, &d)) {
		int n = 0;

		for (i = 0; i < 256; i++)
			n += !!(d.algs[i / 64] & (1ULL << (i % 64)));
		printf("  %2d %-28s %-8s %2d algorithms, %llu requests\n", d.crid, d.name,
		       d.flags & CRYPTO_FLAG_HARDWARE ? "hardware" : "software", n,
		       (unsigned long long)d.ops);
		d.index = d.crid + 1;
	}
	printf("requests:\n");
	for (i = 0; i < 16; i++)
		iv[i] = i;
	memset(&s, 0, sizeof(s));
	s.cipher = CRYPTO_AES_CBC;
	s.key = (unsigned char *)key;
	s.keylen = 16;
	ok = run(fd, "AES-128-CBC", &s, pt, out, 16, NULL, iv, ct, 16);
	memset(&s, 0, sizeof(s));
	s.mac = CRYPTO_SHA2_256;
	ok &= run(fd, "SHA-256", &s, "abc", NULL, 3, md, NULL, sha_abc, 32);
	close(fd);
	return !ok;
}
