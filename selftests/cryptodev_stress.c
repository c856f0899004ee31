// SPDX-License-Identifier: GPL-2.0-only
/*
 * cryptodev_stress: threads x open files x sessions on /dev/crypto, mixing
 * synchronous and asynchronous requests, every answer checked:
 *   - AES-128-CBC of the SP 800-38A F.2.1 message against its ciphertext;
 *   - AES-CBC of random data of random length (up to 64 KiB, so both the
 *     copy and the zero-copy paths) encrypted then decrypted back;
 *   - batches of 1..8 async requests, fetched after poll();
 *   - SHA-256 of "abc", one-shot and in two calls;
 *   - unless -H: a session created and freed around each hash (the
 *     pattern of OpenSSL's engine), and around each HMAC-SHA256 with one
 *     of two keys of the same length taken at random, so that threads
 *     sharing a file make sessions with different keys at once (RFC 4231
 *     case 2, and Python's hmac with its key's first letter lower case).
 * -H: the AES sessions must start on a hardware driver (hardware or
 * software allowed, so that they can move when it goes) and are kept, for
 * hot-unplug tests. Prints counters; exit 0 when every request
 * succeeded with the right answer, 1 otherwise.
 *
 * -c: instead, fill one file's async queue with 64 KiB requests and close
 * it while they are in the drivers.
 *
 * Usage: cryptodev_stress [-t THREADS] [-f FILES] [-s SECONDS] [-H] | -c
 */
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <errno.h>

#include <crypto/cryptodev.h>

#include "cryptodev_util.h"

static int nthreads = 8, nfiles = 4, seconds = 5, hw, close_busy;
static int fds[64];
static volatile int stop;
static long ops, wrong, errs;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static const unsigned char key[16] = {
	0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
	0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c };
static unsigned char pt[64], ct[64], iv0[16];
static const char *pt_hex = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
	"30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";
static const char *ct_hex = "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"
	"73bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7";
static const unsigned char sha_abc[32] = {
	0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde,
	0x5d, 0xae, 0x22, 0x23, 0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c,
	0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad };

static const char *hmac_msg = "what do ya want for nothing?";
static const char *hmac_keys[2] = { "Jefe", "jefe" };
static unsigned char hmac_want[2][32];

static void hex(const char *h, unsigned char *o)
{
	while (h[0] && h[1]) {
		sscanf(h, "%2hhx", o++);
		h += 2;
	}
}

static void note(int bad, int err, const char *what)
{
	pthread_mutex_lock(&lock);
	ops++;
	if (err) {
		if (errs++ < 5)
			fprintf(stderr, "# %s: %s\n", what, strerror(err));
	} else if (bad) {
		if (wrong++ < 5)
			fprintf(stderr, "# %s: wrong answer\n", what);
	}
	pthread_mutex_unlock(&lock);
}

static uint32_t aes_session(int fd)
{
	int crid = CRYPTO_FLAG_HARDWARE | CRYPTO_FLAG_SOFTWARE, err;
	uint32_t ses = 0;

	err = cdev_session2(fd, CRYPTO_AES_CBC, key, 16, 0, NULL, 0, &crid, &ses);
	if (err) {
		errno = err;
		return 0;
	}
	if (hw) {	/* it must start on the accelerator */
		struct session_info_op si;

		memset(&si, 0, sizeof(si));
		si.ses = ses;
		if (ioctl(fd, CIOCGSESSINFO, &si) ||
		    !(si.flags & SIOP_FLAG_KERNEL_DRIVER_ONLY)) {
			errno = ENODEV;
			return 0;
		}
	}
	return ses;
}

static void *worker(void *arg)
{
	int fd = fds[(long)arg % nfiles], err, i, n;
	unsigned int seed = (unsigned int)(long)arg * 7919 + 1, len;
	unsigned char *a = malloc(65536), *b = malloc(65536), *c = malloc(65536);
	unsigned char out[8][64], iv[16], md[32];
	struct crypt_op f;
	uint32_t ses, hses, ases;
	/* async results go to whoever fetches them: a file of our own */
	int afd = open("/dev/crypto", O_RDWR);

	ses = aes_session(fd);
	ases = afd >= 0 ? aes_session(afd) : 0;
	if (!ses || !ases) {
		note(0, errno, "AES session");
		return NULL;
	}
	while (!stop) {
		switch (rand_r(&seed) % 5) {
		case 0:
			memcpy(iv, iv0, 16);
			err = cdev_op(fd, CIOCCRYPT, ses, COP_ENCRYPT, 0, pt, out[0], 64, NULL, iv);
			note(err || memcmp(out[0], ct, 64), err, "AES-CBC known answer");
			break;
		case 1:
			len = 16 * (1 + rand_r(&seed) % 4096);
			for (i = 0; i < (int)len; i += 4)
				*(uint32_t *)(a + i) = rand_r(&seed);
			memcpy(iv, iv0, 16);
			err = cdev_op(fd, CIOCCRYPT, ses, COP_ENCRYPT, 0, a, b, len, NULL, iv);
			if (!err)
				err = cdev_op(fd, CIOCCRYPT, ses, COP_DECRYPT, 0, b, c, len, NULL, iv);
			note(!err && memcmp(a, c, len), err, "AES-CBC round trip");
			break;
		case 2:
			n = 1 + rand_r(&seed) % 8;
			memcpy(iv, iv0, 16);
			for (i = 0, err = 0; i < n && !err; i++) {
				memset(out[i], 0, 64);
				err = cdev_op(afd, CIOCASYNCCRYPT, ases, COP_ENCRYPT, 0, pt, out[i], 64,
					  NULL, iv);
			}
			n = i;
			if (err) {
				note(0, err, "CIOCASYNCCRYPT");
				n--;
			}
			for (i = 0; i < n; ) {
				struct pollfd p = { .fd = afd, .events = POLLIN };

				if (poll(&p, 1, 10000) != 1) {
					note(0, ETIMEDOUT, "poll");
					break;
				}
				memset(&f, 0, sizeof(f));
				err = ioctl(afd, CIOCASYNCFETCH, &f) ? errno : 0;
				if (err == EBUSY)
					continue;
				note(err || memcmp(f.dst, ct, 64), err, "CIOCASYNCFETCH");
				i++;
			}
			break;
		case 3:
			err = cdev_op(fd, CIOCCRYPT, ses, COP_ENCRYPT, 0, pt, pt, 0, NULL, iv);
			note(err != EINVAL, err == EINVAL ? 0 : err ? err : EPROTO,
			     "zero length is EINVAL");
			break;
		default: {
			struct session_op s;

			if (hw) {
				memcpy(iv, iv0, 16);
				err = cdev_op(fd, CIOCCRYPT, ses, COP_ENCRYPT, 0, pt, out[0], 64, NULL, iv);
				note(err || memcmp(out[0], ct, 64), err, "AES-CBC known answer");
				break;
			}
			if (rand_r(&seed) % 2) {
				int k = rand_r(&seed) % 2;

				memset(&s, 0, sizeof(s));
				s.mac = CRYPTO_SHA2_256_HMAC;
				s.mackey = (unsigned char *)hmac_keys[k];
				s.mackeylen = 4;
				err = ioctl(fd, CIOCGSESSION, &s) ? errno : 0;
				hses = s.ses;
				memset(md, 0, sizeof(md));
				if (!err)
					err = cdev_op(fd, CIOCCRYPT, hses, COP_ENCRYPT, 0, hmac_msg,
						      NULL, strlen(hmac_msg), md, NULL);
				note(!err && memcmp(md, hmac_want[k], 32), err,
				     "HMAC-SHA256 in a fresh session");
				if (hses)
					ioctl(fd, CIOCFSESSION, &hses);
				break;
			}
			memset(&s, 0, sizeof(s));
			s.mac = CRYPTO_SHA2_256;
			err = ioctl(fd, CIOCGSESSION, &s) ? errno : 0;
			hses = s.ses;
			if (!err)
				err = cdev_op(fd, CIOCCRYPT, hses, COP_ENCRYPT, COP_FLAG_UPDATE, "ab", NULL,
					  2, NULL, NULL);
			if (!err)
				err = cdev_op(fd, CIOCCRYPT, hses, COP_ENCRYPT, COP_FLAG_FINAL, "c", NULL,
					  1, md, NULL);
			note(!err && memcmp(md, sha_abc, 32), err, "SHA-256 in a fresh session");
			if (hses)
				ioctl(fd, CIOCFSESSION, &hses);
		}
		}
	}
	ioctl(fd, CIOCFSESSION, &ses);
	close(afd);
	free(a);
	free(b);
	free(c);
	return NULL;
}

/* -c: fill a file's async queue with large requests and close it at once */
static int close_while_busy(void)
{
	static unsigned char buf[64][65536];
	unsigned char iv[16] = { 0 };
	int fd = open("/dev/crypto", O_RDWR), i, n = 0;
	uint32_t ses = fd >= 0 ? aes_session(fd) : 0;

	if (!ses)
		return 1;
	for (i = 0; i < 64; i++)
		n += !cdev_op(fd, CIOCASYNCCRYPT, ses, COP_ENCRYPT, 0, buf[i], buf[i],
			  sizeof(buf[i]), NULL, iv);
	printf("# %d requests of 64 KiB submitted, closing\n", n);
	return close(fd) || !n;
}

int main(int argc, char **argv)
{
	pthread_t th[256];
	int opt, i;

	while ((opt = getopt(argc, argv, "t:f:s:Hc")) != -1) {
		switch (opt) {
		case 'c':
			close_busy = 1;
			break;
		case 't':
			nthreads = atoi(optarg);
			break;
		case 'f':
			nfiles = atoi(optarg);
			break;
		case 's':
			seconds = atoi(optarg);
			break;
		case 'H':
			hw = 1;
			break;
		default:
			fprintf(stderr, "usage: %s [-t THREADS] [-f FILES] [-s SECONDS] [-H]\n",
				argv[0]);
			return 2;
		}
	}
	if (nthreads < 1 || nthreads > 256 || nfiles < 1 || nfiles > 64)
		return 2;
	hex(pt_hex, pt);
	hex(ct_hex, ct);
	hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", hmac_want[0]);
	hex("f5886a2776d40a671830efd161726e21b7dbd9f0d3a5515428de35324eacaadb", hmac_want[1]);
	for (i = 0; i < 16; i++)
		iv0[i] = i;
	if (close_busy)
		return close_while_busy();
	for (i = 0; i < nfiles; i++) {
		fds[i] = open("/dev/crypto", O_RDWR);
		if (fds[i] < 0) {
			perror("/dev/crypto");
			return 1;
		}
	}
	for (i = 0; i < nthreads; i++)
		pthread_create(&th[i], NULL, worker, (void *)(long)i);
	sleep(seconds);
	stop = 1;
	for (i = 0; i < nthreads; i++)
		pthread_join(th[i], NULL);
	for (i = 0; i < nfiles; i++)
		close(fds[i]);
	printf("# threads %d files %d ops %ld wrong %ld errors %ld\n",
	       nthreads, nfiles, ops, wrong, errs);
	return wrong || errs || !ops;
}
