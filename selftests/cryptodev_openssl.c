// SPDX-License-Identifier: GPL-2.0-only
/*
 * Every algorithm /dev/crypto offers that OpenSSL also has, compared with
 * OpenSSL's libcrypto (linked statically into this test) on random keys,
 * IVs and data of many sizes: ciphers both ways, hashes one-shot and
 * multi-call, HMACs, AEADs with and without associated data. One KTAP line
 * per algorithm. The legacy ciphers (DES, Blowfish, CAST5) come from
 * libcrypto's low-level functions, which need no provider.
 */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <fcntl.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <openssl/blowfish.h>
#include <openssl/cast.h>
#include <openssl/des.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/rc4.h>
#include <zlib.h>

#include <crypto/cryptodev.h>

#include "cryptodev_util.h"
#include "ktap.h"

static int fd;
static char why[256];

#define MAXLEN (1 << 20)
static unsigned char *in, *out, *ref, *back;

enum kind { CIPHER, HASH, HMAC_, AEAD, GMAC, EVPMAC };

struct alg {
	const char *name;
	enum kind kind;
	int id;
	const char *evp;	/* OpenSSL name; NULL: a low-level cipher */
	int klen, ivlen, blk;
};

static const struct alg algs[] = {
	{ "aes-128-cbc", CIPHER, CRYPTO_AES_CBC, "AES-128-CBC", 16, 16, 16 },
	{ "aes-192-cbc", CIPHER, CRYPTO_AES_CBC, "AES-192-CBC", 24, 16, 16 },
	{ "aes-256-cbc", CIPHER, CRYPTO_AES_CBC, "AES-256-CBC", 32, 16, 16 },
	{ "aes-128-ctr", CIPHER, CRYPTO_AES_CTR, "AES-128-CTR", 16, 16, 1 },
	{ "aes-256-ctr", CIPHER, CRYPTO_AES_CTR, "AES-256-CTR", 32, 16, 1 },
	{ "aes-128-ecb", CIPHER, CRYPTO_AES_ECB, "AES-128-ECB", 16, 0, 16 },
	{ "aes-256-ecb", CIPHER, CRYPTO_AES_ECB, "AES-256-ECB", 32, 0, 16 },
	{ "aes-128-xts", CIPHER, CRYPTO_AES_XTS, "AES-128-XTS", 32, 16, 16 },
	{ "aes-256-xts", CIPHER, CRYPTO_AES_XTS, "AES-256-XTS", 64, 16, 16 },
	{ "des-ede3-cbc", CIPHER, CRYPTO_3DES_CBC, "DES-EDE3-CBC", 24, 8, 8 },
	{ "camellia-128-cbc", CIPHER, CRYPTO_CAMELLIA_CBC, "CAMELLIA-128-CBC", 16, 16, 16 },
	{ "camellia-256-cbc", CIPHER, CRYPTO_CAMELLIA_CBC, "CAMELLIA-256-CBC", 32, 16, 16 },
	{ "chacha20", CIPHER, CRYPTO_CHACHA20, "ChaCha20", 32, 16, 1 },
	{ "des-cbc", CIPHER, CRYPTO_DES_CBC, NULL, 8, 8, 8 },
	{ "bf-cbc", CIPHER, CRYPTO_BLF_CBC, NULL, 16, 8, 8 },
	{ "cast5-cbc", CIPHER, CRYPTO_CAST_CBC, NULL, 16, 8, 8 },
	{ "rc4", CIPHER, CRYPTO_ARC4, NULL, 16, 0, 1 },
	{ "md5", HASH, CRYPTO_MD5, "MD5", 0, 0, 0 },
	{ "sha1", HASH, CRYPTO_SHA1, "SHA1", 0, 0, 0 },
	{ "sha224", HASH, CRYPTO_SHA2_224, "SHA224", 0, 0, 0 },
	{ "sha256", HASH, CRYPTO_SHA2_256, "SHA256", 0, 0, 0 },
	{ "sha384", HASH, CRYPTO_SHA2_384, "SHA384", 0, 0, 0 },
	{ "sha512", HASH, CRYPTO_SHA2_512, "SHA512", 0, 0, 0 },
	{ "ripemd160", HASH, CRYPTO_RIPEMD160, "RIPEMD160", 0, 0, 0 },
	{ "blake2s256", HASH, CRYPTO_BLAKE2S, "BLAKE2S-256", 0, 0, 0 },
	{ "blake2b512", HASH, CRYPTO_BLAKE2B, "BLAKE2B-512", 0, 0, 0 },
	{ "hmac-md5", HMAC_, CRYPTO_MD5_HMAC, "MD5", 16, 0, 0 },
	{ "hmac-sha1", HMAC_, CRYPTO_SHA1_HMAC, "SHA1", 20, 0, 0 },
	{ "hmac-sha224", HMAC_, CRYPTO_SHA2_224_HMAC, "SHA224", 28, 0, 0 },
	{ "hmac-sha256", HMAC_, CRYPTO_SHA2_256_HMAC, "SHA256", 32, 0, 0 },
	{ "hmac-sha384", HMAC_, CRYPTO_SHA2_384_HMAC, "SHA384", 100, 0, 0 },
	{ "hmac-sha512", HMAC_, CRYPTO_SHA2_512_HMAC, "SHA512", 200, 0, 0 },
	{ "hmac-ripemd160", HMAC_, CRYPTO_RIPEMD160_HMAC, "RIPEMD160", 20, 0, 0 },
	{ "poly1305", EVPMAC, CRYPTO_POLY1305, "POLY1305", 32, 0, 0 },
	{ "aes-128-gmac", GMAC, CRYPTO_AES_NIST_GMAC, "AES-128-GCM", 16, 12, 1 },
	{ "aes-256-gmac", GMAC, CRYPTO_AES_256_NIST_GMAC, "AES-256-GCM", 32, 12, 1 },
	{ "aes-128-ccm-cbc-mac", GMAC, CRYPTO_AES_CCM_CBC_MAC, "AES-128-CCM", 16, 12, 1 },
	{ "aes-128-gcm", AEAD, CRYPTO_AES_GCM, "AES-128-GCM", 16, 12, 1 },
	{ "aes-256-gcm", AEAD, CRYPTO_AES_GCM, "AES-256-GCM", 32, 12, 1 },
	{ "aes-128-ccm", AEAD, CRYPTO_AES_CCM_16, "AES-128-CCM", 16, 12, 1 },
	{ "chacha20-poly1305", AEAD, CRYPTO_CHACHA20_POLY1305, "ChaCha20-Poly1305", 32, 12, 1 },
};

static const unsigned int sizes[] = { 0, 1, 15, 16, 17, 64, 4099, 65536 + 3, MAXLEN };

static uint32_t session(const struct alg *a, const unsigned char *key)
{
	struct session_op s;

	memset(&s, 0, sizeof(s));
	if (a->kind == CIPHER || a->kind == AEAD) {
		s.cipher = a->id;
		s.key = (unsigned char *)key;
		s.keylen = a->klen;
	} else {
		s.mac = a->id;
		s.mackey = (unsigned char *)key;
		s.mackeylen = a->klen;
	}
	if (ioctl(fd, CIOCGSESSION, &s)) {
		snprintf(why, sizeof(why), "CIOCGSESSION: %s", strerror(errno));
		return 0;
	}
	return s.ses;
}

/* OpenSSL's answer for a cipher. */
static int ref_cipher(const struct alg *a, int enc, const unsigned char *key,
		      const unsigned char *iv, const unsigned char *src,
		      unsigned char *dst, unsigned int len)
{
	unsigned char ivc[16];
	EVP_CIPHER_CTX *c;
	int n1 = 0, n2 = 0, ok;

	if (!a->evp) {
		memcpy(ivc, iv, a->ivlen);
		if (a->id == CRYPTO_DES_CBC) {
			DES_key_schedule ks;

			DES_set_key_unchecked((const_DES_cblock *)key, &ks);
			DES_ncbc_encrypt(src, dst, len, &ks, (DES_cblock *)ivc, enc);
		} else if (a->id == CRYPTO_ARC4) {
			RC4_KEY k;

			RC4_set_key(&k, a->klen, key);
			RC4(&k, len, src, dst);
		} else if (a->id == CRYPTO_BLF_CBC) {
			BF_KEY k;

			BF_set_key(&k, a->klen, key);
			BF_cbc_encrypt(src, dst, len, &k, ivc, enc);
		} else {
			CAST_KEY k;

			CAST_set_key(&k, a->klen, key);
			CAST_cbc_encrypt(src, dst, len, &k, ivc, enc);
		}
		return 1;
	}
	c = EVP_CIPHER_CTX_new();
	ok = EVP_CipherInit_ex(c, EVP_get_cipherbyname(a->evp), NULL, key,
			       a->ivlen ? iv : NULL, enc) &&
	     EVP_CIPHER_CTX_set_padding(c, 0) &&
	     EVP_CipherUpdate(c, dst, &n1, src, len) &&
	     EVP_CipherFinal_ex(c, dst + n1, &n2) && n1 + n2 == (int)len;
	EVP_CIPHER_CTX_free(c);
	return ok;
}

static int dev_crypt(uint32_t ses, int op, int flags, const void *src, void *dst,
		     unsigned int len, void *mac, void *iv)
{
	return cdev_op(fd, CIOCCRYPT, ses, op, flags, src, dst, len, mac, iv);
}

static int valid_len(const struct alg *a, unsigned int len)
{
	if (a->kind != CIPHER)
		return 1;
	if (!len)
		return 0;
	if (a->id == CRYPTO_AES_XTS)
		return len >= 16 && len <= 65536 + 3;
	return len % a->blk == 0 || a->blk == 1;
}

static int test_cipher(const struct alg *a, uint32_t ses, const unsigned char *key)
{
	unsigned char iv[16], ivc[16];
	unsigned int i, len;
	int err;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		len = sizes[i];
		if (!valid_len(a, len)) {
			len = len / (a->blk ? a->blk : 1) * a->blk;
			if (!len || !valid_len(a, len))
				continue;
		}
		RAND_bytes(in, len);
		RAND_bytes(iv, sizeof(iv));
		if (!ref_cipher(a, 1, key, iv, in, ref, len)) {
			snprintf(why, sizeof(why), "OpenSSL failed at %u", len);
			return 0;
		}
		memcpy(ivc, iv, 16);
		err = dev_crypt(ses, COP_ENCRYPT, 0, in, out, len, NULL, a->ivlen ? ivc : NULL);
		if (err || memcmp(out, ref, len)) {
			snprintf(why, sizeof(why), "encrypt %u bytes: %s", len,
				 err ? strerror(err) : "differs from OpenSSL");
			return 0;
		}
		err = dev_crypt(ses, COP_DECRYPT, 0, out, out, len, NULL, a->ivlen ? ivc : NULL);
		if (err || memcmp(out, in, len)) {
			snprintf(why, sizeof(why), "decrypt %u bytes in place: %s", len,
				 err ? strerror(err) : "not the plaintext");
			return 0;
		}
	}
	return 1;
}

static int test_hash(const struct alg *a, uint32_t ses, const unsigned char *key)
{
	unsigned char md[64], mine[64];
	unsigned int i, len, mdlen, off, step;
	const EVP_MD *md_alg = EVP_get_digestbyname(a->evp);
	int err;

	if (!md_alg) {
		snprintf(why, sizeof(why), "OpenSSL lacks %s", a->evp);
		return 0;
	}
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		len = sizes[i];
		RAND_bytes(in, len);
		if (a->kind == HASH)
			EVP_Digest(in, len, md, &mdlen, md_alg, NULL);
		else
			HMAC(md_alg, key, a->klen, in, len, md, &mdlen);
		memset(mine, 0, sizeof(mine));
		err = dev_crypt(ses, COP_ENCRYPT, 0, in, NULL, len, mine, NULL);
		if (err || memcmp(md, mine, mdlen)) {
			snprintf(why, sizeof(why), "one-shot %u bytes: %s", len,
				 err ? strerror(err) : "differs from OpenSSL");
			return 0;
		}
		/* multi-call, in uneven steps */
		step = len / 3 + 1;
		for (off = 0, err = 0; off + step < len && !err; off += step)
			err = dev_crypt(ses, COP_ENCRYPT, COP_FLAG_UPDATE, in + off, NULL,
					step, NULL, NULL);
		memset(mine, 0, sizeof(mine));
		if (!err)
			err = dev_crypt(ses, COP_ENCRYPT, COP_FLAG_FINAL, in + off, NULL,
					len - off, mine, NULL);
		if (err || memcmp(md, mine, mdlen)) {
			snprintf(why, sizeof(why), "multi-call %u bytes: %s", len,
				 err ? strerror(err) : "differs from OpenSSL");
			return 0;
		}
	}
	return 1;
}

static int ref_aead(const struct alg *a, const unsigned char *key, const unsigned char *iv,
		    const unsigned char *aad, unsigned int alen, const unsigned char *src,
		    unsigned char *dst, unsigned int len, unsigned char *tag);

/* Poly1305 through EVP_MAC; GMAC and CCM-CBC-MAC: GCM/CCM over associated data only. */
static int test_mac_other(const struct alg *a, uint32_t ses, const unsigned char *key)
{
	unsigned char md[16], mine[16], iv[12];
	unsigned int i, len;
	size_t mdlen;
	int err;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		len = sizes[i];
		RAND_bytes(in, len);
		RAND_bytes(iv, sizeof(iv));
		if (a->kind == EVPMAC) {
			EVP_MAC *m = EVP_MAC_fetch(NULL, "POLY1305", NULL);
			EVP_MAC_CTX *c = m ? EVP_MAC_CTX_new(m) : NULL;

			if (!c || !EVP_MAC_init(c, key, 32, NULL) || !EVP_MAC_update(c, in, len) ||
			    !EVP_MAC_final(c, md, &mdlen, sizeof(md))) {
				snprintf(why, sizeof(why), "OpenSSL's Poly1305 failed");
				return 0;
			}
			EVP_MAC_CTX_free(c);
			EVP_MAC_free(m);
		} else if (!ref_aead(a, key, iv, in, len, NULL, out, 0, md)) {
			snprintf(why, sizeof(why), "OpenSSL's GCM failed");
			return 0;
		}
		memset(mine, 0, sizeof(mine));
		err = dev_crypt(ses, COP_ENCRYPT, 0, in, NULL, len, mine,
				a->kind == GMAC ? iv : NULL);
		if (err || memcmp(md, mine, 16)) {
			snprintf(why, sizeof(why), "%u bytes: %s", len,
				 err ? strerror(err) : "differs from OpenSSL");
			return 0;
		}
	}
	if (a->kind == GMAC && dev_crypt(ses, COP_ENCRYPT, 0, in, NULL, 16, mine, NULL) != EINVAL) {
		snprintf(why, sizeof(why), "no nonce was not EINVAL");
		return 0;
	}
	return 1;
}

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
	ioctl(fd, CIOCFSESSION, &s.ses);
}

static int ref_aead(const struct alg *a, const unsigned char *key, const unsigned char *iv,
		    const unsigned char *aad, unsigned int alen, const unsigned char *src,
		    unsigned char *dst, unsigned int len, unsigned char *tag)
{
	int ccm = a->id == CRYPTO_AES_CCM_16 || a->id == CRYPTO_AES_CCM_CBC_MAC, n = 0, ok;
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();

	ok = EVP_EncryptInit_ex(c, EVP_get_cipherbyname(a->evp), NULL, NULL, NULL) &&
	     EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_IVLEN, a->ivlen, NULL) &&
	     (!ccm || EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_TAG, 16, NULL)) &&
	     EVP_EncryptInit_ex(c, NULL, NULL, key, iv) &&
	     (!ccm || EVP_EncryptUpdate(c, NULL, &n, NULL, len)) &&
	     (!alen || EVP_EncryptUpdate(c, NULL, &n, aad, alen)) &&
	     EVP_EncryptUpdate(c, dst, &n, src, len) &&
	     EVP_EncryptFinal_ex(c, dst + n, &n) &&
	     EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_GET_TAG, 16, tag);
	EVP_CIPHER_CTX_free(c);
	return ok;
}

static int test_aead(const struct alg *a, uint32_t ses, const unsigned char *key)
{
	static const unsigned int plens[] = { 0, 1, 16, 4099, 65536 };
	static const unsigned int alens[] = { 0, 13 };
	unsigned char iv[12], aad[13], tag[16];
	struct crypt_auth_op op;
	unsigned int i, k, len;
	int err;

	for (i = 0; i < sizeof(plens) / sizeof(plens[0]); i++) {
		for (k = 0; k < 2; k++) {
			len = plens[i];
			RAND_bytes(in, len);
			RAND_bytes(iv, sizeof(iv));
			RAND_bytes(aad, sizeof(aad));
			if (!ref_aead(a, key, iv, aad, alens[k], in, ref, len, tag)) {
				snprintf(why, sizeof(why), "OpenSSL failed at %u", len);
				return 0;
			}
			memcpy(ref + len, tag, 16);
			memset(&op, 0, sizeof(op));
			op.ses = ses;
			op.op = COP_ENCRYPT;
			op.len = len;
			op.auth_len = alens[k];
			op.auth_src = aad;
			op.src = in;
			op.dst = out;
			op.iv = iv;
			op.iv_len = 12;
			err = ioctl(fd, CIOCAUTHCRYPT, &op) ? errno : 0;
			if (err || memcmp(out, ref, len + 16)) {
				snprintf(why, sizeof(why), "encrypt %u+%u bytes: %s", alens[k], len,
					 err ? strerror(err) : "differs from OpenSSL");
				return 0;
			}
			op.op = COP_DECRYPT;
			op.src = out;
			op.dst = back;
			op.len = len + 16;
			err = ioctl(fd, CIOCAUTHCRYPT, &op) ? errno : 0;
			if (err || memcmp(back, in, len)) {
				snprintf(why, sizeof(why), "decrypt %u+%u bytes: %s", alens[k], len,
					 err ? strerror(err) : "not the plaintext");
				return 0;
			}
			out[len + 15] ^= 0x80;
			if (!ioctl(fd, CIOCAUTHCRYPT, &op) || errno != EBADMSG) {
				snprintf(why, sizeof(why), "a bad tag at %u bytes was not EBADMSG", len);
				return 0;
			}
		}
	}
	return 1;
}

static uint32_t session2(int cipher, const unsigned char *key, int klen, int mac,
			 const unsigned char *mkey, int mklen)
{
	struct session_op s;

	memset(&s, 0, sizeof(s));
	s.cipher = cipher;
	s.key = (unsigned char *)key;
	s.keylen = klen;
	s.mac = mac;
	s.mackey = (unsigned char *)mkey;
	s.mackeylen = mklen;
	return ioctl(fd, CIOCGSESSION, &s) ? 0 : s.ses;
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
			ok = ref_cipher(&algs[0], 1, key, iv, ref, rec, rlen);
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
			ref_cipher(&algs[0], 1, key, iv, ref, out, rlen);
			op.len = rlen;
			bad_mac &= auth(&op) == EBADMSG;
			ref[len] ^= 1;
			if (pad > 1) {
				ref[rlen - 2] ^= 1;
				ref_cipher(&algs[0], 1, key, iv, ref, out, rlen);
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
	ref_cipher(&algs[3], 1, key, iv, pkt + 12, exp + 12, 1000);
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
	ref_cipher(&algs[3], 0, key, iv, exp + 12, exp + 12, 1000);
	ktap_result(!err && !memcmp(pkt, exp, 1016), "SRTP mode decrypts in place (err %d)", err);
	op.dst = back;
	ktap_result(auth(&op) == EINVAL, "SRTP mode out of place: EINVAL");
	ioctl(fd, CIOCFSESSION, &ses);
}

int main(void)
{
	unsigned char key[256];
	unsigned int i;
	uint32_t ses;
	int ok;

	ktap_plan(sizeof(algs) / sizeof(algs[0]) + 9);
	in = malloc(MAXLEN + 64);
	out = malloc(MAXLEN + 64);
	ref = malloc(MAXLEN + 64);
	back = malloc(MAXLEN + 64);
	fd = open("/dev/crypto", O_RDWR);
	for (i = 0; i < sizeof(algs) / sizeof(algs[0]); i++) {
		const struct alg *a = &algs[i];

		why[0] = '\0';
		RAND_bytes(key, sizeof(key));
		if (a->id == CRYPTO_AES_XTS)	/* the two halves must differ */
			key[0] = ~key[a->klen / 2];
		ses = fd >= 0 ? session(a, key) : 0;
		ok = 0;
		if (ses) {
			if (a->kind == CIPHER)
				ok = test_cipher(a, ses, key);
			else if (a->kind == AEAD)
				ok = test_aead(a, ses, key);
			else if (a->kind == GMAC || a->kind == EVPMAC)
				ok = test_mac_other(a, ses, key);
			else
				ok = test_hash(a, ses, key);
			ioctl(fd, CIOCFSESSION, &ses);
		}
		if (!ktap_result(ok, "%s matches OpenSSL", a->name))
			ktap_print("  %s", fd < 0 ? strerror(errno) : why);
	}
	test_tls();
	test_srtp();
	test_deflate();
	return ktap_finish();
}
