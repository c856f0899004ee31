// SPDX-License-Identifier: GPL-2.0-only
/*
 * The crypto(4) extensions that name drivers: CIOCFINDDEV (a driver id
 * from a name, or a name from an id) and CIOCGETDRIVER (the drivers one by
 * one, with their algorithms and counters). Drivers that /dev/crypto may not
 * use (software ones when allow_soft=0) are not shown.
 */
#include <linux/string.h>

#include "cdev.h"

#define CDEV_MAX_DRIVER_ID 64

/**
 * cdev_driver_allowed() - may /dev/crypto use a driver with these flags
 * @flags: its CRYPTOCAP_F_* flags
 *
 * Return: true when it may.
 */
bool cdev_driver_allowed(u32 flags)
{
	return (flags & CRYPTOCAP_F_HARDWARE) || cdev_allow_soft;
}

/**
 * cdev_crid_select() - the framework crid for a user's crid
 * @ucrid: CRYPTO_FLAG_HARDWARE and/or CRYPTO_FLAG_SOFTWARE, or a driver id
 * @crid: set to what crypto_newsession()/crypto_kdispatch() take
 *
 * Return: 0; -EINVAL for a malformed crid, -ENOENT for a driver that does
 * not exist, -EPERM for one (or a class) /dev/crypto may not use.
 */
int cdev_crid_select(s32 ucrid, int *crid)
{
	const s32 classes = CRYPTO_FLAG_HARDWARE | CRYPTO_FLAG_SOFTWARE;
	int flags;

	if (ucrid & classes) {
		if (ucrid & ~classes)
			return -EINVAL;
		*crid = ucrid & cdev_crid_class();
		return *crid ? 0 : -EPERM;
	}
	if (ucrid < 0)
		return -EINVAL;
	flags = crypto_driver_flags(ucrid);
	if (flags < 0)
		return -ENOENT;
	if (!cdev_driver_allowed(flags))
		return -EPERM;
	*crid = ucrid;
	return 0;
}

/**
 * cdev_finddev() - CIOCFINDDEV
 * @fop: crid -1 and a name (or prefix) in, the first match's id out; or a
 *	crid in and its name out
 *
 * Return: 0, -ENOENT when no allowed driver matches, -EINVAL.
 */
int cdev_finddev(struct crypt_find_op *fop)
{
	struct crypto_driver_info info;
	int id;

	if (fop->crid == -1) {
		fop->name[sizeof(fop->name) - 1] = '\0';
		if (!fop->name[0])
			return -EINVAL;
		id = crypto_find_driver(fop->name);
		if (id < 0 || crypto_driver_info(id, &info) ||
		    !cdev_driver_allowed(info.flags))
			return -ENOENT;
		fop->crid = id;
		strscpy(fop->name, info.name, sizeof(fop->name));
		return 0;
	}
	if (fop->crid < 0)
		return -EINVAL;
	if (crypto_driver_info(fop->crid, &info) || info.dead ||
	    !cdev_driver_allowed(info.flags))
		return -ENOENT;
	strscpy(fop->name, info.name, sizeof(fop->name));
	return 0;
}

/**
 * cdev_getdriver() - CIOCGETDRIVER: the first live driver with id >= index
 * @dop: index in; the driver out
 *
 * Return: 0, or -ENOENT when there is none.
 */
int cdev_getdriver(struct crypt_driver_op *dop)
{
	struct crypto_driver_info info;
	u32 id;
	int a, k;

	for (id = dop->index; id < CDEV_MAX_DRIVER_ID; id++) {
		if (crypto_driver_info(id, &info) || info.dead ||
		    !cdev_driver_allowed(info.flags))
			continue;
		memset(dop, 0, sizeof(*dop));
		dop->index = id;
		dop->crid = id;
		strscpy(dop->name, info.name, sizeof(dop->name));
		dop->flags = info.flags & (CRYPTO_FLAG_HARDWARE | CRYPTO_FLAG_SOFTWARE);
		dop->sessions = info.sessions;
		for (a = 1; a < CRYPTO_ALGORITHM_ALL && a < 256; a++)
			if (crypto_driver_supports(id, a))
				dop->algs[a / 64] |= 1ULL << (a % 64);
		for (k = 0; k < CRK_ALGORITHM_ALL; k++)
			if (crypto_driver_ksupports(id, k))
				dop->kalgs |= 1U << k;
		dop->ops = info.ops;
		dop->errors = info.errors;
		dop->kops = info.kops;
		dop->kerrors = info.kerrors;
		return 0;
	}
	return -ENOENT;
}
