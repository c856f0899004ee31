// SPDX-License-Identifier: GPL-2.0-only
/*
 * The transforms a software Linux driver keeps from freed sessions
 * (module/drivers/linux_idle.c), seen through debugfs opencrypto/linux_idle:
 * a freed session's transform is kept with its key not yet wiped; a new
 * session with another key as long takes it and rekeys it, one with the
 * same key takes it as it is (rekeys it when it is another user's); one
 * with a key of another length does not; a transform no session takes has
 * its key wiped a moment later (or the transform is freed, which wipes it
 * too). Every session's answer is
 * checked: NIST SP 800-38A, and OpenSSL for its AES-256 key with the last
 * byte changed.
 */
#define _GNU_SOURCE	/* setresuid() */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ktap.h"
#include "cryptodev_util.h"

#define IDLE "/sys/kernel/debug/opencrypto/linux_idle"

struct idle {
	int kept, unwiped;
	unsigned long wiped, rekeyed, same;
};

static int fd;

/* SP 800-38A F.2.1 and F.2.5: the first block of CBC-AES128/256.Encrypt */
static const unsigned char iv[16] = {
	0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
	0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f };
static const unsigned char pt[16] = {
	0x6b, 0xc1, 0xbe, 0xe2, 0x2e, 0x40, 0x9f, 0x96,
	0xe9, 0x3d, 0x7e, 0x11, 0x73, 0x93, 0x17, 0x2a };
static const unsigned char key128[16] = {
	0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
	0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c };
static const unsigned char ct128[16] = {
	0x76, 0x49, 0xab, 0xac, 0x81, 0x19, 0xb2, 0x46,
	0xce, 0xe9, 0x8e, 0x9b, 0x12, 0xe9, 0x19, 0x7d };
static const unsigned char key256[32] = {
	0x60, 0x3d, 0xeb, 0x10, 0x15, 0xca, 0x71, 0xbe,
	0x2b, 0x73, 0xae, 0xf0, 0x85, 0x7d, 0x77, 0x81,
	0x1f, 0x35, 0x2c, 0x07, 0x3b, 0x61, 0x08, 0xd7,
	0x2d, 0x98, 0x10, 0xa3, 0x09, 0x14, 0xdf, 0xf4 };
static const unsigned char ct256[16] = {
	0xf5, 0x8c, 0x4c, 0x04, 0xd6, 0xe5, 0xf1, 0xba,
	0x77, 0x9e, 0xab, 0xfb, 0x5f, 0x7b, 0xfb, 0xd6 };
/* key256 with its last byte 0xf5 (set in main()): the same block under it (OpenSSL) */
static unsigned char key256b[32];
static const unsigned char ct256b[16] = {
	0x00, 0xce, 0xf7, 0x42, 0x2c, 0x77, 0x57, 0x6f,
	0xf7, 0x41, 0x96, 0x41, 0xbb, 0xa8, 0xc0, 0xe6 };

/* The line of driver @crid; 0, or -1 when it has none. */
static int idle_read(int crid, struct idle *st)
{
	char line[256], name[64];
	int id, found = -1;
	FILE *f = fopen(IDLE, "r");
	struct idle e;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%d %63s kept %d unwiped %d wiped %lu rekeyed %lu same %lu", &id,
			   name, &e.kept, &e.unwiped, &e.wiped, &e.rekeyed, &e.same) == 7 &&
		    id == crid) {
			*st = e;
			found = 0;
		}
	fclose(f);
	return found;
}

/*
 * An AES-CBC session with @key on driver @crid (or class), one block
 * checked against @want, freed, in a file of its own: a file keeps a freed
 * session for its next one with the same key (Documentation/cryptodev.md),
 * and the transforms here are those of sessions freed for good, as at
 * close. Returns the driver's id, or -1.
 */
static int one_session(int crid, const unsigned char *key, int klen,
		       const unsigned char *want)
{
	unsigned char out[16], ivc[16];
	int ok, freed, err, f = open("/dev/crypto", O_RDWR);
	uint32_t ses = 0;

	err = f < 0 ? errno : cdev_session2(f, CRYPTO_AES_CBC, key, klen, 0, NULL, 0, &crid,
					     &ses);
	if (err) {
		ktap_print("open, CIOCGSESSION2: %s", strerror(err));
		if (f >= 0)
			close(f);
		return -1;
	}
	memcpy(ivc, iv, sizeof(ivc));
	ok = !cdev_op(f, CIOCCRYPT, ses, COP_ENCRYPT, 0, pt, out, 16, NULL, ivc) &&
	     !memcmp(out, want, 16);
	freed = !ioctl(f, CIOCFSESSION, &ses);
	freed = !close(f) && freed;
	if (!freed || !ok) {
		ktap_print("AES-%d-CBC on driver %d: %s", klen * 8, crid,
			   ok ? "CIOCFSESSION or close failed" : "wrong answer");
		return -1;
	}
	return crid;
}

/*
 * As @uid: an AES-256-CBC session with key256 on driver @crid, freed with
 * CIOCFSESSION and so parked by its file, which stays open until a worker
 * has freed it (10 ms). 0 when done.
 */
static int parked_session_of(uid_t uid, int crid)
{
	uint32_t ses = 0;
	int f;

	if (setresuid(uid, uid, uid))
		return 1;
	f = open("/dev/crypto", O_RDWR);
	if (f < 0 || cdev_session2(f, CRYPTO_AES_CBC, key256, 32, 0, NULL, 0, &crid, &ses) ||
	    ioctl(f, CIOCFSESSION, &ses))
		return 1;
	usleep(200 * 1000);
	return 0;
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

/* Poll (2 s at most) until driver @id has no unwiped transform left. */
static void wait_unwiped(int id, struct idle *st)
{
	double t0 = now();

	do {
		usleep(2000);
		if (idle_read(id, st))
			return;
	} while (st->unwiped && now() - t0 < 2);
}

int main(void)
{
	struct idle a, b, c;
	int id, i, ok, last;
	struct stat st;

	ktap_plan(10);
	memcpy(key256b, key256, sizeof(key256b));
	key256b[31] ^= 0x01;
	mount("none", "/sys/kernel/debug", "debugfs", 0, NULL);
	fd = open("/dev/crypto", O_RDWR);
	if (!ktap_result(fd >= 0 && !access(IDLE, R_OK), "/dev/crypto and %s are there", IDLE))
		return ktap_finish();

	/* a first session finds the driver (and leaves one kept transform) */
	id = one_session(CRYPTO_FLAG_SOFTWARE, key256, 32, ct256);
	if (!ktap_result(id >= 0 && !idle_read(id, &a),
			 "an AES-256-CBC session on a software Linux driver (%d) is listed in %s",
			 id, IDLE))
		return ktap_finish();

	/* what the first session left (calibration's sessions too) goes */
	wait_unwiped(id, &a);
	usleep(100 * 1000);
	one_session(id, key256, 32, ct256);
	idle_read(id, &a);

	/*
	 * Freed: kept, its key not wiped for two ticks at least, in which the
	 * next session takes it: with the other key (the keys take turns), it
	 * rekeys it (tried a few times: the guest may stall).
	 */
	for (i = 0, last = 0; i < 5; i++) {
		last = !(i % 2);	/* key256b first: key256 came last */
		if (one_session(id, last ? key256b : key256, 32, last ? ct256b : ct256) != id ||
		    idle_read(id, &b) || (b.rekeyed > a.rekeyed && b.unwiped))
			break;
		a = b;
	}
	ktap_result(b.kept >= 1 && b.unwiped >= 1,
		    "a freed session's transform is kept, not yet wiped (kept %d, unwiped %d)",
		    b.kept, b.unwiped);
	ktap_result(b.rekeyed == a.rekeyed + 1 && b.same == a.same,
		    "a session with another key as long took the unwiped one and rekeyed it "
		    "(rekeyed %lu -> %lu, same %lu -> %lu)", a.rekeyed, b.rekeyed, a.same, b.same);

	/* the same key again: taken as it is, and still the right answer */
	for (i = 0; i < 5; i++) {
		a = b;
		if (one_session(id, last ? key256b : key256, 32, last ? ct256b : ct256) != id ||
		    idle_read(id, &b) || (b.same > a.same && b.unwiped))
			break;
	}
	ktap_result(b.same == a.same + 1 && b.rekeyed == a.rekeyed,
		    "a session with the same key took the unwiped one as it was (same %lu -> %lu, "
		    "rekeyed %lu -> %lu)", a.same, b.same, a.rekeyed, b.rekeyed);

	/*
	 * The same key by another user: the transform is keyed again, so that
	 * the time a session takes does not tell whether the key was this one
	 */
	st.st_mode = 0;
	ok = !stat("/dev/crypto", &st) && !chmod("/dev/crypto", 0666);
	for (i = 0; ok && i < 5; i++) {
		one_session(id, last ? key256b : key256, 32, last ? ct256b : ct256);
		idle_read(id, &a);
		if (setresuid(1000, 1000, 0))
			break;
		ok = one_session(id, last ? key256b : key256, 32, last ? ct256b : ct256) == id;
		if (setresuid(0, 0, 0) || idle_read(id, &b) ||
		    ((b.same > a.same || b.rekeyed > a.rekeyed) && b.unwiped))
			break;
	}
	ktap_result(ok && b.rekeyed == a.rekeyed + 1 && b.same == a.same,
		    "a session of another user with that key rekeyed it (rekeyed %lu -> %lu, "
		    "same %lu -> %lu)", a.rekeyed, b.rekeyed, a.same, b.same);

	/*
	 * A user's session freed by a kernel worker (the file's parked
	 * session, 10 ms after CIOCFSESSION): nobody takes its key as it is,
	 * root included
	 */
	for (i = 0, ok = 0; st.st_mode && i < 5 && !ok; i++) {
		double t0;
		pid_t p;

		wait_unwiped(id, &a);
		usleep(100 * 1000);		/* and the kept ones gone */
		idle_read(id, &a);
		p = fork();
		if (p == 0)
			_exit(parked_session_of(1000, id));
		t0 = now();
		do
			idle_read(id, &b);
		while (!b.unwiped && now() - t0 < 1);
		one_session(id, key256, 32, ct256);
		idle_read(id, &c);
		waitpid(p, NULL, 0);
		ok = c.same > a.same || c.rekeyed > a.rekeyed;
	}
	if (st.st_mode)
		chmod("/dev/crypto", st.st_mode & 07777);
	ktap_result(ok && c.same == a.same,
		    "a key freed by a kernel worker is rekeyed, even for root (rekeyed %lu -> %lu, "
		    "same %lu -> %lu)", a.rekeyed, c.rekeyed, a.same, c.same);
	idle_read(id, &b);

	/* an AES-128 session does not take the unwiped AES-256 transform */
	c = b;
	ok = one_session(id, key128, 16, ct128) == id && !idle_read(id, &c);
	ktap_result(ok && c.rekeyed == b.rekeyed,
		    "a session with a shorter key took no unwiped transform (rekeyed %lu -> %lu)",
		    b.rekeyed, c.rekeyed);

	/* unused, they go (20 ms after the first was kept) */
	wait_unwiped(id, &c);
	usleep(100 * 1000);
	ok = !idle_read(id, &c);
	ktap_result(ok && !c.kept, "the kept transforms go when unused (kept %d)", c.kept);

	/* one freed session, nobody takes its transform: its key is wiped */
	b = c;
	if (one_session(id, key256, 32, ct256) == id)
		wait_unwiped(id, &c);
	ktap_result(!c.unwiped && c.wiped == b.wiped + 1,
		    "a transform no session takes has its key wiped (wiped %lu -> %lu, kept %d)",
		    b.wiped, c.wiped, c.kept);
	close(fd);
	return ktap_finish();
}
