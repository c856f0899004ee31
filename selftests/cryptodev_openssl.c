// SPDX-License-Identifier: GPL-2.0-only
/*
 * Every algorithm /dev/crypto offers that OpenSSL also has, compared with
 * OpenSSL's libcrypto (linked statically into this test) on random keys,
 * IVs and data of many sizes, on the driver the device chooses: one KTAP
 * line per algorithm, through tools/cryptocheck/check.c (which
 * tools/cryptocheck runs on every driver). Then what only this test covers:
 * the TLS and SRTP composite modes and DEFLATE.
 */
#include <fcntl.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <zlib.h>

#include <crypto/cryptodev.h>

#include "check.h"
#include "cryptodev_util.h"
#include "ktap.h"

static int fd;
static char why[256];

#define MAXLEN CC_MAXLEN
static unsigned char *in, *out, *ref, *back;

static const unsigned int sizes[] = { 0, 1, 15, 16, 17, 64, 4099, 65536 + 3, MAXLEN };

/* DEFLATE: a round trip, and what we compress is raw deflate zlib reads. */
static void test_deflate(void)
{
	unsigned int sizes2[] = { 1, 100, 4099, 65536 };
	struct session_op s;
	struct crypt_op c;
	unsigned int i, k;
	z_stream z;
	int ok = 1, err = 0;

	memset(&s, 0, sizeof(s));
	s.compr = CRYPTO_DEFLATE_COMP;
	if (ioctl(fd, CIOCGSESSION, &s)) {
		snprintf(why, sizeof(why), "CIOCGSESSION: %s", strerror(errno));
		ok = 0;
	}
	for (i = 0; ok && i < sizeof(sizes2) / sizeof(sizes2[0]); i++) {
		for (k = 0; k < sizes2[i]; k++)	/* compressible, not trivially */
			in[k] = "opencrypto"[k % 10] ^ (k / 97);
		memset(&c, 0, sizeof(c));
		c.ses = s.ses;
		c.op = COP_ENCRYPT;
		c.len = sizes2[i];
		c.src = in;
		c.dst = out;
		c.dlen = sizes2[i] + 1024;
		err = ioctl(fd, CIOCCRYPT, &c) ? errno : 0;
		if (!err) {
			memset(&z, 0, sizeof(z));
			inflateInit2(&z, -15);
			z.next_in = out;
			z.avail_in = c.dlen;
			z.next_out = ref;
			z.avail_out = MAXLEN;
			ok = inflate(&z, Z_FINISH) == Z_STREAM_END && z.total_out == sizes2[i] &&
			     !memcmp(ref, in, sizes2[i]);
			inflateEnd(&z);
			if (!ok)
				snprintf(why, sizeof(why), "zlib cannot read what we made of %u bytes",
					 sizes2[i]);
		}
		if (ok && !err) {
			unsigned int clen = c.dlen;

			c.op = COP_DECRYPT;
			c.len = clen;
			c.src = out;
			c.dst = back;
			c.dlen = sizes2[i] + 16;
			err = ioctl(fd, CIOCCRYPT, &c) ? errno : 0;
			ok = !err && c.dlen == sizes2[i] && !memcmp(back, in, sizes2[i]);
			if (!ok)
				snprintf(why, sizeof(why), "decompress %u: %s", sizes2[i],
					 err ? strerror(err) : "not the original");
		}
		if (err) {
			snprintf(why, sizeof(why), "%u bytes: %s", sizes2[i], strerror(err));
			ok = 0;
		}
	}
	if (!ktap_result(ok, "DEFLATE through CIOCCRYPT: zlib reads it, and it comes back"))
		ktap_print("  %s", why);
	memset(&c, 0, sizeof(c));
	c.ses = s.ses;
	c.op = COP_ENCRYPT;
	c.len = 65536;
	c.src = in;
	c.dst = out;
	c.dlen = 8;
	RAND_bytes(in, 65536);
	ktap_expect_errno(ioctl(fd, CIOCCRYPT, &c), ENOSPC,
			  "DEFLATE: output larger than dlen is ENOSPC");
	/*
	 * 4096 zeros compress to a few bytes; decompressed into that much
	 * room they do not fit. 7.2's deflate says so (ENOSPC), which the
	 * driver once took for a full queue and retried for ever.
	 */
	memset(in, 0, 4096);
	c.len = 4096;
	c.dlen = 4096;
	ok = !ioctl(fd, CIOCCRYPT, &c) && c.dlen < 64;
	c.op = COP_DECRYPT;
	c.len = c.dlen;
	c.src = out;
	c.dst = back;
	ktap_expect_errno(ok ? ioctl(fd, CIOCCRYPT, &c) : 0, EINVAL,
			  "DEFLATE: decompressed output larger than dlen is EINVAL, on every kernel");
	c.op = COP_ENCRYPT;
	c.src = in;
	c.dst = out;
	c.len = 4096;
	c.dlen = 8192;
	c.flags = COP_FLAG_UPDATE;
	ktap_expect_errno(ioctl(fd, CIOCCRYPT, &c), EINVAL,
			  "DEFLATE with COP_FLAG_UPDATE (a hash's flag): EINVAL");
	ioctl(fd, CIOCFSESSION, &s.ses);
}

static uint32_t session2(int cipher, const unsigned char *key, int klen, int mac,
			 const unsigned char *mkey, int mklen)
{
	int err;

	return cdev_session(fd, cipher, key, klen, mac, mkey, mklen, &err);
}

static int auth(struct crypt_auth_op *op)
{
	return ioctl(fd, CIOCAUTHCRYPT, op) ? errno : 0;
}

/* TLS (MAC-then-encrypt, TLS padding) against OpenSSL's pieces. */
static void test_tls(void)
{
	static const char *const hashes[] = { "SHA1", "SHA256" };
	static const int macs[] = { CRYPTO_SHA1_HMAC, CRYPTO_SHA2_256_HMAC };
	static const unsigned int lens[] = { 0, 1, 15, 16, 100, 4096 };
	unsigned char key[16], mkey[32], iv[16], hdr[13], rec[4096 + 64], md[64];
	unsigned int h, i, len, mdlen, pad, rlen;
	struct crypt_auth_op op;
	int ok = 1, bad_mac = 1, bad_pad = 1, err;
	uint32_t ses;

	for (h = 0; h < 2 && ok; h++) {
		RAND_bytes(key, 16);
		RAND_bytes(mkey, 32);
		ses = session2(CRYPTO_AES_CBC, key, 16, macs[h], mkey, 32);
		ok = ses != 0;
		for (i = 0; ok && i < sizeof(lens) / sizeof(lens[0]); i++) {
			len = lens[i];
			RAND_bytes(in, len);
			RAND_bytes(iv, 16);
			RAND_bytes(hdr, 13);
			/* OpenSSL: HMAC(hdr || data), pad, AES-CBC */
			memcpy(rec, hdr, 13);
			memcpy(rec + 13, in, len);
			HMAC(EVP_get_digestbyname(hashes[h]), mkey, 32, rec, 13 + len, md, &mdlen);
			memcpy(ref, in, len);
			memcpy(ref + len, md, mdlen);
			pad = 16 - (len + mdlen) % 16;
			memset(ref + len + mdlen, pad - 1, pad);
			rlen = len + mdlen + pad;
			ok = cc_ref_cipher(cc_find("aes-128-cbc"), 1, key, iv, ref, rec, rlen);
			memset(&op, 0, sizeof(op));
			op.ses = ses;
			op.op = COP_ENCRYPT;
			op.flags = COP_FLAG_AEAD_TLS_TYPE;
			op.len = len;
			op.auth_len = 13;
			op.auth_src = hdr;
			op.src = in;
			op.dst = out;
			op.iv = iv;
			op.iv_len = 16;
			err = auth(&op);
			if (err || op.len != rlen || memcmp(out, rec, rlen)) {
				snprintf(why, sizeof(why), "%s encrypt %u: %s (len %u, want %u)", hashes[h],
					 len, err ? strerror(err) : "differs", op.len, rlen);
				ok = 0;
				break;
			}
			op.op = COP_DECRYPT;
			op.src = out;
			op.dst = back;
			op.len = rlen;
			err = auth(&op);
			if (err || op.len != len || memcmp(back, in, len)) {
				snprintf(why, sizeof(why), "%s decrypt %u: %s", hashes[h], len,
					 err ? strerror(err) : "not the plaintext");
				ok = 0;
				break;
			}
			/* a flipped bit in the MAC, then a bad padding byte */
			memcpy(ref + len, md, mdlen);
			ref[len] ^= 1;
			cc_ref_cipher(cc_find("aes-128-cbc"), 1, key, iv, ref, out, rlen);
			op.len = rlen;
			bad_mac &= auth(&op) == EBADMSG;
			ref[len] ^= 1;
			if (pad > 1) {
				ref[rlen - 2] ^= 1;
				cc_ref_cipher(cc_find("aes-128-cbc"), 1, key, iv, ref, out, rlen);
				op.len = rlen;
				bad_pad &= auth(&op) == EBADMSG;
			}
		}
		ioctl(fd, CIOCFSESSION, &ses);
	}
	if (!ktap_result(ok, "TLS mode (AES-CBC + HMAC-SHA1/SHA256) matches OpenSSL both ways"))
		ktap_print("  %s", why);
	ktap_result(bad_mac, "TLS mode: a bad MAC is EBADMSG");
	ktap_result(bad_pad, "TLS mode: a bad padding is EBADMSG too");

	/* a block cipher with an IV, but not CBC: TLS mode refuses it */
	ses = session2(CRYPTO_AES_XTS, (unsigned char[32]){ 1, 2, 3 }, 32, CRYPTO_SHA2_256_HMAC,
		       mkey, 32);
	memset(&op, 0, sizeof(op));
	op.ses = ses;
	op.op = COP_ENCRYPT;
	op.flags = COP_FLAG_AEAD_TLS_TYPE;
	op.len = 32;
	op.auth_len = 13;
	op.auth_src = hdr;
	op.src = in;
	op.dst = out;
	op.iv = iv;
	op.iv_len = 16;
	err = ses ? auth(&op) : -1;
	ktap_result(err == EINVAL, "TLS mode on AES-XTS + HMAC-SHA256: EINVAL (%d)", err);
	ioctl(fd, CIOCFSESSION, &ses);

	/*
	 * A MAC with a nonce (GMAC): refused, both ways; decryption once
	 * failed only when the padding was good (EINVAL; EBADMSG when not)
	 */
	ses = session2(CRYPTO_AES_CBC, key, 16, CRYPTO_AES_128_NIST_GMAC, mkey, 16);
	op.ses = ses;
	err = ses ? auth(&op) : -1;
	op.op = COP_DECRYPT;
	op.src = out;
	op.dst = back;
	op.len = 64;
	i = ses ? auth(&op) : -1;
	ktap_result(err == EINVAL && i == EINVAL,
		    "TLS mode on AES-CBC + AES-GMAC: EINVAL both ways (%d, %d)", err, (int)i);
	ioctl(fd, CIOCFSESSION, &ses);
}

/* SRTP: AES-CTR over the payload, HMAC-SHA1 over the packet, 10-byte tag */
static void test_srtp(void)
{
	unsigned char key[16], mkey[20], iv[16], pkt[1500], exp[1500], tag[10], md[20];
	struct crypt_auth_op op;
	unsigned int mdlen;
	int ok, err;
	uint32_t ses;

	RAND_bytes(key, 16);
	RAND_bytes(mkey, 20);
	RAND_bytes(iv, 16);
	RAND_bytes(pkt, sizeof(pkt));
	ses = session2(CRYPTO_AES_CTR, key, 16, CRYPTO_SHA1_HMAC, mkey, 20);
	memcpy(exp, pkt, 12);
	cc_ref_cipher(cc_find("aes-128-ctr"), 1, key, iv, pkt + 12, exp + 12, 1000);
	memcpy(exp + 1012, pkt + 1012, 4);	/* trailer: authenticated only */
	HMAC(EVP_sha1(), mkey, 20, exp, 1016, md, &mdlen);
	memset(&op, 0, sizeof(op));
	op.ses = ses;
	op.op = COP_ENCRYPT;
	op.flags = COP_FLAG_AEAD_SRTP_TYPE;
	op.auth_src = pkt;
	op.auth_len = 1016;
	op.src = pkt + 12;
	op.dst = pkt + 12;
	op.len = 1000;
	op.tag = tag;
	op.tag_len = 10;
	op.iv = iv;
	op.iv_len = 16;
	err = ses ? auth(&op) : ENOENT;
	ok = !err && !memcmp(pkt, exp, 1016) && !memcmp(tag, md, 10);
	ktap_result(ok, "SRTP mode (AES-CTR + HMAC-SHA1, 10-byte tag) matches OpenSSL (err %d)", err);
	op.op = COP_DECRYPT;
	tag[0] ^= 1;
	err = auth(&op);
	ktap_result(err == EBADMSG && !memcmp(pkt, exp, 1016),
		    "SRTP mode: a bad tag is EBADMSG and the packet is left alone");
	tag[0] ^= 1;
	err = auth(&op);
	cc_ref_cipher(cc_find("aes-128-ctr"), 0, key, iv, exp + 12, exp + 12, 1000);
	ktap_result(!err && !memcmp(pkt, exp, 1016), "SRTP mode decrypts in place (err %d)", err);
	op.dst = back;
	ktap_result(auth(&op) == EINVAL, "SRTP mode out of place: EINVAL");
	ioctl(fd, CIOCFSESSION, &ses);
}

/* Set /dev/crypto's max_request; returns the value it had, or -1. */
static long max_request(long v)
{
	const char *p = "/sys/module/cryptodev/parameters/max_request";
	long old = -1;
	FILE *f = fopen(p, "r");

	if (f) {
		if (fscanf(f, "%ld", &old) != 1)
			old = -1;
		fclose(f);
	}
	f = fopen(p, "w");
	if (!f)
		return -1;
	fprintf(f, "%ld\n", v);
	return fclose(f) ? -1 : old;
}

/*
 * A multi-call hash longer than max_request: the driver hashes it in parts
 * (CRD_F_MAC_MORE/CONT) instead of E2BIG. SHA-256 and HMAC-SHA256 of 1 MiB
 * in 8 KiB updates (and a last part) with max_request at 64 KiB, against
 * OpenSSL; CIOCCPHASH of such a hash is E2BIG, a one-shot past it too.
 */
static void test_hash_stream(void)
{
	const unsigned int len = 1 << 20, step = 8192, last = 1000;
	static const unsigned char key[20] = "0123456789abcdefghij";
	unsigned char md[64], want[64];
	unsigned int i, n, mdlen;
	long old = max_request(65536);
	uint32_t ses, other;
	struct cphash_op cp;
	int k, err;

	RAND_bytes(in, len);
	for (k = 0; k < 2; k++) {
		const char *name = k ? "HMAC-SHA256" : "SHA-256";

		err = old < 0 ? errno : 0;
		ses = k ? session2(0, NULL, 0, CRYPTO_SHA2_256_HMAC, key, sizeof(key)) :
			  session2(0, NULL, 0, CRYPTO_SHA2_256, NULL, 0);
		for (i = 0; !err && ses && i + last < len; i += step) {
			n = i + step + last <= len ? step : len - last - i;
			err = cdev_op(fd, CIOCCRYPT, ses, COP_ENCRYPT, COP_FLAG_UPDATE,
				      in + i, NULL, n, NULL, NULL);
		}
		if (!k && !err && ses) {
			other = session2(0, NULL, 0, CRYPTO_SHA2_256, NULL, 0);
			cp.src_ses = ses;
			cp.dst_ses = other;
			ktap_expect_errno(ioctl(fd, CIOCCPHASH, &cp), E2BIG,
					  "CIOCCPHASH of a multi-call hash past max_request is E2BIG");
			ktap_expect_errno(cdev_op(fd, CIOCCRYPT, other, COP_ENCRYPT, 0, in, NULL,
						  65537, md, NULL) ? (errno = E2BIG, -1) : 0,
					  E2BIG, "a one-shot hash past max_request is still E2BIG");
			ioctl(fd, CIOCFSESSION, &other);
		}
		memset(md, 0, sizeof(md));
		if (!err && ses)
			err = cdev_op(fd, CIOCCRYPT, ses, COP_ENCRYPT, COP_FLAG_FINAL,
				      in + len - last, NULL, last, md, NULL);
		if (k)
			HMAC(EVP_sha256(), key, sizeof(key), in, len, want, &mdlen);
		else
			EVP_Digest(in, len, want, &mdlen, EVP_sha256(), NULL);
		if (!ktap_result(ses && !err && !memcmp(md, want, 32),
				 "%s of 1 MiB in 8 KiB updates past max_request (64 KiB) matches OpenSSL",
				 name))
			ktap_print("  session %u, error %s", ses, strerror(err));
		if (ses)
			ioctl(fd, CIOCFSESSION, &ses);
	}
	if (old >= 0)
		max_request(old);
}

int main(void)
{
	unsigned int i;
	int ok;

	ktap_plan(cc_nalgs + 17);
	in = malloc(MAXLEN + 64);
	out = malloc(MAXLEN + 64);
	ref = malloc(MAXLEN + 64);
	back = malloc(MAXLEN + 64);
	fd = open("/dev/crypto", O_RDWR);
	for (i = 0; i < cc_nalgs; i++) {
		const struct cc_alg *a = &cc_algs[i];

		ok = fd >= 0 && cc_check(fd, a, -1, sizes, sizeof(sizes) / sizeof(sizes[0]), 0,
					 why, sizeof(why)) > 0;
		if (!ktap_result(ok, "%s matches OpenSSL", a->name))
			ktap_print("  %s", fd < 0 ? strerror(errno) : why);
	}
	test_tls();
	test_srtp();
	test_deflate();
	test_hash_stream();
	return ktap_finish();
}
