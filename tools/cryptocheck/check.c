// SPDX-License-Identifier: GPL-2.0-only
/*
 * One algorithm on one /dev/crypto driver against OpenSSL's libcrypto, on
 * random keys, IVs and data of the sizes asked for: ciphers both ways (the
 * decryption in place), hashes and HMACs one-shot and multi-call, Poly1305,
 * GMAC and CCM-CBC-MAC, AEADs with and without associated data and with a
 * bad tag. The legacy ciphers (DES, Blowfish, CAST5, RC4) come from
 * libcrypto's low-level functions, which need no provider. Shared by
 * tools/cryptocheck and selftests/cryptodev_openssl (see check.h).
 */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>

#include <openssl/blowfish.h>
#include <openssl/cast.h>
#include <openssl/des.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/rc4.h>

#include <crypto/cryptodev.h>

#include "check.h"
#include "cryptodev_util.h"	/* selftests/ */

const struct cc_alg cc_algs[] = {
	{ "aes-128-cbc", CC_CIPHER, CRYPTO_AES_CBC, "AES-128-CBC", 16, 16, 16 },
	{ "aes-192-cbc", CC_CIPHER, CRYPTO_AES_CBC, "AES-192-CBC", 24, 16, 16 },
	{ "aes-256-cbc", CC_CIPHER, CRYPTO_AES_CBC, "AES-256-CBC", 32, 16, 16 },
	{ "aes-128-ctr", CC_CIPHER, CRYPTO_AES_CTR, "AES-128-CTR", 16, 16, 1 },
	{ "aes-256-ctr", CC_CIPHER, CRYPTO_AES_CTR, "AES-256-CTR", 32, 16, 1 },
	{ "aes-128-ecb", CC_CIPHER, CRYPTO_AES_ECB, "AES-128-ECB", 16, 0, 16 },
	{ "aes-256-ecb", CC_CIPHER, CRYPTO_AES_ECB, "AES-256-ECB", 32, 0, 16 },
	{ "aes-128-xts", CC_CIPHER, CRYPTO_AES_XTS, "AES-128-XTS", 32, 16, 16 },
	{ "aes-256-xts", CC_CIPHER, CRYPTO_AES_XTS, "AES-256-XTS", 64, 16, 16 },
	{ "des-ede3-cbc", CC_CIPHER, CRYPTO_3DES_CBC, "DES-EDE3-CBC", 24, 8, 8 },
	{ "camellia-128-cbc", CC_CIPHER, CRYPTO_CAMELLIA_CBC, "CAMELLIA-128-CBC", 16, 16, 16 },
	{ "camellia-256-cbc", CC_CIPHER, CRYPTO_CAMELLIA_CBC, "CAMELLIA-256-CBC", 32, 16, 16 },
	{ "chacha20", CC_CIPHER, CRYPTO_CHACHA20, "ChaCha20", 32, 16, 1 },
	{ "des-cbc", CC_CIPHER, CRYPTO_DES_CBC, NULL, 8, 8, 8 },
	{ "bf-cbc", CC_CIPHER, CRYPTO_BLF_CBC, NULL, 16, 8, 8 },
	{ "cast5-cbc", CC_CIPHER, CRYPTO_CAST_CBC, NULL, 16, 8, 8 },
	{ "rc4", CC_CIPHER, CRYPTO_ARC4, NULL, 16, 0, 1 },
	{ "md5", CC_HASH, CRYPTO_MD5, "MD5", 0, 0, 0 },
	{ "sha1", CC_HASH, CRYPTO_SHA1, "SHA1", 0, 0, 0 },
	{ "sha224", CC_HASH, CRYPTO_SHA2_224, "SHA224", 0, 0, 0 },
	{ "sha256", CC_HASH, CRYPTO_SHA2_256, "SHA256", 0, 0, 0 },
	{ "sha384", CC_HASH, CRYPTO_SHA2_384, "SHA384", 0, 0, 0 },
	{ "sha512", CC_HASH, CRYPTO_SHA2_512, "SHA512", 0, 0, 0 },
	{ "ripemd160", CC_HASH, CRYPTO_RIPEMD160, "RIPEMD160", 0, 0, 0 },
	{ "blake2s256", CC_HASH, CRYPTO_BLAKE2S, "BLAKE2S-256", 0, 0, 0 },
	{ "blake2b512", CC_HASH, CRYPTO_BLAKE2B, "BLAKE2B-512", 0, 0, 0 },
	{ "hmac-md5", CC_HMAC, CRYPTO_MD5_HMAC, "MD5", 16, 0, 0 },
	{ "hmac-sha1", CC_HMAC, CRYPTO_SHA1_HMAC, "SHA1", 20, 0, 0 },
	{ "hmac-sha224", CC_HMAC, CRYPTO_SHA2_224_HMAC, "SHA224", 28, 0, 0 },
	{ "hmac-sha256", CC_HMAC, CRYPTO_SHA2_256_HMAC, "SHA256", 32, 0, 0 },
	{ "hmac-sha384", CC_HMAC, CRYPTO_SHA2_384_HMAC, "SHA384", 100, 0, 0 },
	{ "hmac-sha512", CC_HMAC, CRYPTO_SHA2_512_HMAC, "SHA512", 200, 0, 0 },
	{ "hmac-ripemd160", CC_HMAC, CRYPTO_RIPEMD160_HMAC, "RIPEMD160", 20, 0, 0 },
	{ "poly1305", CC_EVPMAC, CRYPTO_POLY1305, "POLY1305", 32, 0, 0 },
	{ "aes-128-gmac", CC_GMAC, CRYPTO_AES_NIST_GMAC, "AES-128-GCM", 16, 12, 1 },
	{ "aes-256-gmac", CC_GMAC, CRYPTO_AES_256_NIST_GMAC, "AES-256-GCM", 32, 12, 1 },
	{ "aes-128-ccm-cbc-mac", CC_GMAC, CRYPTO_AES_CCM_CBC_MAC, "AES-128-CCM", 16, 12, 1 },
	{ "aes-128-gcm", CC_AEAD, CRYPTO_AES_GCM, "AES-128-GCM", 16, 12, 1 },
	{ "aes-256-gcm", CC_AEAD, CRYPTO_AES_GCM, "AES-256-GCM", 32, 12, 1 },
	{ "aes-128-ccm", CC_AEAD, CRYPTO_AES_CCM_16, "AES-128-CCM", 16, 12, 1 },
	{ "chacha20-poly1305", CC_AEAD, CRYPTO_CHACHA20_POLY1305, "ChaCha20-Poly1305", 32, 12, 1 },
};

const unsigned int cc_nalgs = sizeof(cc_algs) / sizeof(cc_algs[0]);

/* One check in progress: the device, the algorithm, what went wrong. */
struct cc_run {
	int fd, verbose;
	uint32_t ses;
	const struct cc_alg *a;
	const unsigned char *key;
	char *why;
	unsigned int whylen;
};

static unsigned char *in, *out, *ref, *back;

static int __attribute__((format(printf, 2, 3))) fail(struct cc_run *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->why, r->whylen, fmt, ap);
	va_end(ap);
	return 0;
}

static void passed(struct cc_run *r, const char *what, unsigned int len)
{
	if (r->verbose)
		printf("    %s %s %u bytes: ok\n", r->a->name, what, len);
}

const struct cc_alg *cc_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < cc_nalgs; i++)
		if (!strcasecmp(cc_algs[i].name, name))
			return &cc_algs[i];
	return NULL;
}

int cc_ref_cipher(const struct cc_alg *a, int enc, const unsigned char *key,
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

int cc_ref_aead(const struct cc_alg *a, const unsigned char *key, const unsigned char *iv,
		const unsigned char *aad, unsigned int alen, const unsigned char *src,
		unsigned char *dst, unsigned int len, unsigned char *tag)
{
	int ccm = a->id == CRYPTO_AES_CCM_16 || a->id == CRYPTO_AES_CCM_CBC_MAC, n = 0, ok;
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	/*
	 * No payload (GMAC, CCM's CBC-MAC) is still an update with some
	 * pointer: OpenSSL 3.0.19 takes a NULL one for EVP_EncryptFinal()
	 * and CCM then has no tag to give (3.0.17 computed it).
	 */
	const unsigned char *in = src ? src : (const unsigned char *)"";

	ok = EVP_EncryptInit_ex(c, EVP_get_cipherbyname(a->evp), NULL, NULL, NULL) &&
	     EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_IVLEN, a->ivlen, NULL) &&
	     (!ccm || EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_TAG, 16, NULL)) &&
	     EVP_EncryptInit_ex(c, NULL, NULL, key, iv) &&
	     (!ccm || EVP_EncryptUpdate(c, NULL, &n, NULL, len)) &&
	     (!alen || EVP_EncryptUpdate(c, NULL, &n, aad, alen)) &&
	     EVP_EncryptUpdate(c, dst, &n, in, len) &&
	     EVP_EncryptFinal_ex(c, dst + n, &n) &&
	     EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_GET_TAG, 16, tag);
	EVP_CIPHER_CTX_free(c);
	return ok;
}

static int valid_len(const struct cc_alg *a, unsigned int len)
{
	if (!len)
		return 0;
	if (a->id == CRYPTO_AES_XTS)
		return len >= 16 && len <= CC_XTS_MAXLEN;
	return len % a->blk == 0 || a->blk == 1;
}

unsigned int cc_cipher_len(const struct cc_alg *a, unsigned int len)
{
	if (a->kind != CC_CIPHER || valid_len(a, len))
		return len;
	len = len / a->blk * a->blk;
	return valid_len(a, len) ? len : 0;
}

static int dev_crypt(struct cc_run *r, int op, int flags, const void *src, void *dst,
		     unsigned int len, void *mac, void *iv)
{
	return cdev_op(r->fd, CIOCCRYPT, r->ses, op, flags, src, dst, len, mac, iv);
}

static int test_cipher(struct cc_run *r, unsigned int len)
{
	const struct cc_alg *a = r->a;
	unsigned char iv[16], ivc[16];
	int err;

	len = cc_cipher_len(a, len);
	if (!len)
		return 1;
	RAND_bytes(in, len);
	RAND_bytes(iv, sizeof(iv));
	if (!cc_ref_cipher(a, 1, r->key, iv, in, ref, len))
		return fail(r, "OpenSSL failed at %u bytes", len);
	memcpy(ivc, iv, 16);
	err = dev_crypt(r, COP_ENCRYPT, 0, in, out, len, NULL, a->ivlen ? ivc : NULL);
	if (err || memcmp(out, ref, len))
		return fail(r, "encrypt %u bytes: %s", len,
			    err ? strerror(err) : "differs from OpenSSL");
	err = dev_crypt(r, COP_DECRYPT, 0, out, out, len, NULL, a->ivlen ? ivc : NULL);
	if (err || memcmp(out, in, len))
		return fail(r, "decrypt %u bytes in place: %s", len,
			    err ? strerror(err) : "not the plaintext");
	passed(r, "encrypt+decrypt", len);
	return 1;
}

static int test_hash(struct cc_run *r, unsigned int len)
{
	const struct cc_alg *a = r->a;
	const EVP_MD *md_alg = EVP_get_digestbyname(a->evp);
	unsigned char md[64], mine[64];
	unsigned int mdlen, off, step;
	int err;

	if (!md_alg)
		return fail(r, "OpenSSL lacks %s", a->evp);
	RAND_bytes(in, len);
	if (a->kind == CC_HASH)
		EVP_Digest(in, len, md, &mdlen, md_alg, NULL);
	else
		HMAC(md_alg, r->key, a->klen, in, len, md, &mdlen);
	memset(mine, 0, sizeof(mine));
	err = dev_crypt(r, COP_ENCRYPT, 0, in, NULL, len, mine, NULL);
	if (err || memcmp(md, mine, mdlen))
		return fail(r, "one-shot %u bytes: %s", len,
			    err ? strerror(err) : "differs from OpenSSL");
	/* multi-call, in uneven steps */
	step = len / 3 + 1;
	for (off = 0, err = 0; off + step < len && !err; off += step)
		err = dev_crypt(r, COP_ENCRYPT, COP_FLAG_UPDATE, in + off, NULL, step, NULL, NULL);
	memset(mine, 0, sizeof(mine));
	if (!err)
		err = dev_crypt(r, COP_ENCRYPT, COP_FLAG_FINAL, in + off, NULL, len - off, mine,
				NULL);
	if (err || memcmp(md, mine, mdlen))
		return fail(r, "multi-call %u bytes: %s", len,
			    err ? strerror(err) : "differs from OpenSSL");
	passed(r, "one-shot and multi-call", len);
	return 1;
}

/* Poly1305 through EVP_MAC; GMAC and CCM-CBC-MAC: GCM/CCM over associated data only. */
static int test_mac_other(struct cc_run *r, unsigned int len)
{
	const struct cc_alg *a = r->a;
	unsigned char md[16], mine[16], iv[12];
	size_t mdlen;
	int err;

	RAND_bytes(in, len);
	RAND_bytes(iv, sizeof(iv));
	if (a->kind == CC_EVPMAC) {
		EVP_MAC *m = EVP_MAC_fetch(NULL, "POLY1305", NULL);
		EVP_MAC_CTX *c = m ? EVP_MAC_CTX_new(m) : NULL;
		int ok = c && EVP_MAC_init(c, r->key, 32, NULL) && EVP_MAC_update(c, in, len) &&
			 EVP_MAC_final(c, md, &mdlen, sizeof(md));

		EVP_MAC_CTX_free(c);
		EVP_MAC_free(m);
		if (!ok)
			return fail(r, "OpenSSL's Poly1305 failed");
	} else if (!cc_ref_aead(a, r->key, iv, in, len, NULL, out, 0, md)) {
		return fail(r, "OpenSSL's %s failed", a->evp);
	}
	memset(mine, 0, sizeof(mine));
	err = dev_crypt(r, COP_ENCRYPT, 0, in, NULL, len, mine, a->kind == CC_GMAC ? iv : NULL);
	if (err || memcmp(md, mine, 16))
		return fail(r, "%u bytes: %s", len, err ? strerror(err) : "differs from OpenSSL");
	passed(r, "MAC", len);
	return 1;
}

static int test_aead(struct cc_run *r, unsigned int len)
{
	static const unsigned int alens[] = { 0, 13 };
	const struct cc_alg *a = r->a;
	unsigned char iv[12], aad[13], tag[16];
	struct crypt_auth_op op;
	unsigned int k;
	int err;

	for (k = 0; k < 2; k++) {
		RAND_bytes(in, len);
		RAND_bytes(iv, sizeof(iv));
		RAND_bytes(aad, sizeof(aad));
		if (!cc_ref_aead(a, r->key, iv, aad, alens[k], in, ref, len, tag))
			return fail(r, "OpenSSL failed at %u bytes", len);
		memcpy(ref + len, tag, 16);
		memset(&op, 0, sizeof(op));
		op.ses = r->ses;
		op.op = COP_ENCRYPT;
		op.len = len;
		op.auth_len = alens[k];
		op.auth_src = aad;
		op.src = in;
		op.dst = out;
		op.iv = iv;
		op.iv_len = 12;
		err = ioctl(r->fd, CIOCAUTHCRYPT, &op) ? errno : 0;
		if (err || memcmp(out, ref, len + 16))
			return fail(r, "encrypt %u+%u bytes: %s", alens[k], len,
				    err ? strerror(err) : "differs from OpenSSL");
		op.op = COP_DECRYPT;
		op.src = out;
		op.dst = back;
		op.len = len + 16;
		err = ioctl(r->fd, CIOCAUTHCRYPT, &op) ? errno : 0;
		if (err || memcmp(back, in, len))
			return fail(r, "decrypt %u+%u bytes: %s", alens[k], len,
				    err ? strerror(err) : "not the plaintext");
		out[len + 15] ^= 0x80;
		if (!ioctl(r->fd, CIOCAUTHCRYPT, &op) || errno != EBADMSG)
			return fail(r, "a bad tag at %u+%u bytes was not EBADMSG", alens[k], len);
	}
	passed(r, "seal+open, bad tag", len);
	return 1;
}

static uint32_t session(struct cc_run *r, int crid)
{
	const struct cc_alg *a = r->a;
	struct session2_op s;
	int rc;

	memset(&s, 0, sizeof(s));
	if (a->kind == CC_CIPHER || a->kind == CC_AEAD) {
		s.cipher = a->id;
		s.key = (unsigned char *)r->key;
		s.keylen = a->klen;
	} else {
		s.mac = a->id;
		s.mackey = (unsigned char *)r->key;
		s.mackeylen = a->klen;
	}
	s.crid = crid;
	if (crid == -1)	/* session_op is session2_op's beginning */
		rc = ioctl(r->fd, CIOCGSESSION, &s);
	else
		rc = ioctl(r->fd, CIOCGSESSION2, &s);
	if (rc) {
		fail(r, "%s: %s", crid == -1 ? "CIOCGSESSION" : "CIOCGSESSION2", strerror(errno));
		return 0;
	}
	return s.ses;
}

int cc_check(int fd, const struct cc_alg *a, int crid, const unsigned int *sizes,
	     unsigned int nsizes, int verbose, char *why, unsigned int whylen)
{
	struct cc_run r = { .fd = fd, .verbose = verbose, .a = a, .why = why, .whylen = whylen };
	unsigned char key[256];
	unsigned int i;
	int ok = 1;

	why[0] = '\0';
	if (!in) {
		in = malloc(CC_MAXLEN + 64);
		out = malloc(CC_MAXLEN + 64);
		ref = malloc(CC_MAXLEN + 64);
		back = malloc(CC_MAXLEN + 64);
		if (!in || !out || !ref || !back)
			return fail(&r, "out of memory");
	}
	RAND_bytes(key, sizeof(key));
	if (a->id == CRYPTO_AES_XTS)	/* the two halves must differ */
		key[0] = ~key[a->klen / 2];
	r.key = key;
	r.ses = session(&r, crid);
	if (!r.ses)
		return -1;
	for (i = 0; ok && i < nsizes; i++) {
		if (sizes[i] > CC_MAXLEN) {
			ok = fail(&r, "%u bytes: larger than %u", sizes[i], CC_MAXLEN);
			break;
		}
		switch (a->kind) {
		case CC_CIPHER:
			ok = test_cipher(&r, sizes[i]);
			break;
		case CC_AEAD:
			ok = test_aead(&r, sizes[i]);
			break;
		case CC_GMAC:
		case CC_EVPMAC:
			ok = test_mac_other(&r, sizes[i]);
			break;
		default:
			ok = test_hash(&r, sizes[i]);
		}
	}
	if (ok && a->kind == CC_GMAC &&
	    dev_crypt(&r, COP_ENCRYPT, 0, in, NULL, 16, out, NULL) != EINVAL)
		ok = fail(&r, "no nonce was not EINVAL");
	ioctl(fd, CIOCFSESSION, &r.ses);
	return ok;
}
