// SPDX-License-Identifier: GPL-2.0-only
/*
 * CIOCKEY, CIOCKEY2 and CIOCASYMFEAT: keying operations through
 * crypto_kdispatch(). Parameters are big numbers of crp_nbits bits,
 * little-endian bytes, inputs first then outputs; each is copied in (or
 * allocated for output) and bounded by CDEV_KEY_MAX_BITS. crk_status gets
 * the operation's status (0 or a positive errno).
 */
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "cdev.h"

#define CDEV_KEY_MAX_BITS	16384

struct cdev_kjob {
	struct cryptkop krp;
	struct cdev_waiter wait;
};

static void cdev_kjob_free(struct cdev_kjob *kj)
{
	int i;

	for (i = 0; i < CRK_MAXPARAM; i++)
		kfree_sensitive(kj->krp.krp_param[i].crp_p);
	kfree(kj);
}

static void cdev_kjob_free_work(struct work_struct *w)
{
	cdev_kjob_free(container_of(w, struct cdev_kjob, wait.free_work));
}

static int cdev_kjob_callback(struct cryptkop *krp)
{
	struct cdev_kjob *kj = container_of(krp, struct cdev_kjob, krp);

	cdev_waiter_done(&kj->wait);
	return 0;
}

/* The caller was killed: nobody will read the result, the driver may stop. */
static void cdev_kjob_killed(struct cdev_waiter *w)
{
	crypto_kcancel(&container_of(w, struct cdev_kjob, wait)->krp);
}

/**
 * cdev_key() - CIOCKEY and CIOCKEY2
 * @kop: the request; crk_status and the output parameters are filled in
 * @ext: CIOCKEY2: crk_crid selects the driver
 *
 * Return: 0 (the operation's own status is in crk_status) or a negative
 * errno for a malformed request.
 */
int cdev_key(struct crypt_kop *kop, bool ext)
{
	unsigned int i, n = kop->crk_iparams + kop->crk_oparams;
	struct cdev_kjob *kj;
	int crid = cdev_crid_class(), err;

	if (!kop->crk_iparams || n > CRK_MAXPARAM || kop->crk_op >= CRK_ALGORITHM_ALL)
		return -EINVAL;
	if (ext) {
		err = cdev_crid_select(kop->crk_crid, &crid);
		if (err)
			return err;
	}
	if (!cdev_allow_asym)
		return -EPERM;
	for (i = 0; i < n; i++) {
		if (!kop->crk_param[i].crp_nbits || !kop->crk_param[i].crp_p)
			return -EINVAL;
		if (kop->crk_param[i].crp_nbits > CDEV_KEY_MAX_BITS)
			return -E2BIG;
	}
	/*
	 * The framework's krp_crid 0 is any driver. Driver 0 itself is the
	 * framework's software driver, with no keying operation: answer as
	 * a driver without the operation is answered.
	 */
	if (ext && !crid && !crypto_driver_ksupports(0, kop->crk_op)) {
		kop->crk_status = ENODEV;
		return 0;
	}
	kj = kzalloc(sizeof(*kj), GFP_KERNEL_ACCOUNT);
	if (!kj)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		unsigned int len = DIV_ROUND_UP(kop->crk_param[i].crp_nbits, 8);
		struct crparam *p = &kj->krp.krp_param[i];

		p->crp_nbits = kop->crk_param[i].crp_nbits;
		if (i < kop->crk_iparams)
			p->crp_p = memdup_user(kop->crk_param[i].crp_p, len);
		else
			p->crp_p = kzalloc(len, GFP_KERNEL_ACCOUNT);
		if (IS_ERR_OR_NULL(p->crp_p)) {
			err = p->crp_p ? PTR_ERR(p->crp_p) : -ENOMEM;
			p->crp_p = NULL;
			cdev_kjob_free(kj);
			return err;
		}
	}
	kj->krp.krp_op = kop->crk_op;
	kj->krp.krp_iparams = kop->crk_iparams;
	kj->krp.krp_oparams = kop->crk_oparams;
	kj->krp.krp_crid = crid;
	kj->krp.krp_callback = cdev_kjob_callback;
	/* software computes in this thread: its CPU time, its cgroup's */
	kj->krp.krp_flags = CRYPTO_KF_MAYSLEEP;
	cdev_waiter_arm(&kj->wait, cdev_kjob_free_work);
	err = -crypto_kdispatch(&kj->krp);
	cdev_waiter_submitted(&kj->wait);
	if (err) {
		cdev_kjob_free(kj);
		return err;
	}
	if (cdev_waiter_wait(&kj->wait, cdev_kjob_killed))
		return -EINTR;
	kop->crk_status = kj->krp.krp_status;
	err = 0;
	for (i = kop->crk_iparams; !kop->crk_status && i < n && !err; i++)
		if (copy_to_user(kop->crk_param[i].crp_p, kj->krp.krp_param[i].crp_p,
				 DIV_ROUND_UP(kop->crk_param[i].crp_nbits, 8)))
			err = -EFAULT;
	cdev_kjob_free(kj);
	return err;
}

/**
 * cdev_asymfeat() - CIOCASYMFEAT: the keying operations some allowed driver
 *	serves
 *
 * Return: CRF_* bits.
 */
u32 cdev_asymfeat(void)
{
	u32 feat = 0, id;
	int k, flags;

	if (!cdev_allow_asym)
		return 0;
	for (id = 0; id < 64; id++) {
		flags = crypto_driver_flags(id);
		if (flags < 0 || !cdev_driver_allowed(flags))
			continue;
		for (k = 0; k < CRK_ALGORITHM_ALL; k++)
			if (crypto_driver_ksupports(id, k))
				feat |= 1U << k;
	}
	return feat;
}
