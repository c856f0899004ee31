// SPDX-License-Identifier: GPL-2.0-only
/*
 * /dev/crypto basics: the node, its documented mode, open/close, refusal to
 * unprivileged users, and ENOTTY for ioctls the device does not know.
 */
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ktap.h"

#define DEV "/dev/crypto"
#define MISC_MAJOR 10

/* Open the device as an unprivileged user in a child; return its errno. */
static int open_as_nobody(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		int fd;

		if (setgid(65534) || setuid(65534))
			_exit(255);
		fd = open(DEV, O_RDWR);
		_exit(fd >= 0 ? 0 : errno);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

int main(void)
{
	/* Numbers nobody uses: a foreign magic, cryptodev's magic beyond its
	 * table, and command 0.
	 */
	static const unsigned long unknown[] = {
		_IOWR('x', 1, int), _IOWR('c', 200, int), _IO('c', 0), 0,
	};
	struct stat st;
	unsigned int i;
	int fd, fd2, rc, err;

	ktap_plan(8 + sizeof(unknown) / sizeof(unknown[0]));

	rc = stat(DEV, &st);
	ktap_result(rc == 0 && S_ISCHR(st.st_mode), "node exists and is a character device");
	ktap_result(rc == 0 && major(st.st_rdev) == MISC_MAJOR,
		    "node is a misc device (major %d)", MISC_MAJOR);
	if (!ktap_result(rc == 0 && (st.st_mode & 07777) == 0600 &&
			 st.st_uid == 0 && st.st_gid == 0,
			 "kernel default mode is 0600 root:root"))
		ktap_print("  mode %o uid %u gid %u", st.st_mode & 07777,
			   st.st_uid, st.st_gid);

	fd = open(DEV, O_RDWR);
	ktap_result(fd >= 0, "open O_RDWR as root");
	fd2 = open(DEV, O_RDWR);
	ktap_result(fd2 >= 0 && fd2 != fd, "a second open gives a second file");

	for (i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
		char name[64];

		errno = 0;
		rc = ioctl(fd, unknown[i], 0);
		snprintf(name, sizeof(name), "unknown ioctl %#lx gives ENOTTY", unknown[i]);
		ktap_expect_errno(rc, ENOTTY, name);
	}

	errno = 0;
	rc = (int)lseek(fd, 0, SEEK_SET);
	ktap_expect_errno(rc, ESPIPE, "lseek gives ESPIPE");

	ktap_result(close(fd2) == 0 && close(fd) == 0, "close both");

	err = open_as_nobody();
	if (!ktap_result(err == EACCES, "open as uid 65534 gives EACCES"))
		ktap_print("  child reported %d", err);

	return ktap_finish();
}
