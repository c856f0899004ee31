// SPDX-License-Identifier: GPL-2.0-only
/*
 * Flow control through /dev/crypto, on opencrypto_gate.ko's driver
 * "ocft_gate" (a NULL cipher behind a gate; cryptodev_flow.sh loads it):
 * with the gate closed the driver answers ERESTART and the framework
 * queues the request; with the framework's max_queue at 0 a request that
 * finds the queue in use fails with ENOBUFS once /dev/crypto's retries are
 * spent; processes killed while they retry leave nothing behind (the leak
 * fixed in a335396: job, buffer, session reference); opening the gate
 * (crypto_unblock()) runs the queued request to its right result; a caller
 * killed while its request waits in the queue leaves the request to the
 * kernel, which keeps cryptodev loaded until it is done (rmmod refused, not
 * a callback into an unloaded module). It loads opencrypto_gate.ko itself
 * (skipped when it is not built) and unloads it; it unloads and loads
 * cryptodev.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cryptodev_util.h"
#include "ktap.h"

#define GATE "/sys/kernel/debug/opencrypto_gate/"
#define MAXQ "/sys/module/opencrypto/parameters/max_queue"
#define PLAN 11

static int fd;
static uint32_t ses;
static char maxq[32];	/* max_queue as it was, put back at the end */

static int put(const char *path, const char *v)
{
	int f = open(path, O_WRONLY), ok;

	ok = f >= 0 && write(f, v, strlen(v)) == (ssize_t)strlen(v);
	if (f >= 0)
		close(f);
	return ok ? 0 : -1;
}

/* Setup failed: the checks left fail, and the module goes. */
static int bail(const char *why)
{
	ktap_print("%s", why);
	if (maxq[0])
		put(MAXQ, maxq);
	put(GATE "control", "open");
	while (ktap_n < PLAN - 1)
		ktap_result(0, "not reached");
	ktap_result(system("rmmod opencrypto_gate") == 0, "opencrypto_gate unloads");
	return ktap_finish();
}

/* One 64-byte NULL-cipher request; 0 or its errno (EBADMSG: wrong data). */
static int one_op(void)
{
	unsigned char in[64], out[64];
	int i, err;

	for (i = 0; i < 64; i++)
		in[i] = (unsigned char)(i * 7 + 1);
	memset(out, 0, sizeof(out));
	err = cdev_op(fd, CIOCCRYPT, ses, COP_ENCRYPT, 0, in, out, 64, NULL, NULL);
	return err ? err : memcmp(in, out, 64) ? EBADMSG : 0;
}

/* A child that runs one request and exits with its errno (0: done right). */
static pid_t child_op(void)
{
	pid_t p = fork();

	if (p == 0)
		_exit(one_op());
	return p;
}

/* A child that runs requests for ever; exits 1 if one is not ENOBUFS. */
static pid_t child_loop(void)
{
	pid_t p = fork();

	if (p == 0)
		for (;;)
			if (one_op() != ENOBUFS)
				_exit(1);
	return p;
}

/*
 * A child with its own file and session on ocft_gate (crid @crid) running
 * one request: killed while it waits, it leaves no file open behind it.
 */
static pid_t child_own(int crid)
{
	pid_t p = fork();

	if (p == 0) {
		fd = open("/dev/crypto", O_RDWR);
		if (fd < 0 || cdev_session2(fd, CRYPTO_NULL, NULL, 0, 0, NULL, 0, &crid, &ses))
			_exit(2);
		_exit(one_op());
	}
	return p;
}

static int exit_code(pid_t p)
{
	int st;

	return p > 0 && waitpid(p, &st, 0) == p && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int wait_until(const char *path, const char *key, long atleast, int ms)
{
	int i;

	for (i = 0; i < ms / 10; i++) {
		if (cdev_stat_of(path, key) >= atleast)
			return 1;
		usleep(10000);
	}
	return 0;
}

/* /dev/crypto holds what it held before (@f files, @s sessions, ...). */
static int back_to(long f, long s, long j, long m, long p)
{
	int i;

	for (i = 0; i < 500; i++) {
		if (cdev_stat_of(CDEV_STATS, "files") == f && cdev_stat_of(CDEV_STATS, "sessions") == s &&
		    cdev_stat_of(CDEV_STATS, "jobs") == j && cdev_stat_of(CDEV_STATS, "memory") == m &&
		    cdev_stat_of(CDEV_STATS, "pinned") == p)
			return 1;
		usleep(10000);
	}
	return 0;
}

int main(void)
{
	long f0 = cdev_stat_of(CDEV_STATS, "files"), s0 = cdev_stat_of(CDEV_STATS, "sessions");
	long j0 = cdev_stat_of(CDEV_STATS, "jobs"), m0 = cdev_stat_of(CDEV_STATS, "memory");
	long p0 = cdev_stat_of(CDEV_STATS, "pinned"), refused;
	struct crypt_find_op find;
	int crid, err, i, killed_ok = 1, rc;
	pid_t a, b;

	if (system("modprobe opencrypto_gate 2>/dev/null") || access(GATE "status", R_OK)) {
		printf("KTAP version 1\n1..0 # SKIP opencrypto_gate.ko not built (OPENCRYPTO_TESTS=1)\n");
		return KSFT_SKIP;
	}
	ktap_plan(PLAN);
	memset(&find, 0, sizeof(find));
	find.crid = -1;
	strcpy(find.name, "ocft_gate");
	fd = open("/dev/crypto", O_RDWR);
	if (fd < 0 || ioctl(fd, CIOCFINDDEV, &find) || f0 < 0)
		return bail("no /dev/crypto, no ocft_gate driver or no " CDEV_STATS);
	crid = find.crid;
	err = cdev_session2(fd, CRYPTO_NULL, NULL, 0, 0, NULL, 0, &crid, &ses);
	ktap_result(!err && crid == find.crid, "a NULL-cipher session on ocft_gate (crid %d, err %d)",
		    crid, err);
	err = one_op();
	ktap_result(!err, "with the gate open a request completes, data unchanged (err %d)", err);

	{	/* max_queue 0: a request that must queue fails at once */
		FILE *q = fopen(MAXQ, "r");

		if (!q || !fgets(maxq, sizeof(maxq), q))
			maxq[0] = 0;
		if (q)
			fclose(q);
	}
	refused = cdev_stat_of(GATE "status", "refused");
	if (!maxq[0] || put(MAXQ, "0") || put(GATE "control", "close")) {
		close(fd);
		return bail("cannot set " MAXQ " or close the gate");
	}
	a = child_op();		/* refused (ERESTART): queued, the driver blocked */
	ktap_result(a > 0 && wait_until(GATE "status", "refused", refused + 1, 5000),
		    "with the gate closed the driver answers ERESTART and the request waits");
	b = child_op();
	rc = exit_code(b);
	ktap_result(rc == ENOBUFS,
		    "a second request, the queue full (max_queue 0), fails with ENOBUFS (exit %d)",
		    rc);
	for (i = 0; i < 3; i++) {	/* killed while /dev/crypto retries ENOBUFS */
		pid_t c = child_loop();

		usleep(200000);
		if (c <= 0 || waitpid(c, NULL, WNOHANG) != 0)
			killed_ok = 0;	/* it must still be retrying */
		if (c > 0) {
			kill(c, SIGKILL);
			waitpid(c, NULL, 0);
		}
	}
	put(GATE "control", "open");	/* crypto_unblock() */
	rc = exit_code(a);
	ktap_result(rc == 0, "opening the gate runs the queued request, data right (exit %d)", rc);
	put(MAXQ, maxq);
	ioctl(fd, CIOCFSESSION, &ses);
	close(fd);
	ktap_result(killed_ok && back_to(f0, s0, j0, m0, p0),
		    "three processes killed while retrying ENOBUFS: /dev/crypto holds what it held before");
	if (!back_to(f0, s0, j0, m0, p0))
		ktap_print("stats now: files %ld sessions %ld jobs %ld memory %ld pinned %ld (before %ld %ld %ld %ld %ld)",
			   cdev_stat_of(CDEV_STATS, "files"), cdev_stat_of(CDEV_STATS, "sessions"),
			   cdev_stat_of(CDEV_STATS, "jobs"), cdev_stat_of(CDEV_STATS, "memory"),
			   cdev_stat_of(CDEV_STATS, "pinned"), f0, s0, j0, m0, p0);

	/* killed while its request is queued: the request keeps cryptodev loaded */
	refused = cdev_stat_of(GATE "status", "refused");
	put(GATE "control", "close");
	a = child_own(crid);
	rc = a > 0 && wait_until(GATE "status", "refused", refused + 1, 5000);
	if (a > 0) {
		kill(a, SIGKILL);
		waitpid(a, NULL, 0);
	}
	i = cdev_stat_of(CDEV_STATS, "jobs");
	ktap_result(rc && i == j0 + 1 && cdev_stat_of(CDEV_STATS, "files") == f0 &&
		    system("rmmod cryptodev 2>/dev/null") != 0,
		    "a caller killed while its request is queued: its file closed, the request keeps cryptodev loaded (jobs %d)",
		    i);
	put(GATE "control", "open");
	rc = back_to(f0, s0, j0, m0, p0);
	ktap_result(rc && system("rmmod cryptodev") == 0 && system("modprobe cryptodev") == 0,
		    "once that request is done and freed, cryptodev unloads and loads again");
	ktap_result(cdev_stat_of(GATE "status", "done") >= 2,
		    "ocft_gate served the requests (done %ld)", cdev_stat_of(GATE "status", "done"));
	ktap_result(cdev_stat_of(GATE "status", "refused") > refused,
		    "and refused while closed (refused %ld)", cdev_stat_of(GATE "status", "refused"));
	ktap_result(system("rmmod opencrypto_gate") == 0 && access(GATE "status", F_OK),
		    "opencrypto_gate unloads");
	return ktap_finish();
}
