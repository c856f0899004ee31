// SPDX-License-Identifier: GPL-2.0-only
/*
 * Keying operations through /dev/crypto on the Linux driver: CIOCKEY2
 * with the crid of "linux_generic" (CIOCFINDDEV), CRK_MOD_EXP on 512- to
 * 4096-bit moduli and CRK_DH_COMPUTE_KEY in RFC 3526 group 14, compared
 * with fixed vectors computed on the host with Python's pow(); the
 * statuses of malformed and refused requests; CIOCASYMFEAT.
 */
#include <fcntl.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <unistd.h>

#include <crypto/cryptodev.h>

#include "keying_vectors.h"
#include "ktap.h"

#define MAXB 1025

static int fd;

/* Big-endian hex to @nbits bits little-endian in @le (MAXB bytes). */
static void set_le(unsigned char *le, const char *hex)
{
	size_t n = hex ? strlen(hex) / 2 : 0, i;

	memset(le, 0, MAXB);
	for (i = 0; i < n; i++)
		sscanf(hex + 2 * (n - 1 - i), "%2hhx", &le[i]);
}

static int is_le(const unsigned char *le, unsigned int nbits, const char *hex)
{
	unsigned char want[MAXB];
	unsigned int i;

	set_le(want, hex);
	for (i = 0; i < (nbits + 7) / 8; i++)
		if (le[i] != want[i])
			return 0;
	return 1;
}

static unsigned char buf[4][MAXB];

/*
 * One CIOCKEY2: params a, b, c (hex, bits), result of @obits in buf[3].
 * Returns the ioctl's errno (0 when it worked), the status in @status.
 */
static int kop(int op, int crid, const char *a, unsigned int abits, const char *b,
	       unsigned int bbits, const char *c, unsigned int cbits, unsigned int obits,
	       int nin, unsigned int *status)
{
	const char *hex[3] = { a, b, c };
	unsigned int bits[4] = { abits, bbits, cbits, obits };
	struct crypt_kop k;
	int i;

	memset(&k, 0, sizeof(k));
	k.crk_op = op;
	k.crk_crid = crid;
	k.crk_iparams = nin;
	k.crk_oparams = 1;
	for (i = 0; i < 4; i++) {
		if (i < 3)
			set_le(buf[i], hex[i]);
		else
			memset(buf[i], 0xa5, MAXB);
		k.crk_param[i].crp_p = buf[i];
		k.crk_param[i].crp_nbits = bits[i];
	}
	if (nin < 3)		/* the output moves down */
		k.crk_param[nin] = k.crk_param[3];
	*status = 0xffff;
	if (ioctl(fd, CIOCKEY2, &k))
		return errno;
	*status = k.crk_status;
	return 0;
}

/* the kernel test's vectors this test runs (keying_vectors.h) */
static const unsigned int mx_used[] = { 0, 1, 2, 3, 8 };

int main(void)
{
	struct crypt_find_op fop;
	struct timeval t0, t1;
	static char big[1537];
	unsigned int i, st;
	__u32 feat = 0;
	int err, crid;

	ktap_plan(17);
	fd = open("/dev/crypto", O_RDWR);
	if (!ktap_result(fd >= 0, "open /dev/crypto")) {
		ktap_print("%s", strerror(errno));
		return ktap_finish();
	}
	memset(&fop, 0, sizeof(fop));
	fop.crid = -1;
	strcpy(fop.name, "linux_generic");
	err = ioctl(fd, CIOCFINDDEV, &fop) ? errno : 0;
	if (!ktap_result(!err && fop.crid >= 0, "CIOCFINDDEV linux_generic: crid %d (err %d)",
			 fop.crid, err))
		return ktap_finish();
	crid = fop.crid;
	err = ioctl(fd, CIOCASYMFEAT, &feat) ? errno : 0;
	ktap_result(!err && (feat & CRF_MOD_EXP) && (feat & CRF_DH_COMPUTE_KEY),
		    "CIOCASYMFEAT offers CRF_MOD_EXP and CRF_DH_COMPUTE_KEY (%#x)", feat);

	for (i = 0; i < sizeof(mx_used) / sizeof(mx_used[0]); i++) {
		const struct kv_mx *v = &kv_mx_vecs[mx_used[i]];

		err = kop(CRK_MOD_EXP, crid, v->b, v->bits, v->e, strlen(v->e) * 4,
			  v->n, v->bits, v->bits, 3, &st);
		ktap_result(!err && !st && is_le(buf[3], v->bits, v->r),
			    "CIOCKEY2 CRK_MOD_EXP, %u-bit modulus%s (err %d, status %u)", v->bits,
			    i == 4 ? ", a result of one byte" : "", err, st);
	}
	err = kop(CRK_DH_COMPUTE_KEY, crid, kv_dh14.x, 256, kv_dh14.y, 2048, kv_dh14.p, 2048, 2048, 3, &st);
	ktap_result(!err && !st && is_le(buf[3], 2048, kv_dh14.z),
		    "CIOCKEY2 CRK_DH_COMPUTE_KEY, RFC 3526 group 14 (err %d, status %u)", err, st);

	/* statuses */
	err = kop(CRK_MOD_EXP, crid, kv_mx_vecs[0].n, 512, "03", 8, kv_mx_vecs[0].n, 512, 512, 3, &st);
	ktap_result(!err && st == EINVAL, "base == modulus: status EINVAL (err %d, status %u)",
		    err, st);
	err = kop(CRK_MOD_EXP, crid, "02", 8, "03", 8, "00", 512, 512, 3, &st);
	ktap_result(!err && st == EINVAL, "zero modulus: status EINVAL (err %d, status %u)",
		    err, st);
	err = kop(CRK_MOD_EXP, crid, "02", 8, "03", 8, kv_mx_vecs[0].n, 512, 512, 2, &st);
	ktap_result(!err && st == EINVAL, "2 input parameters: status EINVAL (err %d, status %u)",
		    err, st);
	err = kop(CRK_MOD_EXP, crid, "02", 8, "03", 8, kv_mx_vecs[0].n + 2, 504, 504, 3, &st);
	ktap_result(!err && st == EOPNOTSUPP,
		    "504-bit modulus (rsa-generic takes none): status EOPNOTSUPP (err %d, status %u)",
		    err, st);
	err = kop(CRK_DH_COMPUTE_KEY, crid, kv_dh14.x, 256, "01", 8, kv_dh14.p, 2048, 2048, 3, &st);
	ktap_result(!err && st == EINVAL, "DH peer key 1: status EINVAL (err %d, status %u)",
		    err, st);
	/*
	 * Beyond 4096 bits: refused at once by the software Linux driver,
	 * whose arithmetic cannot stop for a killed caller (it computed for
	 * seconds in a worker before)
	 */
	memset(big, 'f', 1536);
	big[1536] = 0;
	gettimeofday(&t0, NULL);
	err = kop(CRK_DH_COMPUTE_KEY, crid, "03", 8, "05", 8, big, 6144, 6144, 3, &st);
	gettimeofday(&t1, NULL);
	ktap_result(!err && st == EOPNOTSUPP,
		    "DH with a 6144-bit p on linux_generic: status EOPNOTSUPP (err %d, status %u, %ld ms)",
		    err, st, (long)((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_usec - t0.tv_usec) / 1000));
	err = kop(CRK_MOD_EXP, crid, "02", 8, big, 6144, big, 6144, 6144, 3, &st);
	ktap_result(!err && st == EOPNOTSUPP,
		    "MOD_EXP with a 6144-bit modulus on linux_generic: status EOPNOTSUPP (err %d, status %u)",
		    err, st);
	err = kop(CRK_MOD_EXP_CRT, crid, "02", 8, "03", 8, kv_mx_vecs[0].n, 512, 512, 3, &st);
	ktap_result(!err && st == ENODEV,
		    "CRK_MOD_EXP_CRT on linux_generic: status ENODEV (err %d, status %u)", err, st);
	close(fd);
	return ktap_finish();
}
