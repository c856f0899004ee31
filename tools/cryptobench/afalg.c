// SPDX-License-Identifier: GPL-2.0-only
/*
 * cryptobench: the AF_ALG paths, bound to the Linux driver /dev/crypto used
 * (or the generic name when that fails). af_alg: one op socket, per
 * operation a sendmsg (ALG_SET_OP, ALG_SET_IV, ALG_SET_AEAD_ASSOCLEN cmsgs)
 * and a read. af_alg-setup: socket, bind, setkey, accept, one operation,
 * close, per operation.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/if_alg.h>

#include "cryptobench.h"

#ifndef SOL_ALG
#define SOL_ALG 279
#endif

/* A transform socket bound to @name; -errno on failure. */
static int af_bind(const struct balg *a, const char *name)
{
	struct sockaddr_alg sa;
	unsigned char key[64];
	int s, err;

	s = socket(AF_ALG, SOCK_SEQPACKET, 0);
	if (s < 0)
		return -errno;
	memset(&sa, 0, sizeof(sa));
	sa.salg_family = AF_ALG;
	snprintf((char *)sa.salg_type, sizeof(sa.salg_type), "%s", a->af_type);
	snprintf((char *)sa.salg_name, sizeof(sa.salg_name), "%s", name);
	if (bind(s, (struct sockaddr *)&sa, sizeof(sa)))
		goto fail;
	bench_patterns(key, NULL, NULL, 0);
	if (a->keylen && setsockopt(s, SOL_ALG, ALG_SET_KEY, key, a->keylen))
		goto fail;
	if (a->kind == K_AEAD && setsockopt(s, SOL_ALG, ALG_SET_AEAD_AUTHSIZE, NULL, a->outlen))
		goto fail;
	return s;
fail:
	err = errno;
	close(s);
	return -err;
}

/* One operation on the op socket @op: data in place in @buf (+ tag), @md digest. */
static int af_op(int op, const struct balg *a, unsigned int size, unsigned char *buf,
		 const unsigned char *iv, unsigned char *md)
{
	char cbuf[CMSG_SPACE(sizeof(__u32)) * 2 + CMSG_SPACE(sizeof(struct af_alg_iv) + 16)];
	struct msghdr msg;
	struct cmsghdr *cm;
	struct iovec io = { .iov_base = buf, .iov_len = size };
	ssize_t n, want;

	if (a->kind == K_HASH || a->kind == K_MAC) {
		if (send(op, buf, size, 0) != (ssize_t)size)
			return errno ? errno : EIO;
		n = read(op, md, a->outlen);
		return n == (ssize_t)a->outlen ? 0 : n < 0 ? errno : EIO;
	}
	memset(cbuf, 0, sizeof(cbuf));
	memset(&msg, 0, sizeof(msg));
	msg.msg_control = cbuf;
	msg.msg_controllen = CMSG_SPACE(sizeof(__u32));
	if (a->ivlen)
		msg.msg_controllen += CMSG_SPACE(sizeof(struct af_alg_iv) + a->ivlen);
	if (a->kind == K_AEAD)
		msg.msg_controllen += CMSG_SPACE(sizeof(__u32));
	msg.msg_iov = &io;
	msg.msg_iovlen = 1;
	cm = CMSG_FIRSTHDR(&msg);
	cm->cmsg_level = SOL_ALG;
	cm->cmsg_type = ALG_SET_OP;
	cm->cmsg_len = CMSG_LEN(sizeof(__u32));
	*(__u32 *)CMSG_DATA(cm) = ALG_OP_ENCRYPT;
	if (a->ivlen) {
		struct af_alg_iv *v;

		cm = CMSG_NXTHDR(&msg, cm);
		cm->cmsg_level = SOL_ALG;
		cm->cmsg_type = ALG_SET_IV;
		cm->cmsg_len = CMSG_LEN(sizeof(*v) + a->ivlen);
		v = (struct af_alg_iv *)CMSG_DATA(cm);
		v->ivlen = a->ivlen;
		memcpy(v->iv, iv, a->ivlen);
	}
	if (a->kind == K_AEAD) {
		cm = CMSG_NXTHDR(&msg, cm);
		cm->cmsg_level = SOL_ALG;
		cm->cmsg_type = ALG_SET_AEAD_ASSOCLEN;
		cm->cmsg_len = CMSG_LEN(sizeof(__u32));
		*(__u32 *)CMSG_DATA(cm) = 0;
	}
	if (sendmsg(op, &msg, 0) != (ssize_t)size)
		return errno ? errno : EIO;
	want = size + (a->kind == K_AEAD ? a->outlen : 0);
	n = read(op, buf, want);
	return n == want ? 0 : n < 0 ? errno : EIO;
}

void run_afalg(const struct balg *a, unsigned int size, const struct env *e, int setup,
	       const unsigned char *want, struct row *r)
{
	unsigned char key[64], iv[16], md[64], chk[BENCH_CHECK_BYTES];
	unsigned char *buf = malloc(size + 16);
	const char *name = e->cra[0] ? e->cra : a->af_name;
	struct btimer bt;
	int s, op = -1, err;

	if (!buf) {
		row_error(r, "out of memory");
		return;
	}
	s = af_bind(a, name);
	if (s < 0 && name != a->af_name) {
		snprintf(r->note, sizeof(r->note), "bind %s: %s; bound %s", name, strerror(-s),
			 a->af_name);
		name = a->af_name;
		s = af_bind(a, name);
	}
	snprintf(r->driver, sizeof(r->driver), "%s", name);
	if (s < 0) {
		row_error(r, "AF_ALG %s %s: %s", a->af_type, name, strerror(-s));
		free(buf);
		return;
	}
	op = accept(s, NULL, 0);
	if (op < 0) {
		row_error(r, "accept: %s", strerror(errno));
		goto out;
	}
	bench_patterns(key, iv, buf, size);
	err = af_op(op, a, size, buf, iv, md);
	if (err) {
		row_error(r, "AF_ALG op: %s", strerror(err));
		goto out;
	}
	check_of(a, size, buf, a->kind == K_AEAD ? buf + size : md, chk);
	if (check_row(r, want, chk))
		goto out;
	btimer_start(&bt);
	do {
		if (setup) {
			close(op);
			close(s);
			op = -1;
			s = af_bind(a, name);
			if (s < 0) {
				row_error(r, "AF_ALG bind: %s", strerror(-s));
				goto out;
			}
			op = accept(s, NULL, 0);
			if (op < 0) {
				row_error(r, "accept: %s", strerror(errno));
				goto out;
			}
		}
		err = af_op(op, a, size, buf, iv, md);
		if (err) {
			row_error(r, "AF_ALG op: %s", strerror(err));
			goto out;
		}
		r->ops++;
	} while (btimer_more(&bt));
	r->ns = btimer_ns(&bt);
out:
	if (op >= 0)
		close(op);
	if (s >= 0)
		close(s);
	free(buf);
}
