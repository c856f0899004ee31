// SPDX-License-Identifier: GPL-2.0-only
/*
 * The /dev/crypto ioctls: each argument copied in whole, validated by its
 * handler, copied back. 32-bit processes on a 64-bit kernel use the same
 * handlers: their structures (whose pointers are 32 bits wide) are
 * converted here, so every ioctl has exactly one implementation.
 */
#include <linux/compat.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/uaccess.h>

#include "cdev.h"

/* CRIOGET: another descriptor of the same open file (sessions shared). */
static int cdev_crioget(struct file *file, u32 __user *arg)
{
	int fd = get_unused_fd_flags(O_CLOEXEC);

	if (fd < 0)
		return fd;
	if (put_user(fd, arg)) {
		put_unused_fd(fd);
		return -EFAULT;
	}
	fd_install(fd, get_file(file));
	return 0;
}

/* The structures in the caller's layout: native, or 32-bit compat. */
struct cdev_compat_session_op {
	u32 cipher, mac, compr, keylen;
	compat_uptr_t key;
	u32 mackeylen;
	compat_uptr_t mackey;
	u32 ses;
};

struct cdev_compat_session2_op {
	u32 cipher, mac, compr, keylen;
	compat_uptr_t key;
	u32 mackeylen;
	compat_uptr_t mackey;
	u32 ses;
	s32 crid;
	u32 pad[4];
};

struct cdev_compat_crypt_op {
	u32 ses;
	u16 op, flags;
	u32 len, dlen;
	compat_uptr_t src, dst, mac, iv;
};

struct cdev_compat_crypt_auth_op {
	u32 ses;
	u16 op, flags;
	u32 len, auth_len;
	compat_uptr_t auth_src, src, dst, tag;
	u32 tag_len;
	compat_uptr_t iv;
	u32 iv_len;
};

struct cdev_compat_crparam {
	compat_uptr_t crp_p;
	u32 crp_nbits;
};

struct cdev_compat_crypt_kop {
	u32 crk_op, crk_status;
	u16 crk_iparams, crk_oparams;
	s32 crk_crid;
	struct cdev_compat_crparam crk_param[CRK_MAXPARAM];
};

#define COMPAT_CIOCGSESSION	_IOWR('c', 102, struct cdev_compat_session_op)
#define COMPAT_CIOCGSESSION2	_IOWR('c', 160, struct cdev_compat_session2_op)
#define COMPAT_CIOCCRYPT	_IOWR('c', 104, struct cdev_compat_crypt_op)
#define COMPAT_CIOCASYNCCRYPT	_IOW('c', 110, struct cdev_compat_crypt_op)
#define COMPAT_CIOCASYNCFETCH	_IOR('c', 111, struct cdev_compat_crypt_op)
#define COMPAT_CIOCAUTHCRYPT	_IOWR('c', 109, struct cdev_compat_crypt_auth_op)
#define COMPAT_CIOCKEY		_IOWR('c', 105, struct cdev_compat_crypt_kop)
#define COMPAT_CIOCKEY2		_IOWR('c', 161, struct cdev_compat_crypt_kop)

static int cdev_get_sop(void __user *arg, struct session2_op *s, bool ext, bool c32)
{
	memset(s, 0, sizeof(*s));
	if (c32) {
		struct cdev_compat_session2_op c;

		if (copy_from_user(&c, arg, ext ? sizeof(c) :
				   sizeof(struct cdev_compat_session_op)))
			return -EFAULT;
		s->cipher = c.cipher;
		s->mac = c.mac;
		s->compr = c.compr;
		s->keylen = c.keylen;
		s->key = compat_ptr(c.key);
		s->mackeylen = c.mackeylen;
		s->mackey = compat_ptr(c.mackey);
		if (ext) {
			s->crid = c.crid;
			memcpy(s->pad, c.pad, sizeof(s->pad));
		}
		return 0;
	}
	return copy_from_user(s, arg, ext ? sizeof(*s) : sizeof(struct session_op)) ?
		-EFAULT : 0;
}

static int cdev_put_sop(void __user *arg, const struct session2_op *s, bool ext,
			bool c32)
{
	size_t off = c32 ? offsetof(struct cdev_compat_session2_op, ses) :
			   offsetof(struct session2_op, ses);

	if (put_user(s->ses, (u32 __user *)(arg + off)))
		return -EFAULT;
	if (ext && put_user(s->crid, (s32 __user *)(arg + off + 4)))
		return -EFAULT;
	return 0;
}

static int cdev_get_cop(void __user *arg, struct crypt_op *cop, bool c32)
{
	struct cdev_compat_crypt_op c;

	if (!c32)
		return copy_from_user(cop, arg, sizeof(*cop)) ? -EFAULT : 0;
	if (copy_from_user(&c, arg, sizeof(c)))
		return -EFAULT;
	memset(cop, 0, sizeof(*cop));
	cop->ses = c.ses;
	cop->op = c.op;
	cop->flags = c.flags;
	cop->len = c.len;
	cop->dlen = c.dlen;
	cop->src = compat_ptr(c.src);
	cop->dst = compat_ptr(c.dst);
	cop->mac = compat_ptr(c.mac);
	cop->iv = compat_ptr(c.iv);
	return 0;
}

static int cdev_put_cop(void __user *arg, const struct crypt_op *cop, bool c32)
{
	struct cdev_compat_crypt_op c;

	if (!c32)
		return copy_to_user(arg, cop, sizeof(*cop)) ? -EFAULT : 0;
	c.ses = cop->ses;
	c.op = cop->op;
	c.flags = cop->flags;
	c.len = cop->len;
	c.dlen = cop->dlen;
	c.src = ptr_to_compat(cop->src);
	c.dst = ptr_to_compat(cop->dst);
	c.mac = ptr_to_compat(cop->mac);
	c.iv = ptr_to_compat(cop->iv);
	return copy_to_user(arg, &c, sizeof(c)) ? -EFAULT : 0;
}

static int cdev_get_caop(void __user *arg, struct crypt_auth_op *a, bool c32)
{
	struct cdev_compat_crypt_auth_op c;

	if (!c32)
		return copy_from_user(a, arg, sizeof(*a)) ? -EFAULT : 0;
	if (copy_from_user(&c, arg, sizeof(c)))
		return -EFAULT;
	memset(a, 0, sizeof(*a));
	a->ses = c.ses;
	a->op = c.op;
	a->flags = c.flags;
	a->len = c.len;
	a->auth_len = c.auth_len;
	a->auth_src = compat_ptr(c.auth_src);
	a->src = compat_ptr(c.src);
	a->dst = compat_ptr(c.dst);
	a->tag = compat_ptr(c.tag);
	a->tag_len = c.tag_len;
	a->iv = compat_ptr(c.iv);
	a->iv_len = c.iv_len;
	return 0;
}

static int cdev_get_kop(void __user *arg, struct crypt_kop *k, bool c32)
{
	struct cdev_compat_crypt_kop c;
	int i;

	if (!c32)
		return copy_from_user(k, arg, sizeof(*k)) ? -EFAULT : 0;
	if (copy_from_user(&c, arg, sizeof(c)))
		return -EFAULT;
	memset(k, 0, sizeof(*k));
	k->crk_op = c.crk_op;
	k->crk_status = c.crk_status;
	k->crk_iparams = c.crk_iparams;
	k->crk_oparams = c.crk_oparams;
	k->crk_crid = c.crk_crid;
	for (i = 0; i < CRK_MAXPARAM; i++) {
		k->crk_param[i].crp_p = compat_ptr(c.crk_param[i].crp_p);
		k->crk_param[i].crp_nbits = c.crk_param[i].crp_nbits;
	}
	return 0;
}

static int cdev_put_kop_status(void __user *arg, const struct crypt_kop *k)
{
	/* crk_status sits at the same offset in both layouts */
	return put_user(k->crk_status, (u32 __user *)(arg + 4)) ? -EFAULT : 0;
}

static long cdev_do_ioctl(struct file *file, unsigned int cmd, void __user *arg,
			  bool c32)
{
	struct cdev_file *f = file->private_data;
	union {
		struct session2_op sop;
		struct crypt_op cop;
		struct crypt_auth_op caop;
		struct crypt_kop kop;
		struct session_info_op sip;
		struct cphash_op cph;
		struct crypt_find_op fop;
		struct crypt_driver_op dop;
	} u;
	bool ext;
	u32 id, dlen;
	int err;

	switch (cmd) {
	case CRIOGET:
		return cdev_crioget(file, arg);
	case CIOCGSESSION:
	case CIOCGSESSION2:
		ext = cmd == CIOCGSESSION2;
		err = cdev_get_sop(arg, &u.sop, ext, c32);
		if (err)
			return err;
		err = cdev_newsession(f, &u.sop, ext);
		if (err)
			return err;
		err = cdev_put_sop(arg, &u.sop, ext, c32);
		if (err)
			cdev_freesession(f, u.sop.ses);
		return err;
	case CIOCFSESSION:
		if (get_user(id, (u32 __user *)arg))
			return -EFAULT;
		return cdev_freesession(f, id);
	case CIOCCRYPT:
	case CIOCASYNCCRYPT:
		err = cdev_get_cop(arg, &u.cop, c32);
		if (err)
			return err;
		dlen = u.cop.dlen;
		err = cdev_crypt(f, &u.cop, cmd == CIOCASYNCCRYPT);
		if (err || cmd == CIOCASYNCCRYPT)
			return err;
		/*
		 * Of struct crypt_op only dlen can change (compression): that
		 * is all the caller gets back, at the same offset in both
		 * layouts, rather than the whole structure every time.
		 */
		BUILD_BUG_ON(offsetof(struct crypt_op, dlen) !=
			     offsetof(struct cdev_compat_crypt_op, dlen));
		if (u.cop.dlen != dlen &&
		    put_user(u.cop.dlen, (u32 __user *)(arg + offsetof(struct crypt_op, dlen))))
			return -EFAULT;
		return 0;
	case CIOCASYNCFETCH:
		memset(&u.cop, 0, sizeof(u.cop));
		err = cdev_async_fetch(f, &u.cop);
		if (err == -EBUSY)
			return err;
		return cdev_put_cop(arg, &u.cop, c32) ?: err;
	case CIOCAUTHCRYPT:
		err = cdev_get_caop(arg, &u.caop, c32);
		if (!err)
			err = cdev_authcrypt(f, &u.caop);
		/* TLS mode sets len; it sits at the same offset in both layouts */
		if (!err && put_user(u.caop.len, (u32 __user *)(arg + 8)))
			err = -EFAULT;
		return err;
	case CIOCKEY:
	case CIOCKEY2:
		err = cdev_get_kop(arg, &u.kop, c32);
		if (!err)
			err = cdev_key(&u.kop, cmd == CIOCKEY2);
		return err ?: cdev_put_kop_status(arg, &u.kop);
	case CIOCASYMFEAT:
		return put_user(cdev_asymfeat(), (u32 __user *)arg);
	case CIOCGSESSINFO:
		if (copy_from_user(&u.sip, arg, sizeof(u.sip)))
			return -EFAULT;
		err = cdev_sessinfo(f, &u.sip);
		if (!err && copy_to_user(arg, &u.sip, sizeof(u.sip)))
			err = -EFAULT;
		return err;
	case CIOCCPHASH:
		if (copy_from_user(&u.cph, arg, sizeof(u.cph)))
			return -EFAULT;
		return cdev_cphash(f, &u.cph);
	case CIOCFINDDEV:
		if (copy_from_user(&u.fop, arg, sizeof(u.fop)))
			return -EFAULT;
		err = cdev_finddev(&u.fop);
		if (!err && copy_to_user(arg, &u.fop, sizeof(u.fop)))
			err = -EFAULT;
		return err;
	case CIOCGETDRIVER:
		if (copy_from_user(&u.dop, arg, sizeof(u.dop)))
			return -EFAULT;
		err = cdev_getdriver(&u.dop);
		if (!err && copy_to_user(arg, &u.dop, sizeof(u.dop)))
			err = -EFAULT;
		return err;
	}
	return -ENOTTY;
}

/**
 * cdev_ioctl() - the ioctls of /dev/crypto
 * @file: an open /dev/crypto
 * @cmd: the ioctl
 * @arg: its argument
 *
 * Return: 0 or a negative errno; -ENOTTY for an unknown ioctl.
 */
long cdev_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	return cdev_do_ioctl(file, cmd, (void __user *)arg, false);
}

#ifdef CONFIG_COMPAT
/**
 * cdev_compat_ioctl() - the ioctls of /dev/crypto for 32-bit processes
 * @file: an open /dev/crypto
 * @cmd: the ioctl, its size that of the 32-bit structure
 * @arg: its argument, a 32-bit pointer
 *
 * Return: 0 or a negative errno; -ENOTTY for an unknown ioctl.
 */
long cdev_compat_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void __user *p = compat_ptr(arg);

	switch (cmd) {
	case COMPAT_CIOCGSESSION:
		return cdev_do_ioctl(file, CIOCGSESSION, p, true);
	case COMPAT_CIOCGSESSION2:
		return cdev_do_ioctl(file, CIOCGSESSION2, p, true);
	case COMPAT_CIOCCRYPT:
		return cdev_do_ioctl(file, CIOCCRYPT, p, true);
	case COMPAT_CIOCASYNCCRYPT:
		return cdev_do_ioctl(file, CIOCASYNCCRYPT, p, true);
	case COMPAT_CIOCASYNCFETCH:
		return cdev_do_ioctl(file, CIOCASYNCFETCH, p, true);
	case COMPAT_CIOCAUTHCRYPT:
		return cdev_do_ioctl(file, CIOCAUTHCRYPT, p, true);
	case COMPAT_CIOCKEY:
		return cdev_do_ioctl(file, CIOCKEY, p, true);
	case COMPAT_CIOCKEY2:
		return cdev_do_ioctl(file, CIOCKEY2, p, true);
	case CIOCGSESSION:
	case CIOCGSESSION2:
	case CIOCCRYPT:
	case CIOCASYNCCRYPT:
	case CIOCASYNCFETCH:
	case CIOCAUTHCRYPT:
	case CIOCKEY:
	case CIOCKEY2:
		return -ENOTTY;	/* 64-bit layouts from a 32-bit process */
	}
	return cdev_do_ioctl(file, cmd, p, true);
}
#endif
