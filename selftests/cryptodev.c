// SPDX-License-Identifier: GPL-2.0-only
/*
 * /dev/crypto through its ioctls, as a cryptodev-linux client uses it:
 * the ABI (structure sizes, ioctl numbers), sessions, ciphers with known
 * answers (SP 800-38A), IV write-back, hashes one-shot and multi-call
 * (FIPS 180-4), HMAC (RFC 4231), AES-GCM (GCM spec test case 2) with a bad
 * tag, CIOCCPHASH, CIOCGSESSINFO, async requests with poll(), CRIOGET, the
 * driver extensions, the limits (max_memory, and max_user_memory with
 * other users), and every bad-input class with its exact errno.
 * Built 64-bit and -m32 (then it runs through compat_ioctl).
 */
#define _GNU_SOURCE	/* setresuid(), unshare() */
#include <fcntl.h>
#include <linux/loop.h>
#include <linux/userfaultfd.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <crypto/cryptodev.h>

#include "cryptodev_util.h"
#include "ktap.h"

static int fd;

static int hex2bin(const char *h, unsigned char *out)
{
	int n = 0;

	while (h[0] && h[1]) {
		sscanf(h, "%2hhx", &out[n++]);
		h += 2;
	}
	return n;
}

static int eq(const unsigned char *a, const char *hex)
{
	unsigned char b[256];
	int n = hex2bin(hex, b);

	return !memcmp(a, b, n);
}

static uint32_t newses(int cipher, const unsigned char *key, int klen, int mac,
		       const unsigned char *mkey, int mklen, int *err)
{
	return cdev_session(fd, cipher, key, klen, mac, mkey, mklen, err);
}

static int docrypt(uint32_t ses, int op, int flags, const void *src, void *dst,
		   unsigned int len, void *mac, void *iv)
{
	return cdev_op(fd, CIOCCRYPT, ses, op, flags, src, dst, len, mac, iv);
}

/* SP 800-38A F.2.1 (CBC-AES128) and F.5.1 (CTR-AES128) */
static const char *aes_key = "2b7e151628aed2a6abf7158809cf4f3c";
static const char *aes_pt = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
	"30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";
static const char *cbc_iv = "000102030405060708090a0b0c0d0e0f";
static const char *cbc_ct = "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"
	"73bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7";
static const char *ctr_iv = "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff";
static const char *ctr_ct = "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff"
	"5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee";

static void test_abi(void)
{
	int sizes_ok;

#if defined(__x86_64__)
	sizes_ok = sizeof(struct session_op) == 48 && sizeof(struct crypt_op) == 48 &&
		sizeof(struct crypt_auth_op) == 72 && sizeof(struct crypt_kop) == 144 &&
		sizeof(struct session_info_op) == 268 && sizeof(struct cphash_op) == 8;
#else
	sizes_ok = sizeof(struct session_op) == 32 && sizeof(struct crypt_op) == 32 &&
		sizeof(struct crypt_auth_op) == 44 && sizeof(struct crypt_kop) == 80 &&
		sizeof(struct session_info_op) == 268 && sizeof(struct cphash_op) == 8;
#endif
	ktap_result(sizes_ok, "structure sizes match cryptodev-linux (%zu %zu %zu %zu %zu %zu)",
		    sizeof(struct session_op), sizeof(struct crypt_op),
		    sizeof(struct crypt_auth_op), sizeof(struct crypt_kop),
		    sizeof(struct session_info_op), sizeof(struct cphash_op));
	ktap_result(CRIOGET == _IOWR('c', 101, __u32) && _IOC_NR(CIOCGSESSION) == 102 &&
		    _IOC_NR(CIOCFSESSION) == 103 && _IOC_NR(CIOCCRYPT) == 104 &&
		    _IOC_NR(CIOCKEY) == 105 && _IOC_NR(CIOCASYMFEAT) == 106 &&
		    _IOC_NR(CIOCGSESSINFO) == 107 && _IOC_NR(CIOCAUTHCRYPT) == 109 &&
		    _IOC_NR(CIOCASYNCCRYPT) == 110 && _IOC_NR(CIOCASYNCFETCH) == 111 &&
		    _IOC_NR(CIOCCPHASH) == 112 && _IOC_DIR(CIOCCPHASH) == _IOC_WRITE,
		    "ioctl numbers match cryptodev-linux");
	ktap_result(CRYPTO_AES_CBC == 11 && CRYPTO_SHA2_256 == 104 && CRYPTO_AES_GCM == 50 &&
		    CRYPTO_AES_ECB == 23 && CRYPTO_SHA2_224_HMAC == 107 &&
		    COP_FLAG_RESET == 64 && SIOP_FLAG_KERNEL_DRIVER_ONLY == 1,
		    "algorithm and flag numbers match cryptodev-linux");
}

static void test_cbc(void)
{
	unsigned char key[16], pt[64], ct[64], out[64], iv[16], iv0[16];
	uint32_t ses;
	int err;

	hex2bin(aes_key, key);
	hex2bin(aes_pt, pt);
	hex2bin(cbc_iv, iv0);
	ses = newses(CRYPTO_AES_CBC, key, 16, 0, NULL, 0, &err);
	ktap_result(ses != 0, "AES-128-CBC session, id non-zero (err %d)", err);
	memcpy(iv, iv0, 16);
	err = docrypt(ses, COP_ENCRYPT, 0, pt, ct, 64, NULL, iv);
	ktap_result(!err && eq(ct, cbc_ct), "AES-128-CBC encrypt: SP 800-38A F.2.1 (err %d)", err);
	err = docrypt(ses, COP_DECRYPT, 0, ct, out, 64, NULL, iv);
	ktap_result(!err && !memcmp(out, pt, 64), "AES-128-CBC decrypt, out of place");
	memcpy(out, pt, 64);
	err = docrypt(ses, COP_ENCRYPT, COP_FLAG_WRITE_IV, out, out, 32, NULL, iv);
	hex2bin(cbc_ct, ct);
	ktap_result(!err && !memcmp(out, ct, 32) && !memcmp(iv, out + 16, 16),
		    "in place, COP_FLAG_WRITE_IV gives the last ciphertext block");
	err = docrypt(ses, COP_ENCRYPT, COP_FLAG_WRITE_IV, out + 32, out + 32, 32, NULL, iv);
	ktap_result(!err && !memcmp(out, ct, 64), "the written IV continues the CBC stream");
	memcpy(iv, iv0, 16);
	memcpy(out, ct, 64);
	err = docrypt(ses, COP_DECRYPT, COP_FLAG_WRITE_IV, out, out, 32, NULL, iv);
	ktap_result(!err && !memcmp(out, pt, 32) && !memcmp(iv, ct + 16, 16),
		    "CBC decrypt writes back the last ciphertext block as IV");
	ioctl(fd, CIOCFSESSION, &ses);
}

static void test_ctr_ecb(void)
{
	unsigned char key[16], pt[64], out[64], iv[16], iv2[16];
	uint32_t ses;
	int err;

	hex2bin(aes_key, key);
	hex2bin(aes_pt, pt);
	hex2bin(ctr_iv, iv);
	ses = newses(CRYPTO_AES_CTR, key, 16, 0, NULL, 0, &err);
	err = err ? err : docrypt(ses, COP_ENCRYPT, COP_FLAG_WRITE_IV, pt, out, 37, NULL, iv);
	hex2bin(ctr_iv, iv2);
	iv2[15] += 3;	/* 37 bytes: 3 counter blocks used; ...feff + 3 carries */
	iv2[14] += 1;
	ktap_result(!err && eq(out, "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff5ae4df3edb") &&
		    !memcmp(iv, iv2, 16),
		    "AES-128-CTR, 37 bytes: SP 800-38A F.5.1, counter advanced by 3 (err %d)", err);
	hex2bin(ctr_iv, iv);
	err = docrypt(ses, COP_ENCRYPT, COP_FLAG_WRITE_IV, pt, out, 32, NULL, iv);
	err = err ? err : docrypt(ses, COP_ENCRYPT, 0, pt + 32, out + 32, 32, NULL, iv);
	ktap_result(!err && eq(out, ctr_ct), "CTR continues from the written counter");
	ioctl(fd, CIOCFSESSION, &ses);

	ses = newses(CRYPTO_AES_ECB, key, 16, 0, NULL, 0, &err);
	err = err ? err : docrypt(ses, COP_ENCRYPT, 0, pt, out, 16, NULL, (void *)pt);
	ktap_result(!err && eq(out, "3ad77bb40d7a3660a89ecaf32466ef97"),
		    "AES-128-ECB: SP 800-38A F.1.1, a non-NULL iv is ignored (err %d)", err);
	ioctl(fd, CIOCFSESSION, &ses);
}

static const char *sha256_abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
static const char *sha256_empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

static void test_hash(void)
{
	unsigned char mac[64], key[20], key2[20];
	uint32_t ses, ses2;
	struct cphash_op cp;
	int err;

	ses = newses(0, NULL, 0, CRYPTO_SHA2_256, NULL, 0, &err);
	err = err ? err : docrypt(ses, COP_ENCRYPT, 0, "abc", NULL, 3, mac, NULL);
	ktap_result(!err && eq(mac, sha256_abc), "SHA-256 one-shot: FIPS 180-4 \"abc\" (err %d)", err);
	err = docrypt(ses, COP_ENCRYPT, COP_FLAG_UPDATE, "a", NULL, 1, NULL, NULL);
	err = err ? err : docrypt(ses, COP_ENCRYPT, COP_FLAG_UPDATE, "b", NULL, 1, NULL, NULL);
	err = err ? err : docrypt(ses, COP_ENCRYPT, COP_FLAG_FINAL, "c", NULL, 1, mac, NULL);
	ktap_result(!err && eq(mac, sha256_abc), "SHA-256 multi-call: UPDATE, UPDATE, FINAL");
	err = docrypt(ses, COP_ENCRYPT, COP_FLAG_FINAL, NULL, NULL, 0, mac, NULL);
	ktap_result(!err && eq(mac, sha256_empty),
		    "FINAL with no UPDATE: the empty message (as OpenSSL's engine does)");
	err = docrypt(ses, COP_ENCRYPT, COP_FLAG_UPDATE, "x", NULL, 1, NULL, NULL);
	err = err ? err : docrypt(ses, COP_ENCRYPT, COP_FLAG_RESET | COP_FLAG_UPDATE, "ab", NULL, 2, NULL, NULL);
	err = err ? err : docrypt(ses, COP_ENCRYPT, COP_FLAG_FINAL, "c", NULL, 1, mac, NULL);
	ktap_result(!err && eq(mac, sha256_abc), "COP_FLAG_RESET starts over");

	ses2 = newses(0, NULL, 0, CRYPTO_SHA2_256, NULL, 0, &err);
	err = docrypt(ses, COP_ENCRYPT, COP_FLAG_UPDATE, "ab", NULL, 2, NULL, NULL);
	cp.src_ses = ses;
	cp.dst_ses = ses2;
	err = err ? err : (ioctl(fd, CIOCCPHASH, &cp) ? errno : 0);
	err = err ? err : docrypt(ses2, COP_ENCRYPT, COP_FLAG_FINAL, "c", NULL, 1, mac, NULL);
	ktap_result(!err && eq(mac, sha256_abc), "CIOCCPHASH copies the state (err %d)", err);
	err = docrypt(ses, COP_ENCRYPT, COP_FLAG_FINAL, "c", NULL, 1, mac, NULL);
	ktap_result(!err && eq(mac, sha256_abc), "the source session goes on unchanged");
	ioctl(fd, CIOCFSESSION, &ses2);
	ses2 = newses(0, NULL, 0, CRYPTO_SHA1, NULL, 0, &err);
	cp.dst_ses = ses2;
	ktap_expect_errno(ioctl(fd, CIOCCPHASH, &cp), EINVAL, "CIOCCPHASH between different hashes: EINVAL");
	ioctl(fd, CIOCFSESSION, &ses2);
	ioctl(fd, CIOCFSESSION, &ses);

	/* RFC 4231 test case 2 */
	ses = newses(0, NULL, 0, CRYPTO_SHA2_256_HMAC, (unsigned char *)"Jefe", 4, &err);
	err = err ? err : docrypt(ses, COP_ENCRYPT, 0, "what do ya want for nothing?", NULL, 28, mac, NULL);
	ktap_result(!err && eq(mac, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
		    "HMAC-SHA256: RFC 4231 case 2 (err %d)", err);
	ioctl(fd, CIOCFSESSION, &ses);

	/* cipher + MAC: the MAC covers the plaintext, as in cryptodev-linux */
	memset(key, 0x0b, 20);
	hex2bin(aes_key, key2);
	{
		unsigned char pt[64], ct[64], ref[64], back[64], iv[16], m1[20], m2[20];
		uint32_t cs, hs;

		hex2bin(aes_pt, pt);
		hex2bin(cbc_iv, iv);
		ses = newses(CRYPTO_AES_CBC, key2, 16, CRYPTO_SHA1_HMAC, key, 20, &err);
		cs = newses(CRYPTO_AES_CBC, key2, 16, 0, NULL, 0, &err);
		hs = newses(0, NULL, 0, CRYPTO_SHA1_HMAC, key, 20, &err);
		err = err ? err : docrypt(ses, COP_ENCRYPT, 0, pt, ct, 64, m1, iv);
		err = err ? err : docrypt(cs, COP_ENCRYPT, 0, pt, ref, 64, NULL, iv);
		err = err ? err : docrypt(hs, COP_ENCRYPT, 0, pt, NULL, 64, m2, NULL);
		ktap_result(!err && !memcmp(ct, ref, 64) && !memcmp(m1, m2, 20),
			    "AES-CBC + HMAC-SHA1 session: ciphertext and MAC of the plaintext (err %d)", err);
		memset(m1, 0, 20);
		err = err ? err : docrypt(ses, COP_DECRYPT, 0, ct, back, 64, m1, iv);
		ktap_result(!err && !memcmp(back, pt, 64) && !memcmp(m1, m2, 20),
			    "decrypting it gives the plaintext and the same MAC");
		ioctl(fd, CIOCFSESSION, &cs);
		ioctl(fd, CIOCFSESSION, &hs);
	}
	memset(mac, 0, sizeof(mac));
	ses2 = newses(CRYPTO_NULL, NULL, 0, CRYPTO_SHA1_HMAC, key, 20, &err);
	{
		unsigned char out[8];

		err = err ? err : docrypt(ses2, COP_ENCRYPT, 0, "Hi There", out, 8, mac, NULL);
		ktap_result(!err && !memcmp(out, "Hi There", 8) &&
			    eq(mac, "b617318655057264e28bc0b6fb378c8ef146be00"),
			    "NULL cipher + HMAC-SHA1: RFC 2202 case 1 (err %d)", err);
	}
	ioctl(fd, CIOCFSESSION, &ses2);
	ioctl(fd, CIOCFSESSION, &ses);
}

/*
 * A MAC session (@mac, key @mkey of @mklen bytes) made with CIOCGSESSION2
 * on *@crid and freed at once; *@crid is set to the driver it got.
 * Returns 0 or CIOCGSESSION2's errno.
 */
static int session2_once(int mac, const unsigned char *mkey, int mklen, int *crid)
{
	uint32_t ses;
	int err = cdev_session2(fd, 0, NULL, 0, mac, mkey, mklen, crid, &ses);

	if (!err)
		ioctl(fd, CIOCFSESSION, &ses);
	return err;
}

/*
 * Sessions made with no key, freed and made again at once (OpenSSL's engine
 * does it for every digest; /dev/crypto takes the freed one again): new
 * ids, right answers, no state carried from one to the next, and another
 * algorithm, another crid or a hash left half-done never mixed in.
 */
static void test_keyless_reuse(void)
{
	static const char *sha1_abc = "a9993e364706816aba3e25717850c26c9cd0d89d";
	unsigned char mac[64];
	struct session2_op s2;
	uint32_t ses, prev = 0;
	int i, err = 0, ok = 1, crid0 = -1;

	for (i = 0; i < 4 && ok; i++) {
		memset(&s2, 0, sizeof(s2));
		s2.mac = CRYPTO_SHA2_256;
		s2.crid = CRYPTO_FLAG_SOFTWARE;
		err = ioctl(fd, CIOCGSESSION2, &s2) ? errno : 0;
		if (!i)
			crid0 = s2.crid;
		memset(mac, 0, sizeof(mac));
		err = err ? err : docrypt(s2.ses, COP_ENCRYPT, 0, "abc", NULL, 3, mac, NULL);
		ok = !err && eq(mac, sha256_abc) && s2.ses != prev && s2.crid == crid0 &&
		     crid0 >= 0;
		prev = s2.ses;
		err = err ? err : (ioctl(fd, CIOCFSESSION, &prev) ? errno : 0);
		ok = ok && !err;
	}
	ktap_result(ok, "SHA-256 session freed and made again 4 times: new ids, crid %d each time, "
		    "FIPS 180-4 \"abc\" (err %d)", crid0, err);
	err = docrypt(prev, COP_ENCRYPT, 0, "abc", NULL, 3, mac, NULL);
	ktap_result(err == EINVAL, "the freed id stays freed: EINVAL (got %d)", err);

	/* another crid never takes the parked software session */
	{
		int e0, e1, hw = CRYPTO_FLAG_HARDWARE;

		e0 = session2_once(CRYPTO_SHA2_256, NULL, 0, &hw);
		ses = newses(0, NULL, 0, CRYPTO_SHA2_256, NULL, 0, &err);
		if (!err)
			ioctl(fd, CIOCFSESSION, &ses);		/* parked */
		hw = CRYPTO_FLAG_HARDWARE;
		e1 = session2_once(CRYPTO_SHA2_256, NULL, 0, &hw);
		ktap_result(!err && e0 && e1 == e0,
			    "SHA-256 on hardware only: errno %d with a software session just parked, %d before",
			    e1, e0);
	}

	ses = newses(0, NULL, 0, CRYPTO_SHA1, NULL, 0, &err);
	err = err ? err : docrypt(ses, COP_ENCRYPT, 0, "abc", NULL, 3, mac, NULL);
	ktap_result(!err && eq(mac, sha1_abc), "SHA-1 right after a freed SHA-256 session (err %d)", err);
	err = docrypt(ses, COP_ENCRYPT, COP_FLAG_UPDATE, "ab", NULL, 2, NULL, NULL);
	ioctl(fd, CIOCFSESSION, &ses);
	ses = newses(0, NULL, 0, CRYPTO_SHA1, NULL, 0, &err);
	err = err ? err : docrypt(ses, COP_ENCRYPT, COP_FLAG_FINAL, "abc", NULL, 3, mac, NULL);
	ktap_result(!err && eq(mac, sha1_abc),
		    "a session freed in the middle of a multi-call hash: the next one starts clean (err %d)",
		    err);
	ioctl(fd, CIOCFSESSION, &ses);
}

/* The sessions driver @crid has now; -1 on error. */
static int driver_sessions(int crid)
{
	struct crypt_driver_op dop;

	memset(&dop, 0, sizeof(dop));
	dop.index = crid;
	if (ioctl(fd, CIOCGETDRIVER, &dop) || dop.crid != crid)
		return -1;
	return dop.sessions;
}

/* One HMAC-SHA256 of @msg in a session made for it and freed after. */
static int hmac_session_once(const unsigned char *key, int klen, const char *msg,
			     unsigned char *mac, uint32_t *ses)
{
	int err;

	*ses = newses(0, NULL, 0, CRYPTO_SHA2_256_HMAC, key, klen, &err);
	memset(mac, 0, 32);
	err = err ? err : docrypt(*ses, COP_ENCRYPT, 0, msg, NULL, strlen(msg), mac, NULL);
	if (*ses && ioctl(fd, CIOCFSESSION, ses))
		err = err ? err : errno;
	return err;
}

/*
 * HMAC sessions freed and made again (an HMAC per message): the freed one
 * is taken again only for the same key. Keys of the same length that
 * differ in one byte, in a key's first 64 bytes or in its last, each give
 * their own MAC (RFC 4231 cases 1, 2 and 6 and Python's hmac for the keys
 * changed), and a key /dev/crypto cannot read is EFAULT as without a kept
 * session.
 */
static void test_mac_reuse(void)
{
	static const char *case2 = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
	static const char *case2_jefe = "f5886a2776d40a671830efd161726e21b7dbd9f0d3a5515428de35324eacaadb";
	static const char *case6 = "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54";
	static const char *case6_ab = "970d76e940799a521b637992a0b284fff3647ed65cc3e44701bac5847a6bbbbb";
	static const char *case1 = "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7";
	static const char *msg2 = "what do ya want for nothing?";
	static const char *msg6 = "Test Using Larger Than Block-Size Key - Hash Key First";
	static const char *keys2[] = { "Jefe", "Jefe", "jefe", "Jefe" };
	unsigned char mac[32], k6[131], k1[20];
	uint32_t ses, prev = 0;
	int i, err = 0, ok = 1;

	for (i = 0; i < 4 && ok; i++) {
		err = hmac_session_once((const unsigned char *)keys2[i], 4, msg2, mac, &ses);
		ok = !err && eq(mac, keys2[i][0] == 'J' ? case2 : case2_jefe) && ses != prev;
		prev = ses;
	}
	ktap_result(ok, "HMAC-SHA256 sessions freed and made again with keys \"Jefe\", \"Jefe\", "
		    "\"jefe\", \"Jefe\": each its own MAC, new ids (step %d, err %d)", i, err);

	memset(k6, 0xaa, sizeof(k6));
	for (i = 0; i < 4 && ok; i++) {
		k6[130] = i == 2 ? 0xab : 0xaa;
		err = hmac_session_once(k6, sizeof(k6), msg6, mac, &ses);
		ok = !err && eq(mac, i == 2 ? case6_ab : case6);
	}
	ktap_result(ok, "131-byte keys, the third with its last byte changed: RFC 4231 case 6 "
		    "and its own MAC (step %d, err %d)", i, err);

	memset(k1, 0x0b, sizeof(k1));
	err = hmac_session_once(k1, sizeof(k1), "Hi There", mac, &ses);
	ktap_result(!err && eq(mac, case1),
		    "a 20-byte key after a 131-byte one: RFC 4231 case 1 (err %d)", err);

	err = hmac_session_once(k1, sizeof(k1), "Hi There", mac, &ses);
	ses = newses(0, NULL, 0, CRYPTO_SHA2_256_HMAC, (const unsigned char *)8, sizeof(k1), &i);
	if (ses)
		ioctl(fd, CIOCFSESSION, &ses);
	ok = !err && i == EFAULT && !ses;
	err = hmac_session_once(k1, sizeof(k1), "Hi There", mac, &ses);
	ktap_result(ok && !err && eq(mac, case1),
		    "an unreadable key of the kept session's length: EFAULT, then case 1 again (err %d)",
		    err);

	/*
	 * On the driver's session count: the same key takes the kept session
	 * (no second framework session beside it), another key frees it
	 * first. (Were the kept one to expire in between, 10 ms, both counts
	 * would hold anyway: this cannot fail for slowness.)
	 */
	{
		int crid, n0 = -1, n1 = -2, n2 = -3;

		crid = CRYPTO_FLAG_SOFTWARE | CRYPTO_FLAG_HARDWARE;
		if (session2_once(CRYPTO_SHA2_256_HMAC, k1, sizeof(k1), &crid))
			crid = -1;
		if (crid >= 0) {
			n0 = driver_sessions(crid);	/* the kept one counts */
			ses = newses(0, NULL, 0, CRYPTO_SHA2_256_HMAC, k1, sizeof(k1), &err);
			n1 = driver_sessions(crid);
			if (ses)
				ioctl(fd, CIOCFSESSION, &ses);
			k1[19] ^= 1;
			ses = newses(0, NULL, 0, CRYPTO_SHA2_256_HMAC, k1, sizeof(k1), &err);
			n2 = driver_sessions(crid);
			if (ses)
				ioctl(fd, CIOCFSESSION, &ses);
		}
		ktap_result(crid >= 0 && n0 >= 1 && n1 == n0 && n2 == n0,
			    "driver %d's sessions: %d with one kept, %d with the same key again, "
			    "%d with another key", crid, n0, n1, n2);

		/*
		 * Made and freed 50 times in a row, then none: the kept one is
		 * freed a moment later (10 ms; 2 s allowed for a slow guest).
		 */
		for (i = 0; i < 50 && crid >= 0; i++)
			hmac_session_once(k1, sizeof(k1), "Hi There", mac, &ses);
		for (i = 0; i < 200 && crid >= 0 && (n2 = driver_sessions(crid)) != n0 - 1; i++)
			usleep(10 * 1000);
		ktap_result(crid >= 0 && n2 == n0 - 1,
			    "after 50 sessions made and freed, the kept one is freed when no "
			    "other comes: %d sessions on driver %d (%d ms)", n2, crid, i * 10);
	}
}

/*
 * One block of AES-CBC (SP 800-38A's first plaintext block and IV) with
 * @key in a session made with CIOCGSESSION2 on *@crid (set to the driver
 * it got) and freed after, or left to the caller in *@keep when not NULL:
 * 0 or the errno.
 */
static int cbc_session_once(const unsigned char *key, int klen, unsigned char *out,
			    int *crid, uint32_t *keep)
{
	unsigned char pt[16], iv[16];
	uint32_t ses;
	int err;

	err = cdev_session2(fd, CRYPTO_AES_CBC, key, klen, 0, NULL, 0, crid, &ses);
	if (err)
		return err;
	hex2bin(aes_pt, pt);
	hex2bin(cbc_iv, iv);
	memset(out, 0, 16);
	err = docrypt(ses, COP_ENCRYPT, 0, pt, out, 16, NULL, iv);
	if (keep)
		*keep = ses;
	else if (ioctl(fd, CIOCFSESSION, &ses))
		err = err ? err : errno;
	return err;
}

/*
 * Cipher sessions freed and made again (a context initialised again with
 * its key for each message): the freed one is taken again only for the
 * same key. Checked: SP 800-38A F.2.1 and F.2.5 for the first block, and
 * OpenSSL for F.2.1's key with its last byte changed; a key /dev/crypto
 * cannot read is EFAULT as without a kept session; the driver's session
 * count shows the same key taking the kept session, another key freeing
 * it first.
 */
static void test_cipher_reuse(void)
{
	static const char *ct_k = "7649abac8119b246cee98e9b12e9197d";
	static const char *ct_k2 = "86b43d9689e2c295513d39ac83776dbf";	/* OpenSSL */
	static const char *key256 = "603deb1015ca71be2b73aef0857d7781"
		"1f352c073b6108d72d9810a30914dff4";
	static const char *ct_256 = "f58c4c04d6e5f1ba779eabfb5f7bfbd6";	/* F.2.5 */
	unsigned char k[16], k2[16], k256[32], out[16];
	uint32_t ses;
	int i, err = 0, ok = 1, crid, crid0 = -1, n0 = -1, n1 = -2, n2 = -3;

	hex2bin(aes_key, k);
	memcpy(k2, k, sizeof(k2));
	k2[15] ^= 1;
	hex2bin(key256, k256);
	for (i = 0; i < 5 && ok; i++) {
		crid = CRYPTO_FLAG_HARDWARE | CRYPTO_FLAG_SOFTWARE;
		err = cbc_session_once(i == 2 ? k2 : k, 16, out, &crid, NULL);
		ok = !err && eq(out, i == 2 ? ct_k2 : ct_k) && (!i || crid == crid0);
		crid0 = crid;
	}
	ktap_result(ok, "AES-128-CBC sessions freed and made again with keys K, K, K', K, K: "
		    "each its own answer, on driver %d each time (step %d, err %d)", crid0, i, err);

	crid = crid0;
	err = cbc_session_once(k256, 32, out, &crid, NULL);
	ktap_result(!err && eq(out, ct_256) && crid == crid0,
		    "an AES-256 key after the kept AES-128 session: SP 800-38A F.2.5 (err %d)", err);

	crid = crid0;
	err = cbc_session_once(k, 16, out, &crid, NULL);
	crid = crid0;
	i = cbc_session_once((const unsigned char *)8, 16, out, &crid, NULL);
	crid = crid0;
	err = err ? err : cbc_session_once(k, 16, out, &crid, NULL);
	ktap_result(i == EFAULT && !err && eq(out, ct_k),
		    "an unreadable key of the kept session's length: EFAULT (got %d), then "
		    "F.2.1 again (err %d)", i, err);

	/*
	 * Counted while the new session is open: the same key takes the kept
	 * one (no second framework session beside it), another key frees it
	 * first. (Were the kept one to expire in between, 10 ms, both counts
	 * would hold anyway: this cannot fail for slowness.)
	 */
	if (crid0 >= 0) {
		crid = crid0;
		cbc_session_once(k, 16, out, &crid, NULL);
		n0 = driver_sessions(crid0);		/* the kept one counts */
		crid = crid0;
		if (!cbc_session_once(k, 16, out, &crid, &ses)) {
			n1 = driver_sessions(crid0);
			ioctl(fd, CIOCFSESSION, &ses);
		}
		crid = crid0;
		if (!cbc_session_once(k2, 16, out, &crid, &ses)) {
			n2 = driver_sessions(crid0);
			ioctl(fd, CIOCFSESSION, &ses);
		}
	}
	ktap_result(crid0 >= 0 && n0 >= 1 && n1 == n0 && n2 == n0,
		    "driver %d's sessions: %d with one kept, %d after the same key again, "
		    "%d after another key", crid0, n0, n1, n2);
}

/* GCM spec test case 2: zero key, zero IV, one zero block */
static void test_gcm(void)
{
	unsigned char key[16] = { 0 }, iv[12] = { 0 }, pt[16] = { 0 }, out[32], back[16], tag[16];
	struct crypt_auth_op a;
	unsigned char *big;
	uint32_t ses;
	int err;

	ses = newses(CRYPTO_AES_GCM, key, 16, 0, NULL, 0, &err);
	ktap_result(ses != 0, "AES-GCM session (err %d)", err);
	memset(&a, 0, sizeof(a));
	a.ses = ses;
	a.op = COP_ENCRYPT;
	a.len = 16;
	a.src = pt;
	a.dst = out;
	a.iv = iv;
	a.iv_len = 12;
	err = ioctl(fd, CIOCAUTHCRYPT, &a) ? errno : 0;
	ktap_result(!err && eq(out, "0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf"),
		    "AES-GCM encrypt, tag after the data: GCM test case 2 (err %d)", err);
	a.op = COP_DECRYPT;
	a.src = out;
	a.dst = back;
	a.len = 32;
	err = ioctl(fd, CIOCAUTHCRYPT, &a) ? errno : 0;
	ktap_result(!err && !memcmp(back, pt, 16), "AES-GCM decrypt verifies and decrypts (err %d)", err);
	out[20] ^= 1;
	ktap_expect_errno(ioctl(fd, CIOCAUTHCRYPT, &a), EBADMSG, "a bad tag gives EBADMSG");
	a.op = COP_ENCRYPT;
	a.src = pt;
	a.dst = out;
	a.len = 16;
	a.tag = tag;
	err = ioctl(fd, CIOCAUTHCRYPT, &a) ? errno : 0;
	ktap_result(!err && eq(tag, "ab6e47d42cec13bdf53a67b21257bddf"),
		    "with a tag pointer the tag goes there (err %d)", err);
	a.tag = NULL;
	a.tag_len = 8;
	ktap_expect_errno(ioctl(fd, CIOCAUTHCRYPT, &a), EINVAL, "tag_len out of range: EINVAL");
	a.tag_len = 0;
	a.iv_len = 16;
	ktap_expect_errno(ioctl(fd, CIOCAUTHCRYPT, &a), EINVAL, "iv_len not the nonce size: EINVAL");
	a.iv_len = 12;
	a.flags = COP_FLAG_AEAD_TLS_TYPE;
	ktap_expect_errno(ioctl(fd, CIOCAUTHCRYPT, &a), EINVAL, "TLS mode on an AEAD session: EINVAL");
	ioctl(fd, CIOCFSESSION, &ses);

	/* CCM's 12-byte nonce leaves 3 bytes for the payload's length */
	big = mmap(NULL, (1 << 24) + 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		   -1, 0);
	ses = newses(CRYPTO_AES_CCM_16, key, 16, 0, NULL, 0, &err);
	memset(&a, 0, sizeof(a));
	a.ses = ses;
	a.op = COP_ENCRYPT;
	a.len = 1 << 24;
	a.src = big;
	a.dst = big;
	a.iv = iv;
	a.iv_len = 12;
	err = big == MAP_FAILED || !ses ? -1 : ioctl(fd, CIOCAUTHCRYPT, &a) ? errno : 0;
	ktap_result(err == EINVAL, "AES-CCM: a payload of 2^24 bytes does not fit its length field: EINVAL (%d)",
		    err);
	if (ses)
		ioctl(fd, CIOCFSESSION, &ses);
	if (big != MAP_FAILED)
		munmap(big, (1 << 24) + 4096);
}

static void test_info_and_drivers(void)
{
	unsigned char key[16] = { 0 };
	struct session_info_op si;
	struct session2_op s2;
	struct crypt_find_op fop;
	struct crypt_driver_op dop;
	int err, n = 0, hw = 0;
	uint32_t ses;

	ses = newses(CRYPTO_AES_CBC, key, 16, 0, NULL, 0, &err);
	memset(&si, 0, sizeof(si));
	si.ses = ses;
	err = ioctl(fd, CIOCGSESSINFO, &si) ? errno : 0;
	ktap_result(!err && !strcmp(si.cipher_info.cra_name, "cbc(aes)") &&
		    si.cipher_info.cra_driver_name[0],
		    "CIOCGSESSINFO: %s by %s, flags %u (err %d)", si.cipher_info.cra_name,
		    si.cipher_info.cra_driver_name, si.flags, err);
	ioctl(fd, CIOCFSESSION, &ses);

	memset(&dop, 0, sizeof(dop));
	while (!ioctl(fd, CIOCGETDRIVER, &dop)) {
		ktap_print("driver %d %s %s sessions %u ops %llu", dop.crid, dop.name,
			   dop.flags & CRYPTO_FLAG_HARDWARE ? "hardware" : "software",
			   dop.sessions, (unsigned long long)dop.ops);
		n++;
		hw += !!(dop.flags & CRYPTO_FLAG_HARDWARE);
		dop.index = dop.crid + 1;
	}
	ktap_result(n > 0 && errno == ENOENT, "CIOCGETDRIVER lists %d drivers, then ENOENT", n);

	memset(&fop, 0, sizeof(fop));
	fop.crid = -1;
	strcpy(fop.name, "virtio_crypto");
	err = ioctl(fd, CIOCFINDDEV, &fop) ? errno : 0;
	if (!hw) {
		ktap_expect_errno(err ? -1 : 0, ENOENT, "no hardware driver: CIOCFINDDEV virtio_crypto gives ENOENT");
		ktap_skip_test("no virtio-crypto device: CIOCGSESSION2 on hardware");
		ktap_skip_test("no virtio-crypto device: SIOP_FLAG_KERNEL_DRIVER_ONLY");
		return;
	}
	ktap_result(!err && fop.crid >= 0 && !strncmp(fop.name, "virtio_crypto", 13),
		    "CIOCFINDDEV finds %s as crid %d", fop.name, fop.crid);
	memset(&s2, 0, sizeof(s2));
	s2.cipher = CRYPTO_AES_CBC;
	s2.key = key;
	s2.keylen = 16;
	s2.crid = CRYPTO_FLAG_HARDWARE;
	err = ioctl(fd, CIOCGSESSION2, &s2) ? errno : 0;
	ktap_result(!err && s2.crid == fop.crid,
		    "CIOCGSESSION2 with CRYPTO_FLAG_HARDWARE lands on it (crid %d, err %d)", s2.crid, err);
	memset(&si, 0, sizeof(si));
	si.ses = s2.ses;
	err = ioctl(fd, CIOCGSESSINFO, &si) ? errno : 0;
	ktap_result(!err && (si.flags & SIOP_FLAG_KERNEL_DRIVER_ONLY),
		    "its CIOCGSESSINFO says SIOP_FLAG_KERNEL_DRIVER_ONLY (%s)", si.cipher_info.cra_driver_name);
	ioctl(fd, CIOCFSESSION, &s2.ses);
}

static void test_async(void)
{
	unsigned char key[16], pt[64], iv[16], out[8][64], ref[64];
	struct crypt_op c;
	struct pollfd pfd = { .fd = 0, .events = POLLIN };
	int err = 0, i, got = 0, ok = 1;
	uint32_t ses;

	hex2bin(aes_key, key);
	hex2bin(aes_pt, pt);
	hex2bin(cbc_iv, iv);
	hex2bin(cbc_ct, ref);
	ses = newses(CRYPTO_AES_CBC, key, 16, 0, NULL, 0, &err);
	for (i = 0; i < 8 && !err; i++) {
		memset(&c, 0, sizeof(c));
		c.ses = ses;
		c.op = COP_ENCRYPT;
		c.len = 64;
		c.src = pt;
		c.dst = out[i];
		c.iv = iv;
		err = ioctl(fd, CIOCASYNCCRYPT, &c) ? errno : 0;
	}
	ktap_result(!err, "8 CIOCASYNCCRYPT submitted (err %d)", err);
	pfd.fd = fd;
	while (got < 8) {
		if (poll(&pfd, 1, 5000) != 1 || !(pfd.revents & POLLIN))
			break;
		memset(&c, 0, sizeof(c));
		if (ioctl(fd, CIOCASYNCFETCH, &c)) {
			if (errno == EBUSY)
				continue;
			ok = 0;
			break;
		}
		ok &= c.dst >= out[0] && c.dst <= out[7] && !memcmp(c.dst, ref, 64);
		got++;
	}
	ktap_result(got == 8 && ok, "poll() + CIOCASYNCFETCH give all 8, right answers (%d)", got);
	ktap_expect_errno(ioctl(fd, CIOCASYNCFETCH, &c), EBUSY, "nothing left: CIOCASYNCFETCH gives EBUSY");
	/* leave requests in flight and unfetched: close must clean up */
	for (i = 0; i < 4; i++) {
		memset(&c, 0, sizeof(c));
		c.ses = ses;
		c.op = COP_ENCRYPT;
		c.len = 64;
		c.src = pt;
		c.dst = out[i];
		c.iv = iv;
		ioctl(fd, CIOCASYNCCRYPT, &c);
	}
}

/*
 * One CIOCASYNCCRYPT of AES-128-CBC (encrypt) and its CIOCASYNCFETCH, in a
 * file of its own (test_async leaves requests in fd): 0 or errno.
 */
static int async_one_pinning(const unsigned char *key, const void *src, void *dst,
			     size_t len, void *iv, long *pinned)
{
	int afd = open("/dev/crypto", O_RDWR), err = 0;
	struct pollfd pfd = { .fd = afd, .events = POLLIN };
	long before = cdev_stat_of(CDEV_STATS, "pinned");
	struct crypt_op c;
	uint32_t ses;

	ses = cdev_session(afd, CRYPTO_AES_CBC, key, 16, 0, NULL, 0, &err);
	if (!err)
		err = cdev_op(afd, CIOCASYNCCRYPT, ses, COP_ENCRYPT, 0, src, dst, len, NULL, iv);
	/* pages pinned by the request, held until it is fetched */
	if (pinned)
		*pinned = before < 0 ? -1 : cdev_stat_of(CDEV_STATS, "pinned") - before;
	if (!err && poll(&pfd, 1, 5000) != 1)
		err = ETIMEDOUT;
	memset(&c, 0, sizeof(c));
	if (!err && ioctl(afd, CIOCASYNCFETCH, &c))
		err = errno;
	if (!err && c.dst != dst)
		err = EPROTO;
	close(afd);
	return err;
}

static int async_one(const unsigned char *key, const void *src, void *dst, size_t len,
		     void *iv)
{
	return async_one_pinning(key, src, dst, len, iv, NULL);
}

/*
 * AES-128-CBC in place on a MAP_SHARED mapping of @ffd, synchronous or
 * (@async) not; then what the file holds, into @out: 0 or errno.
 */
static int crypt_shared_map(int ffd, size_t len, bool async, uint32_t ses,
			    const unsigned char *key, void *iv, unsigned char *out)
{
	unsigned char *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, ffd, 0);
	int err;

	if (m == MAP_FAILED)
		return ENOMEM;
	err = async ? async_one(key, m, m, len, iv) :
		      docrypt(ses, COP_ENCRYPT, 0, m, m, len, NULL, iv);
	munmap(m, len);
	memset(out, 0, len);
	if (pread(ffd, out, len, 0) != (ssize_t)len)
		err = EIO;
	return err;
}

/*
 * A block device's pages (a loop device over a file in /tmp), mapped
 * MAP_SHARED: pages the kernel tracks dirty, for writeback, like a file's
 * on ext4. An asynchronous request, whose pages would stay pinned until it
 * is fetched, must not pin them (GUP refuses it from 6.5 on, /dev/crypto
 * itself before): it goes through a kernel copy. Anonymous memory, the
 * control, is pinned.
 */
static void test_async_zc_tracked_pages(const unsigned char *key, const unsigned char *a,
					const unsigned char *b, size_t len, void *iv)
{
	char path[] = "/tmp/.cryptodev-loop-XXXXXX", dev[32];
	int bfd, ctl, lfd = -1, n = -1, err;
	long pinned = -1;
	unsigned char *m;

	m = aligned_alloc(4096, (len + 4095) & ~(size_t)4095);	/* page-aligned: 4 pages */
	memset(m, 0, len);
	err = async_one_pinning(key, a, m, len, iv, &pinned);
	ktap_result(!err && pinned == (long)((len + 4095) / 4096) && !memcmp(m, b, len),
		    "async zero-copy to anonymous memory: its pages pinned until fetched (%ld, err %d)",
		    pinned, err);
	free(m);

	if (access("/dev/loop-control", F_OK) && system("modprobe loop 2>/dev/null"))
		errno = ENODEV;
	bfd = mkstemp(path);
	ctl = open("/dev/loop-control", O_RDWR);
	if (bfd >= 0 && ctl >= 0 && ftruncate(bfd, 64 * 1024) == 0)
		n = ioctl(ctl, LOOP_CTL_GET_FREE);
	if (n >= 0) {
		snprintf(dev, sizeof(dev), "/dev/loop%d", n);
		lfd = open(dev, O_RDWR);
	}
	if (lfd >= 0 && ioctl(lfd, LOOP_SET_FD, bfd)) {
		close(lfd);
		lfd = -1;
	}
	if (lfd < 0) {
		ktap_skip_test("async zero-copy to a block device's pages: no loop device (%s)",
			       strerror(errno));
		goto out;
	}
	m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, lfd, 0);
	err = m == MAP_FAILED ? errno : 0;
	if (!err) {
		memcpy(m, a, len);
		err = async_one_pinning(key, m, m, len, iv, &pinned);
	}
	ktap_result(!err && pinned == 0 && !memcmp(m, b, len),
		    "async zero-copy to a block device's MAP_SHARED pages: none pinned, copied (%ld, err %d)",
		    pinned, err);
	if (m != MAP_FAILED)
		munmap(m, len);
	ioctl(lfd, LOOP_CLR_FD, 0);
	close(lfd);
out:
	if (ctl >= 0)
		close(ctl);
	if (bfd >= 0) {
		close(bfd);
		unlink(path);
	}
}

/* Zero-copy (the user's pages pinned) against the copy path. */
static void test_zero_copy(void)
{
	unsigned char key[16], iv[16], *a, *b, *c, *m;
	const size_t len = 3 * 4096 + 1024;
	char path[] = "/tmp/.cryptodev-zc-XXXXXX";
	uint32_t ses;
	int err, ffd, i;

	hex2bin(aes_key, key);
	memset(iv, 7, 16);
	a = malloc(len + 3);
	b = malloc(len + 3);
	c = malloc(len + 3);
	for (i = 0; i < (int)len + 3; i++)
		a[i] = i * 7 + 1;
	ses = newses(CRYPTO_AES_CBC, key, 16, 0, NULL, 0, &err);
	err = err ? err : docrypt(ses, COP_ENCRYPT, COP_FLAG_NO_ZC, a, b, len, NULL, iv);
	memcpy(c + 3, a, len);
	err = err ? err : docrypt(ses, COP_ENCRYPT, 0, c + 3, c + 3, len, NULL, iv);
	ktap_result(!err && !memcmp(b, c + 3, len),
		    "zero-copy in place on an unaligned buffer equals the copy path (err %d)", err);
	memset(c, 0, len + 3);
	err = err ? err : docrypt(ses, COP_ENCRYPT, 0, a, c, len, NULL, iv);
	ktap_result(!err && !memcmp(b, c, len), "zero-copy out of place equals it too (err %d)", err);

	m = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	errno = docrypt(ses, COP_ENCRYPT, 0, a, m, len, NULL, iv);
	ktap_expect_errno(errno ? -1 : 0, EFAULT, "zero-copy to a read-only mapping: EFAULT");
	errno = docrypt(ses, COP_ENCRYPT, 0, m, m, len, NULL, iv);
	ktap_expect_errno(errno ? -1 : 0, EFAULT, "zero-copy in place on a read-only mapping: EFAULT");
	errno = async_one(key, a, m, len, iv);
	ktap_expect_errno(errno ? -1 : 0, EFAULT,
			  "async zero-copy to a read-only mapping: EFAULT at submission");
	munmap(m, len);

	ffd = mkstemp(path);
	err = ffd < 0 || write(ffd, a, len) != (ssize_t)len;
	m = err ? MAP_FAILED : mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE, ffd, 0);
	err = m == MAP_FAILED ? ENOMEM : docrypt(ses, COP_ENCRYPT, 0, m, m, len, NULL, iv);
	memset(c, 0, len);
	if (pread(ffd, c, len, 0) != (ssize_t)len)
		err = EIO;
	ktap_result(!err && !memcmp(m, b, len) && !memcmp(c, a, len),
		    "MAP_PRIVATE file page as dst: the process sees the result, the file is unchanged (err %d)", err);
	if (m != MAP_FAILED)
		munmap(m, len);
	err = crypt_shared_map(ffd, len, false, ses, key, iv, c);
	ktap_result(!err && !memcmp(c, b, len),
		    "MAP_SHARED file page as dst: written to the file, as write() would (err %d)", err);
	/*
	 * Asynchronous: pinned until fetched, so pinned long-term, which
	 * a file's shared pages written through refuse: then copied.
	 */
	err = pwrite(ffd, a, len, 0) != (ssize_t)len ? EIO :
	      crypt_shared_map(ffd, len, true, ses, key, iv, c);
	ktap_result(!err && !memcmp(c, b, len),
		    "async zero-copy to a MAP_SHARED file page: the file has the result (err %d)", err);
	memset(c, 0, len);
	err = async_one(key, a, c, len, iv);
	ktap_result(!err && !memcmp(c, b, len),
		    "async zero-copy to anonymous memory equals the copy path (err %d)", err);
	test_async_zc_tracked_pages(key, a, b, len, iv);
	close(ffd);
	unlink(path);
	ioctl(fd, CIOCFSESSION, &ses);
	free(a);
	free(b);
	free(c);
}

/*
 * @fd holds async_depth unfetched results: a child waits in poll() for
 * POLLOUT (3 s at most) while this process fetches one result, half a
 * second after the child said it was about to poll. True when the child's
 * poll() waited (100 ms or more) and ended with POLLOUT before its
 * timeout: the fetch must wake a submitter waiting for room.
 */
static bool pollout_woken_by_fetch(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLOUT };
	struct timespec t0, t1;
	struct crypt_op c;
	int st = -1, pp[2];
	char ch = 0;
	pid_t p;

	if (poll(&pfd, 1, 0) != 0 || pipe(pp))	/* full: no POLLOUT yet */
		return false;
	p = fork();
	if (p == 0) {
		long ms;
		int n;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		n = write(pp[1], &ch, 1) == 1 ? poll(&pfd, 1, 3000) : -1;
		clock_gettime(CLOCK_MONOTONIC, &t1);
		ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
		_exit(n == 1 && (pfd.revents & POLLOUT) && ms >= 100 && ms < 3000 ? 0 : 1);
	}
	if (read(pp[0], &ch, 1) == 1)
		usleep(500000);
	memset(&c, 0, sizeof(c));
	if (ioctl(fd, CIOCASYNCFETCH, &c))
		ktap_print("fetch: %s", strerror(errno));
	waitpid(p, &st, 0);
	close(pp[0]);
	close(pp[1]);
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* Module parameters: write one, return 0 when it took. */
static int set_param(const char *name, const char *val)
{
	char path[128];
	FILE *f;
	int ok;

	snprintf(path, sizeof(path), "/sys/module/cryptodev/parameters/%s", name);
	f = fopen(path, "w");
	if (!f)
		return -1;
	ok = fputs(val, f) >= 0;
	return fclose(f) == 0 && ok ? 0 : -1;
}

/* Sessions of one file, each with its err, until one fails or @max are made. */
static int make_sessions(int cfd, int cipher, int compr, uint32_t *ids, int max, int *err)
{
	unsigned char key[16] = { 0 };
	struct session_op so;
	int n;

	for (n = 0, *err = 0; n < max; n++) {
		memset(&so, 0, sizeof(so));
		so.cipher = cipher;
		so.compr = compr;
		so.key = cipher ? key : NULL;
		so.keylen = cipher ? sizeof(key) : 0;
		if (ioctl(cfd, CIOCGSESSION, &so)) {
			*err = errno;
			break;
		}
		ids[n] = so.ses;
	}
	return n;
}

/*
 * Sessions count against max_memory (4 KiB each, 1 MiB for compression):
 * files of max_sessions sessions each cannot take the machine's memory.
 */
static void test_session_charge(void)
{
	int cfd = open("/dev/crypto", O_RDWR), n, n2, err, err2;
	uint32_t ids[8];
	char val[32];
	long m0, m1;

	usleep(50000);	/* sessions freed before are kept 10 ms at most */
	m0 = cdev_stat_of(CDEV_STATS, "memory");

	snprintf(val, sizeof(val), "%ld", m0 + 3 * 4096 + 4000);
	set_param("max_memory", val);
	n = make_sessions(cfd, CRYPTO_AES_CBC, 0, ids, 8, &err);
	ktap_result(m0 >= 0 && n == 3 && err == ENOMEM,
		    "max_memory: room for 3 sessions of 4 KiB makes 3, then ENOMEM (%d, err %d)",
		    n, err);
	while (n > 0)
		ioctl(cfd, CIOCFSESSION, &ids[--n]);
	close(cfd);
	cfd = open("/dev/crypto", O_RDWR);
	snprintf(val, sizeof(val), "%ld", m0 + (1L << 20) + 4000);
	set_param("max_memory", val);
	n = make_sessions(cfd, 0, CRYPTO_DEFLATE_COMP, ids, 2, &err);
	n2 = make_sessions(cfd, CRYPTO_AES_CBC, 0, ids + n, 1, &err2);
	ktap_result(n == 1 && err == ENOMEM && n2 == 0 && err2 == ENOMEM,
		    "max_memory: a DEFLATE session counts 1 MiB (%d then err %d; then %d, err %d)",
		    n, err, n2, err2);
	set_param("max_memory", "268435456");
	close(cfd);
	m1 = cdev_stat_of(CDEV_STATS, "memory");
	ktap_result(m1 == m0, "closing the file gives its sessions' memory back (%ld, was %ld)",
		    m1, m0);
}

/* Real and effective uid @uid, root kept as the saved one; 0: root again. */
static int as_user(uid_t uid)
{
	if (setresuid(0, 0, 0))
		return -1;
	return uid ? setresuid(uid, uid, 0) : 0;
}

/*
 * Sessions made as uid 0 of a user namespace that user 1000 made, mapped
 * (by root, as newuidmap would map /etc/subuid's range) to uids 200000 on:
 * *n sessions, then *err. 0 when it ran.
 */
static int userns_sessions(int *n, int *err)
{
	int up[2], down[2], st = -1, m, ok;
	char c = 0, path[64];
	const char map[] = "0 200000 10\n";
	pid_t p;

	if (pipe(up) || pipe(down))
		return -1;
	p = fork();
	if (p == 0) {
		uint32_t ids[8];
		int e = 0, k = 0, cfd;

		close(up[0]);
		close(down[1]);
		if (setresuid(1000, 1000, 1000) || unshare(CLONE_NEWUSER))
			_exit(255);
		if (write(up[1], "u", 1) != 1 || read(down[0], &c, 1) != 1 || c != 'm' ||
		    setresuid(0, 0, 0))
			_exit(254);
		cfd = open("/dev/crypto", O_RDWR);
		if (cfd < 0)
			_exit(253);
		k = make_sessions(cfd, CRYPTO_AES_CBC, 0, ids, 8, &e);
		_exit(k * 16 + (e == ENOMEM));
	}
	close(up[1]);
	close(down[0]);
	ok = p > 0 && read(up[0], &c, 1) == 1;
	if (ok) {
		snprintf(path, sizeof(path), "/proc/%d/uid_map", (int)p);
		m = open(path, O_WRONLY);
		ok = m >= 0 && write(m, map, strlen(map)) == (ssize_t)strlen(map);
		if (m >= 0)
			close(m);
	}
	if (write(down[1], ok ? "m" : "x", 1) != 1)
		ok = 0;
	close(up[0]);
	close(down[1]);
	if (p > 0)
		waitpid(p, &st, 0);
	if (!ok || !WIFEXITED(st) || WEXITSTATUS(st) >= 253) {
		ktap_print("user namespace child: %s, status %d", ok ? "ran" : "not mapped",
			   WIFEXITED(st) ? WEXITSTATUS(st) : -1);
		return -1;
	}
	*n = WEXITSTATUS(st) / 16;
	*err = WEXITSTATUS(st) % 16 ? ENOMEM : 0;
	return 0;
}

/*
 * max_user_memory: what one user's files may hold, so that one user cannot
 * take all of max_memory from the others, nor get round it with the uids
 * of a user namespace it made; CAP_SYS_RESOURCE is not bound by it.
 */
static void test_user_memory(void)
{
	unsigned char iv[16] = { 0 }, *buf = calloc(1, 65536);
	int a1, a2, b, r, na, na2, nb, nr, nd, ea, ea2, eb, er, ed, ez, ec;
	uint32_t ids[4][8], ses;
	struct stat st;
	char val[32];
	long m0, m1, u0, u1;

	if (stat("/dev/crypto", &st) || chmod("/dev/crypto", 0666) || !buf) {
		ktap_result(0, "max_user_memory: set up (%s)", strerror(errno));
		free(buf);
		return;
	}
	usleep(50000);	/* sessions freed before are kept 10 ms at most */
	m0 = cdev_stat_of(CDEV_STATS, "memory");
	u0 = cdev_stat_of(CDEV_STATS, "users");
	snprintf(val, sizeof(val), "%d", 3 * 4096 + 4000);
	set_param("max_user_memory", val);

	as_user(1000);
	a1 = open("/dev/crypto", O_RDWR);
	na = make_sessions(a1, CRYPTO_AES_CBC, 0, ids[0], 8, &ea);
	a2 = open("/dev/crypto", O_RDWR);
	na2 = make_sessions(a2, CRYPTO_AES_CBC, 0, ids[1], 1, &ea2);
	as_user(1001);
	b = open("/dev/crypto", O_RDWR);
	nb = make_sessions(b, CRYPTO_AES_CBC, 0, ids[2], 8, &eb);
	as_user(0);
	u1 = cdev_stat_of(CDEV_STATS, "users");
	r = open("/dev/crypto", O_RDWR);
	nr = make_sessions(r, CRYPTO_AES_CBC, 0, ids[3], 5, &er);
	ktap_result(a1 >= 0 && na == 3 && ea == ENOMEM,
		    "max_user_memory: room for 3 sessions makes 3, then ENOMEM (%d, err %d)",
		    na, ea);
	ktap_result(a2 >= 0 && na2 == 0 && ea2 == ENOMEM,
		    "max_user_memory: a second file of the same user is ENOMEM (%d, err %d)",
		    na2, ea2);
	ktap_result(b >= 0 && nb == 3 && eb == ENOMEM && u1 == u0 + 2,
		    "max_user_memory: another user still gets its own 3 (%d, err %d; users %ld, was %ld)",
		    nb, eb, u1, u0);
	ktap_result(r >= 0 && nr == 5,
		    "max_user_memory: CAP_SYS_RESOURCE is not bound by it (%d, err %d)", nr, er);
	nd = -1;
	ez = 0;
	ed = userns_sessions(&nd, &ez);
	ktap_result(!ed && nd == 0 && ez == ENOMEM,
		    "max_user_memory: uid 0 of a user namespace user 1000 made is user 1000 (%d, err %d)",
		    nd, ez);

	/* the data's buffer and pinned pages are charged too */
	ioctl(b, CIOCFSESSION, &ids[2][0]);
	ioctl(b, CIOCFSESSION, &ids[2][1]);
	usleep(50000);		/* the parked session freed */
	ses = ids[2][2];
	as_user(1001);		/* the caller's capabilities count */
	ec = cdev_op(b, CIOCCRYPT, ses, COP_ENCRYPT, COP_FLAG_NO_ZC, buf, buf, 65536, NULL, iv);
	ez = cdev_op(b, CIOCCRYPT, ses, COP_ENCRYPT, 0, buf, buf, 65536, NULL, iv);
	ed = cdev_op(b, CIOCCRYPT, ses, COP_ENCRYPT, COP_FLAG_NO_ZC, buf, buf, 4096, NULL, iv);
	as_user(0);
	ktap_result(ec == ENOMEM && ez == ENOMEM && !ed,
		    "max_user_memory: a 64 KiB copy and a 64 KiB pin are ENOMEM, 4 KiB works (%d, %d, %d)",
		    ec, ez, ed);
	/* left unfetched: given back when the file closes (the last check) */
	as_user(1001);
	ea = cdev_op(b, CIOCASYNCCRYPT, ses, COP_ENCRYPT, 0, buf, buf, 2048, NULL, iv);
	eb = cdev_op(b, CIOCASYNCCRYPT, ses, COP_ENCRYPT, 0, buf + 2048, buf + 2048, 2048,
		     NULL, iv);
	as_user(0);
	ktap_result(!ea && !eb, "max_user_memory: two 2 KiB async requests fit (%d, %d)", ea, eb);
	ed = cdev_op(r, CIOCCRYPT, ids[3][0], COP_ENCRYPT, COP_FLAG_NO_ZC, buf, buf, 65536,
		     NULL, iv);
	ez = cdev_op(r, CIOCCRYPT, ids[3][0], COP_ENCRYPT, 0, buf, buf, 65536, NULL, iv);
	ktap_result(!ed && !ez, "max_user_memory: not for CAP_SYS_RESOURCE (%d, %d)", ed, ez);

	close(a1);
	as_user(1000);
	nd = make_sessions(a2, CRYPTO_AES_CBC, 0, ids[1], 8, &ed);
	as_user(0);
	ktap_result(nd == 3 && ed == ENOMEM,
		    "max_user_memory: closing a file gives its user's memory back (%d, err %d)",
		    nd, ed);
	close(a2);
	close(b);
	close(r);
	set_param("max_user_memory", "67108864");
	chmod("/dev/crypto", st.st_mode & 07777);
	usleep(50000);
	m1 = cdev_stat_of(CDEV_STATS, "memory");
	u1 = cdev_stat_of(CDEV_STATS, "users");
	ktap_result(m1 == m0 && u1 == u0,
		    "max_user_memory: all given back, accounts gone (memory %ld, was %ld; users %ld, was %ld)",
		    m1, m0, u1, u0);
	free(buf);
}

/* The limits and switches of Documentation/cryptodev.md, each with its errno. */
static void test_limits(void)
{
	unsigned char key[16] = { 0 }, buf[65536] = { 0 }, iv[16] = { 0 }, out[4][16];
	uint32_t s[3], ses;
	struct crypt_driver_op dop;
	struct session2_op s2;
	struct crypt_kop k;
	int err, i, n, allhw, saved = fd;
	__u32 feat = 1;

	fd = open("/dev/crypto", O_RDWR);	/* a file with nothing in it yet */
	set_param("max_sessions", "2");
	s[0] = newses(CRYPTO_AES_CBC, key, 16, 0, NULL, 0, &err);
	s[1] = newses(CRYPTO_AES_CBC, key, 16, 0, NULL, 0, &err);
	s[2] = newses(CRYPTO_AES_CBC, key, 16, 0, NULL, 0, &err);
	ktap_result(s[0] && s[1] && !s[2] && err == ENOSPC,
		    "max_sessions=2: a third session is ENOSPC (err %d)", err);
	for (i = 0; i < 3; i++)
		if (s[i])
			ioctl(fd, CIOCFSESSION, &s[i]);
	set_param("max_sessions", "1024");
	err = set_param("max_request", "1073741825");
	ktap_result(err && !set_param("max_request", "1073741824") &&
		    !set_param("max_request", "16777216"),
		    "max_request: at most 1 GiB (the framework's lengths are ints)");

	set_param("async_depth", "2");
	ses = newses(CRYPTO_AES_CBC, key, 16, 0, NULL, 0, &err);
	for (i = 0, err = 0; i < 3 && !err; i++)
		err = cdev_op(fd, CIOCASYNCCRYPT, ses, COP_ENCRYPT, 0, buf, out[i], 16, NULL, iv);
	ktap_result(i == 3 && err == EBUSY, "async_depth=2: a third async request is EBUSY (err %d)", err);
	ktap_result(pollout_woken_by_fetch(fd), "poll(POLLOUT) on a full file wakes when a result is fetched");
	i--;
	for (n = 0; n < 200 && i > 1; n++) {	/* fetch the other */
		struct crypt_op c;

		memset(&c, 0, sizeof(c));
		if (!ioctl(fd, CIOCASYNCFETCH, &c))
			i--;
		else
			usleep(10000);
	}
	set_param("async_depth", "64");

	set_param("max_memory", "4096");
	err = docrypt(ses, COP_ENCRYPT, COP_FLAG_NO_ZC, buf, buf, sizeof(buf), NULL, iv);
	ktap_result(err == ENOMEM, "max_memory=4096: a 64 KiB copy is ENOMEM (err %d)", err);
	set_param("max_memory", "268435456");
	ioctl(fd, CIOCFSESSION, &ses);
	test_session_charge();
	test_user_memory();

	set_param("allow_asym", "0");
	memset(&k, 0, sizeof(k));
	k.crk_op = CRK_MOD_EXP;
	k.crk_iparams = 3;
	k.crk_oparams = 1;
	for (i = 0; i < 4; i++) {
		k.crk_param[i].crp_p = buf + 64 * i;
		k.crk_param[i].crp_nbits = 64;
	}
	buf[128] = 7;	/* an odd modulus */
	err = ioctl(fd, CIOCKEY, &k) ? errno : 0;
	ioctl(fd, CIOCASYMFEAT, &feat);
	ktap_result(err == EPERM && feat == 0,
		    "allow_asym=0: CIOCKEY is EPERM, CIOCASYMFEAT reports nothing (err %d, %#x)", err, feat);
	set_param("allow_asym", "1");
	buf[128] = 0;

	set_param("allow_soft", "0");
	newses(0, NULL, 0, CRYPTO_SHA2_256, NULL, 0, &err);
	memset(&s2, 0, sizeof(s2));
	s2.cipher = CRYPTO_AES_CBC;
	s2.key = key;
	s2.keylen = 16;
	s2.crid = CRYPTO_FLAG_SOFTWARE;
	n = ioctl(fd, CIOCGSESSION2, &s2) ? errno : 0;
	memset(&dop, 0, sizeof(dop));
	for (allhw = 1; !ioctl(fd, CIOCGETDRIVER, &dop); dop.index = dop.crid + 1)
		allhw &= !!(dop.flags & CRYPTO_FLAG_HARDWARE);
	ktap_result(err == EOPNOTSUPP && n == EPERM && allhw,
		    "allow_soft=0: a software-only hash is EOPNOTSUPP, crid SOFTWARE is EPERM, only hardware listed (%d, %d)",
		    err, n);
	set_param("allow_soft", "1");
	close(fd);
	fd = saved;
}

static void test_bad_input(void)
{
	unsigned char key[16] = { 0 }, buf[64] = { 0 }, iv[16] = { 0 }, mac[64];
	uint32_t ses, hses, bogus = 0x12345678;
	struct session_op s;
	void *ro;
	int err;

	ktap_expect_errno(ioctl(fd, _IOWR('c', 150, int), buf), ENOTTY, "unknown ioctl: ENOTTY");
	newses(9999, key, 16, 0, NULL, 0, &err);
	ktap_expect_errno(err ? -1 : 0, EINVAL, "unknown algorithm: EINVAL");
	newses(CRYPTO_SHA2_256, key, 16, 0, NULL, 0, &err);
	ktap_expect_errno(err ? -1 : 0, EINVAL, "a hash as cipher: EINVAL");
	newses(CRYPTO_AES_CBC, key, 15, 0, NULL, 0, &err);
	ktap_expect_errno(err ? -1 : 0, EINVAL, "AES key of 15 bytes: EINVAL");
	newses(CRYPTO_AES_CBC, key, 1000, 0, NULL, 0, &err);
	ktap_expect_errno(err ? -1 : 0, EINVAL, "key of 1000 bytes: EINVAL");
	newses(0, NULL, 0, CRYPTO_SHA2_256_HMAC, key, 100000, &err);
	ktap_expect_errno(err ? -1 : 0, EINVAL, "MAC key of 100000 bytes: EINVAL");
	newses(CRYPTO_AES_CBC, (unsigned char *)8, 16, 0, NULL, 0, &err);
	ktap_expect_errno(err ? -1 : 0, EFAULT, "wild key pointer: EFAULT");
	ktap_expect_errno(ioctl(fd, CIOCGSESSION, NULL), EFAULT, "NULL session_op: EFAULT");
	memset(&s, 0, sizeof(s));
	ktap_expect_errno(ioctl(fd, CIOCGSESSION, &s), EINVAL, "no algorithm at all: EINVAL");

	ses = newses(CRYPTO_AES_CBC, key, 16, 0, NULL, 0, &err);
	ktap_expect_errno(docrypt(ses, COP_ENCRYPT, 0, buf, buf, 15, NULL, iv) ? -1 : 0, EINVAL,
			  "length not a multiple of the block: EINVAL");
	errno = docrypt(ses, COP_ENCRYPT, 0, buf, buf, 0, NULL, iv);
	ktap_expect_errno(errno ? -1 : 0, EINVAL, "length 0 for a cipher: EINVAL");
	errno = docrypt(ses, COP_ENCRYPT, 0, buf, buf, 16, NULL, NULL);
	ktap_expect_errno(errno ? -1 : 0, EINVAL, "CBC without an IV: EINVAL");
	errno = docrypt(ses, COP_ENCRYPT, 0, buf, buf + 16, 32, NULL, iv);
	ktap_expect_errno(errno ? -1 : 0, EINVAL, "overlapping src and dst: EINVAL");
	errno = docrypt(ses, COP_ENCRYPT, 0, (void *)16, buf, 16, NULL, iv);
	ktap_expect_errno(errno ? -1 : 0, EFAULT, "wild src: EFAULT");
	errno = docrypt(ses, COP_ENCRYPT, 0, buf, (void *)16, 16, NULL, iv);
	ktap_expect_errno(errno ? -1 : 0, EFAULT, "wild dst: EFAULT");
	ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	errno = docrypt(ses, COP_ENCRYPT, 0, buf, ro, 16, NULL, iv);
	ktap_expect_errno(errno ? -1 : 0, EFAULT, "read-only mapping as dst: EFAULT");
	munmap(ro, 4096);
	errno = docrypt(ses, COP_ENCRYPT, 0, buf, buf, 0x7ffffff0, NULL, iv);
	ktap_expect_errno(errno ? -1 : 0, E2BIG, "2 GiB request: E2BIG");
	errno = docrypt(ses, 7, 0, buf, buf, 16, NULL, iv);
	ktap_expect_errno(errno ? -1 : 0, EINVAL, "op neither encrypt nor decrypt: EINVAL");
	errno = docrypt(ses, COP_ENCRYPT, COP_FLAG_UPDATE, buf, buf, 16, NULL, iv);
	ktap_expect_errno(errno ? -1 : 0, EINVAL, "COP_FLAG_UPDATE on a cipher session: EINVAL");
	errno = docrypt(ses, COP_ENCRYPT, 0x8000, buf, buf, 16, NULL, iv);
	ktap_expect_errno(errno ? -1 : 0, EINVAL, "unknown flag: EINVAL");
	errno = docrypt(bogus, COP_ENCRYPT, 0, buf, buf, 16, NULL, iv);
	ktap_expect_errno(errno ? -1 : 0, EINVAL, "unknown session id: EINVAL");
	ktap_result(!ioctl(fd, CIOCFSESSION, &ses), "CIOCFSESSION");
	errno = docrypt(ses, COP_ENCRYPT, 0, buf, buf, 16, NULL, iv);
	ktap_expect_errno(errno ? -1 : 0, EINVAL, "freed session: EINVAL");
	ktap_expect_errno(ioctl(fd, CIOCFSESSION, &ses), EINVAL, "freeing it twice: EINVAL");
	{
		uint32_t again = newses(CRYPTO_AES_CBC, key, 16, 0, NULL, 0, &err);

		ktap_result(again && again != ses,
			    "a new session does not get the id just freed (%u, then %u)", ses, again);
		errno = docrypt(ses, COP_ENCRYPT, 0, buf, buf, 16, NULL, iv);
		ktap_expect_errno(errno ? -1 : 0, EINVAL, "the freed id stays EINVAL after it");
		ioctl(fd, CIOCFSESSION, &again);
	}

	hses = newses(0, NULL, 0, CRYPTO_SHA2_256, NULL, 0, &err);
	errno = docrypt(hses, COP_ENCRYPT, COP_FLAG_UPDATE | COP_FLAG_FINAL, buf, NULL, 16, mac, NULL);
	ktap_expect_errno(errno ? -1 : 0, EINVAL, "UPDATE and FINAL together: EINVAL");
	errno = docrypt(hses, COP_ENCRYPT, 0, buf, NULL, 16, (void *)16, NULL);
	ktap_expect_errno(errno ? -1 : 0, EFAULT, "wild mac pointer: EFAULT");
	{
		int fd2 = open("/dev/crypto", O_RDWR);

		errno = 0;
		if (fd2 >= 0) {
			struct crypt_op c;

			memset(&c, 0, sizeof(c));
			c.ses = hses;
			c.len = 16;
			c.src = buf;
			c.mac = mac;
			ktap_expect_errno(ioctl(fd2, CIOCCRYPT, &c), EINVAL,
					  "a session of another open file: EINVAL");
			close(fd2);
		} else {
			ktap_result(0, "second open failed: %s", strerror(errno));
		}
	}
	ioctl(fd, CIOCFSESSION, &hses);
}

static void test_crioget(void)
{
	unsigned char mac[32];
	uint32_t ses;
	__u32 nfd = 0;
	int err, saved = fd;

	ses = newses(0, NULL, 0, CRYPTO_SHA2_256, NULL, 0, &err);
	err = ioctl(fd, CRIOGET, &nfd) ? errno : 0;
	ktap_result(!err && (int)nfd > 2 && (int)nfd != fd, "CRIOGET gives a new descriptor %u", nfd);
	fd = nfd;
	err = docrypt(ses, COP_ENCRYPT, 0, "abc", NULL, 3, mac, NULL);
	ktap_result(!err && eq(mac, sha256_abc), "it shares the sessions of the file (err %d)", err);
	close(nfd);
	fd = saved;
	ioctl(fd, CIOCFSESSION, &ses);
}

/* Reap @pid within @ms milliseconds: 1 if it was, 0 if it is still there. */
static int reaped_within(pid_t pid, int ms)
{
	int i;

	for (i = 0; i < ms / 10; i++) {
		if (waitpid(pid, NULL, WNOHANG) == pid)
			return 1;
		usleep(10000);
	}
	return 0;
}

/* Wait up to @ms milliseconds for @pid to sleep in a function named *@fn*. */
static int sleeps_in(pid_t pid, const char *fn, int ms, char *seen, size_t seenlen)
{
	char path[64];
	int i, n;

	snprintf(path, sizeof(path), "/proc/%d/wchan", (int)pid);
	for (i = 0; i < ms / 10; i++) {
		int wfd = open(path, O_RDONLY);

		n = wfd >= 0 ? read(wfd, seen, seenlen - 1) : -1;
		if (wfd >= 0)
			close(wfd);
		seen[n > 0 ? n : 0] = 0;
		if (strstr(seen, fn))
			return 1;
		usleep(10000);
	}
	return 0;
}

/* Wait up to @ms milliseconds for @pid to be in state @state (/proc stat). */
static int in_state(pid_t pid, char state, int ms)
{
	char path[64], buf[256], *c;
	int i, n;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	for (i = 0; i < ms / 10; i++) {
		int sfd = open(path, O_RDONLY);

		n = sfd >= 0 ? read(sfd, buf, sizeof(buf) - 1) : -1;
		if (sfd >= 0)
			close(sfd);
		buf[n > 0 ? n : 0] = 0;
		c = strrchr(buf, ')');		/* "pid (comm) S ..." */
		if (c && c[1] == ' ' && c[2] == state)
			return 1;
		usleep(10000);
	}
	return 0;
}

/*
 * A hash session's lock is held while its holder copies the caller's data,
 * which can wait for ever (userfaultfd, FUSE): a process waiting for the
 * lock must still die when killed. Child A hashes from a page of its own
 * userfaultfd that nobody serves, and blocks holding the lock; child B
 * (same open file, same session) waits for the lock; B is killed and must
 * go at once, then A. The session works after.
 */
static void test_hash_lock_killable(void)
{
	const char *what = "a process waiting for a hash session held by a stuck holder dies when killed";
	unsigned char mac[32];
	int err, sync_pipe[2], b_alive, b_gone;
	char wa[64] = "";
	pid_t a, b;
	uint32_t ses;

	ses = newses(0, NULL, 0, CRYPTO_SHA2_256, NULL, 0, &err);
	if (err || pipe(sync_pipe)) {
		ktap_result(0, "%s (session: %d)", what, err);
		return;
	}
	a = fork();
	if (a == 0) {
		struct uffdio_api api = { .api = UFFD_API };
		struct uffdio_register reg;
		long page = sysconf(_SC_PAGESIZE);
		char *p = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			       -1, 0);
		int uffd = syscall(SYS_userfaultfd, O_CLOEXEC);
		char st = 'n';

		memset(&reg, 0, sizeof(reg));
		reg.range.start = (uintptr_t)p;
		reg.range.len = page;
		reg.mode = UFFDIO_REGISTER_MODE_MISSING;
		if (p != MAP_FAILED && uffd >= 0 && !ioctl(uffd, UFFDIO_API, &api) &&
		    !ioctl(uffd, UFFDIO_REGISTER, &reg))
			st = 'y';
		if (write(sync_pipe[1], &st, 1) != 1 || st != 'y')
			_exit(1);
		docrypt(ses, COP_ENCRYPT, COP_FLAG_UPDATE, p, NULL, 64, NULL, NULL);
		_exit(0);	/* never: the page is never served */
	}
	close(sync_pipe[1]);
	{
		char st = 0;

		if (a < 0 || read(sync_pipe[0], &st, 1) != 1 || st != 'y') {
			close(sync_pipe[0]);
			if (a > 0)
				waitpid(a, NULL, 0);
			ktap_skip_test("%s: no userfaultfd here", what);
			ioctl(fd, CIOCFSESSION, &ses);
			return;
		}
		close(sync_pipe[0]);
	}
	/* A in its fault, the lock held; then B waiting for the lock */
	if (!sleeps_in(a, "userfault", 5000, wa, sizeof(wa)))
		ktap_print("the holder sleeps in \"%s\", not in a userfault", wa);
	b = fork();
	if (b == 0) {
		docrypt(ses, COP_ENCRYPT, 0, "abc", NULL, 3, mac, NULL);
		_exit(0);
	}
	b_alive = b > 0 && in_state(b, 'D', 5000);	/* in the lock's killable wait */
	if (b > 0)
		kill(b, SIGKILL);
	b_gone = b > 0 && reaped_within(b, 5000);
	kill(a, SIGKILL);
	if (!reaped_within(a, 5000))
		ktap_print("the holder did not go when killed");
	if (b > 0 && !b_gone)
		waitpid(b, NULL, 0);	/* it goes with the holder */
	err = docrypt(ses, COP_ENCRYPT, 0, "abc", NULL, 3, mac, NULL);
	ktap_result(b_alive && b_gone && !err && eq(mac, sha256_abc),
		    "%s (waiting %d, gone %d; the session after: err %d)", what, b_alive, b_gone,
		    err);
	ioctl(fd, CIOCFSESSION, &ses);
}

int main(void)
{
	__u32 feat = 0xdeadbeef;
	int err;

	ktap_plan(121);
	fd = open("/dev/crypto", O_RDWR);
	if (!ktap_result(fd >= 0, "open /dev/crypto")) {
		ktap_print("%s", strerror(errno));
		return ktap_finish();
	}
	test_abi();
	test_cbc();
	test_ctr_ecb();
	test_hash();
	test_hash_lock_killable();
	test_keyless_reuse();
	test_mac_reuse();
	test_cipher_reuse();
	test_gcm();
	test_info_and_drivers();
	test_crioget();
	test_async();
	test_zero_copy();
	test_limits();
	test_bad_input();
	err = ioctl(fd, CIOCASYMFEAT, &feat);
	ktap_result(!err && feat != 0xdeadbeef && !(feat & ~0x1fu),
		    "CIOCASYMFEAT answers with CRF_* bits only (%#x)", feat);
	ktap_result(close(fd) == 0, "close with async requests in flight and unfetched");
	return ktap_finish();
}
