// SPDX-License-Identifier: GPL-2.0-only
/*
 * The Linux crypto API drivers through the framework: known-answer vectors
 * from the standards on every driver that offers each algorithm, and the
 * guest's virtio-crypto accelerator found as hardware.
 */
#include <linux/completion.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/stop_machine.h>
#include <linux/string.h>

#include "ocft.h"

struct ocft_kat {
	const char *what;
	int alg;
	const char *key;	/* hex */
	const char *iv;		/* hex, ciphers */
	const char *in;		/* hex, or text when @text */
	const char *out;	/* hex */
	bool text;
	const char *out2;	/* hex, the rest of a long @out */
	bool mac_iv;		/* a MAC that takes an IV (GMAC) */
	bool stream;		/* a cipher without IV (ARC4) */
	int in_seq;		/* > 0: the input is the bytes 0, 1, ..., in_seq - 1 */
};

/* Room for the longest input and its MAC (BLAKE2b of 200 bytes). */
#define OCFT_KAT_BUF 320

#define AES128 "2b7e151628aed2a6abf7158809cf4f3c"
/* The bytes 0x00 to 0x3f: the key of the BLAKE2 reference test vectors */
#define KEY64 "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f" \
	"202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
/* Its first 60 bytes */
#define KEY60 "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f" \
	"202122232425262728292a2b2c2d2e2f303132333435363738393a3b"
#define PT2 "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"

static const struct ocft_kat ocft_kats[] = {
	/* NIST SP 800-38A F.2.1, F.1.1, F.5.1 (two blocks each) */
	{ "AES-128-CBC (SP 800-38A F.2.1)", CRYPTO_AES_CBC, AES128,
	  "000102030405060708090a0b0c0d0e0f", PT2,
	  "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2" },
	{ "AES-128-ECB (SP 800-38A F.1.1)", CRYPTO_AES_ECB, AES128, NULL, PT2,
	  "3ad77bb40d7a3660a89ecaf32466ef97f5d3d58503b9699de785895a96fdbaaf" },
	{ "AES-128-CTR (SP 800-38A F.5.1)", CRYPTO_AES_CTR, AES128,
	  "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff", PT2,
	  "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff" },
	/* IEEE 1619 vector 1 */
	{ "AES-128-XTS (IEEE 1619 vector 1)", CRYPTO_AES_XTS,
	  "0000000000000000000000000000000000000000000000000000000000000000",
	  "00000000000000000000000000000000",
	  "0000000000000000000000000000000000000000000000000000000000000000",
	  "917cf69ebd68b2ec9b9fe9a3eadda692cd43d2f59598ed858c02c2652fbf922e" },
	/* FIPS 81 CBC example */
	{ "DES-CBC (FIPS 81)", CRYPTO_DES_CBC, "0123456789abcdef", "1234567890abcdef",
	  "4e6f77206973207468652074696d6520666f7220616c6c20",
	  "e5c7cdde872bf27c43e934008c389c0f683788499a7c05f6" },
	/* SP 800-67 example, first block (CBC, zero IV) */
	{ "3DES-CBC (SP 800-67)", CRYPTO_3DES_CBC,
	  "0123456789abcdef23456789abcdef01456789abcdef0123", "0000000000000000",
	  "5468652071756663", "a826fd8ce53b855f" },
	/* Schneier's zero-key vector, RFC 2144 B.1, RFC 3713: one block, zero IV */
	{ "Blowfish-CBC (zero key)", CRYPTO_BLF_CBC, "0000000000000000", "0000000000000000",
	  "0000000000000000", "4ef997456198dd78" },
	{ "CAST5-CBC (RFC 2144 B.1)", CRYPTO_CAST_CBC, "0123456712345678234567893456789a",
	  "0000000000000000", "0123456789abcdef", "238b4fe5847e44b2" },
	{ "Camellia-128-CBC (RFC 3713)", CRYPTO_CAMELLIA_CBC,
	  "0123456789abcdeffedcba9876543210", "00000000000000000000000000000000",
	  "0123456789abcdeffedcba9876543210", "67673138549669730857065648eabe43" },
	/* FIPS 180-4 examples, RFC 1321 */
	{ "SHA-1 (FIPS 180-4, \"abc\")", CRYPTO_SHA1, NULL, NULL, "abc",
	  "a9993e364706816aba3e25717850c26c9cd0d89d", true },
	{ "SHA-256 (FIPS 180-4, \"abc\")", CRYPTO_SHA2_256, NULL, NULL, "abc",
	  "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", true },
	{ "MD5 (RFC 1321, \"abc\")", CRYPTO_MD5, NULL, NULL, "abc",
	  "900150983cd24fb0d6963f7d28e17f72", true },
	{ "SHA-224 (FIPS 180-4, \"abc\")", CRYPTO_SHA2_224, NULL, NULL, "abc",
	  "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7", true },
	{ "SHA-384 (FIPS 180-4, \"abc\")", CRYPTO_SHA2_384, NULL, NULL, "abc",
	  "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed", true,
	  "8086072ba1e7cc2358baeca134c825a7" },
	{ "SHA-512 (FIPS 180-4, \"abc\")", CRYPTO_SHA2_512, NULL, NULL, "abc",
	  "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a", true,
	  "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f" },
	{ "RIPEMD-160 (\"abc\")", CRYPTO_RIPEMD160, NULL, NULL, "abc",
	  "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc", true },
	/* GMAC: computed with OpenSSL (GCM, empty payload, all AAD) */
	{ "AES-128-GMAC", CRYPTO_AES_NIST_GMAC, "feffe9928665731c6d6a8f9467308308",
	  "cafebabefacedbaddecaf888",
	  "feedfacedeadbeeffeedfacedeadbeefabaddad27768617420646f2079612077616e74",
	  "a576c0bbe14aee7131bbc673270b09b2", false, NULL, true },
	{ "AES-128-GMAC (CRYPTO_AES_128_NIST_GMAC)", CRYPTO_AES_128_NIST_GMAC,
	  "feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888",
	  "feedfacedeadbeeffeedfacedeadbeefabaddad27768617420646f2079612077616e74",
	  "a576c0bbe14aee7131bbc673270b09b2", false, NULL, true },
	/* the same data, GCM test cases 8 and 14's longer keys; Python's AESGCM */
	{ "AES-192-GMAC (CRYPTO_AES_192_NIST_GMAC)", CRYPTO_AES_192_NIST_GMAC,
	  "feffe9928665731c6d6a8f9467308308feffe9928665731c", "cafebabefacedbaddecaf888",
	  "feedfacedeadbeeffeedfacedeadbeefabaddad27768617420646f2079612077616e74",
	  "a72d659363970f7ccda06dd6c8afaf4e", false, NULL, true },
	{ "AES-256-GMAC (CRYPTO_AES_256_NIST_GMAC)", CRYPTO_AES_256_NIST_GMAC,
	  "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
	  "cafebabefacedbaddecaf888",
	  "feedfacedeadbeeffeedfacedeadbeefabaddad27768617420646f2079612077616e74",
	  "ee4adb577d6c8a5f6d1faa0c9d4e0505", false, NULL, true },
	/*
	 * RFC 8439 2.4.2, its first 64 bytes: counter 1 then the nonce as the
	 * 16-byte IV (the same state words as a 64-bit counter and nonce)
	 */
	{ "ChaCha20 (RFC 8439 2.4.2)", CRYPTO_CHACHA20,
	  "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
	  "01000000000000000000004a00000000",
	  "Ladies and Gentlemen of the class of '99: If I could offer you o",
	  "6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0b", true,
	  "f91b65c5524733ab8f593dabcd62b3571639d624e65152ab8f530c359f0861d8" },
	/* the NULL cipher (CRYPTO_NULL_CBC): the data unchanged, no key, no IV */
	{ "NULL_CBC (identity)", CRYPTO_NULL_CBC, NULL, NULL,
	  "00112233445566778899aabbccddeeff", "00112233445566778899aabbccddeeff",
	  false, NULL, false, true },
	/*
	 * CCM's CBC-MAC: computed with OpenSSL's and Python's AES-CCM (12-byte
	 * nonce, 16-byte tag, empty payload, all the data as AAD)
	 */
	{ "AES-128-CCM-CBC-MAC", CRYPTO_AES_CCM_CBC_MAC, "feffe9928665731c6d6a8f9467308308",
	  "cafebabefacedbaddecaf888",
	  "feedfacedeadbeeffeedfacedeadbeefabaddad27768617420646f2079612077616e74",
	  "a0a414aa855d7c575ab7cd9d2f7bdad6", false, NULL, true },
	{ "AES-256-CCM-CBC-MAC", CRYPTO_AES_CCM_CBC_MAC,
	  "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
	  "cafebabefacedbaddecaf888", "opencrypto: the CBC-MAC of CCM, all associated data",
	  "a3900224ca0fe9939d14d3181cea5411", true, NULL, true },
	/* the framework's own driver: RFC 6229, RFC 7693 B, RFC 8439 2.5.2 */
	{ "ARC4 (RFC 6229, 40-bit key, offset 0)", CRYPTO_ARC4, "0102030405", NULL,
	  "00000000000000000000000000000000", "b2396305f03dc027ccc3524a0a1118a8",
	  false, NULL, false, true },
	{ "BLAKE2s-256 (RFC 7693, \"abc\")", CRYPTO_BLAKE2S, NULL, NULL, "abc",
	  "508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982", true },
	{ "Poly1305 (RFC 8439 2.5.2)", CRYPTO_POLY1305,
	  "85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b", NULL,
	  "Cryptographic Forum Research Group", "a8061dc1305136c6c22b8baf0c0127a9", true },
	{ "NULL_HMAC (12 zero bytes)", CRYPTO_NULL_HMAC, NULL, NULL, "abc",
	  "000000000000000000000000", true },
	/*
	 * BLAKE2b: RFC 7693 appendix A; the others computed with Python's
	 * hashlib.blake2b (the keyed empty message is also the first keyed
	 * vector of the BLAKE2 reference blake2b-kat.txt).
	 */
	{ "BLAKE2b-512 (RFC 7693 A, \"abc\")", CRYPTO_BLAKE2B, NULL, NULL, "abc",
	  "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1", true,
	  "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923" },
	{ .what = "BLAKE2b-512 (200 bytes 00..c7)", .alg = CRYPTO_BLAKE2B, .in_seq = 200,
	  .out = "fb3c1f0f56a56f8e316fdf5d853c8c872c39635d083634c3904fc3ac07d1b578",
	  .out2 = "e85ff0e480e92d44ade33b62e893ee32343e79ddf6ef292e89b582d312502314" },
	{ .what = "BLAKE2b-512 keyed (64-byte key, 200 bytes)", .alg = CRYPTO_BLAKE2B,
	  .key = KEY64, .in_seq = 200,
	  .out = "3095a349d245708c7cf550118703d7302c27b60af5d4e67fc978f8a4e60953c7",
	  .out2 = "a04f92fcf41aee64321ccb707a895851552b1e37b00bc5e6b72fa5bcef9e3fff" },
	{ .what = "BLAKE2b-512 keyed (64-byte key, empty message)", .alg = CRYPTO_BLAKE2B,
	  .key = KEY64, .in = "", .text = true,
	  .out = "10ebb67700b1868efb4417987acf4690ae9d972fb7a590c2f02871799aaa4786",
	  .out2 = "b5e996e8f0f4eb981fc214b005f42d2ff4233499391653df7aefcbc13fc51568" },
	{ "BLAKE2b-512 keyed (\"key\", \"abc\")", CRYPTO_BLAKE2B, "6b6579", NULL, "abc",
	  "5c6a9a4ae911c02fb7e71a991eb9aea371ae993d4842d206e6020d46f5e41358", true,
	  "c6d5c277c110ef86c959ed63e6ecaaaceaaff38019a43264ae06acf73b9550b1" },
	/*
	 * KPDK (RFC 1828, RFC 1852): computed with Python's hashlib.md5 and
	 * hashlib.sha1 over key || 0x80 || zeros || key bits (64-bit, MD5
	 * little-endian, SHA-1 big-endian) || data || key, the key padded to
	 * 64 bytes (60-byte key: to 128).
	 */
	{ "MD5_KPDK (16-byte key)", CRYPTO_MD5_KPDK, "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", NULL,
	  KPDK_TEXT, KPDK_MD5_0B16, true },
	{ "MD5_KPDK (60-byte key, two-block keyfill)", CRYPTO_MD5_KPDK,
	  KEY60, NULL,
	  KPDK_TEXT, "953f6014ba1eabde4fe247636136e7aa", true },
	{ "SHA1_KPDK (20-byte key)", CRYPTO_SHA1_KPDK,
	  "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", NULL,
	  KPDK_TEXT, KPDK_SHA1_0B20, true },
	{ "SHA1_KPDK (60-byte key, two-block keyfill)", CRYPTO_SHA1_KPDK,
	  KEY60, NULL,
	  KPDK_TEXT, "f40a9c64461db16e1cdd08332727c0c3f4501dab", true },
	/*
	 * Skipjack: the specification's vector, as CBC of one block with a
	 * zero IV; then four blocks, whose expected ciphertext was made by
	 * chaining (CBC by hand: XOR the IV or the previous ciphertext block,
	 * encrypt) a userspace build of soft_skipjack.c's block function,
	 * itself checked against the specification's vector first.
	 */
	{ "Skipjack-CBC (NIST vector, zero IV)", CRYPTO_SKIPJACK_CBC, SKIPJACK_KEY,
	  "0000000000000000", "33221100ddccbbaa", "2587cae27a12d300" },
	{ "Skipjack-CBC (four blocks)", CRYPTO_SKIPJACK_CBC, SKIPJACK_KEY, SKIPJACK_IV,
	  SKIPJACK_PT, SKIPJACK_CT },
	/* RFC 2202, RFC 2286 and RFC 4231, test case 2 */
	{ "HMAC-MD5 (RFC 2202 case 2)", CRYPTO_MD5_HMAC, "4a656665", NULL,
	  "what do ya want for nothing?", "750c783e6ab0b503eaa86e310a5db738", true },
	{ "HMAC-RIPEMD160 (RFC 2286 case 2)", CRYPTO_RIPEMD160_HMAC, "4a656665", NULL,
	  "what do ya want for nothing?", "dda6c0213a485a9e24f4742064a7f033b43c4069", true },
	{ "HMAC-SHA224 (RFC 4231 case 2)", CRYPTO_SHA2_224_HMAC, "4a656665", NULL,
	  "what do ya want for nothing?",
	  "a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44", true },
	{ "HMAC-SHA384 (RFC 4231 case 2)", CRYPTO_SHA2_384_HMAC, "4a656665", NULL,
	  "what do ya want for nothing?",
	  "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e", true,
	  "8e2240ca5e69e2c78b3239ecfab21649" },
	{ "HMAC-SHA512 (RFC 4231 case 2)", CRYPTO_SHA2_512_HMAC, "4a656665", NULL,
	  "what do ya want for nothing?",
	  "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554", true,
	  "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737" },
	{ "HMAC-SHA1 (RFC 2202 case 2)", CRYPTO_SHA1_HMAC, "4a656665", NULL,
	  "what do ya want for nothing?", "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79", true },
	{ "HMAC-SHA256 (RFC 4231 case 2)", CRYPTO_SHA2_256_HMAC, "4a656665", NULL,
	  "what do ya want for nothing?",
	  "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", true },
};

static int ocft_unhex(const char *hex, u8 *out, int max)
{
	int n = hex ? strlen(hex) / 2 : 0;

	if (n > max || (n && hex2bin(out, hex, n)))
		return -1;
	return n;
}

struct ocft_kat_req {
	struct completion done;
};

/*
 * Step @id (start at -1) to the next driver, other than this test's fake
 * ones, that offers @alg; fills @info. False when there is none left.
 */
static bool ocft_next_driver(int alg, int *id, struct crypto_driver_info *info)
{
	while (++*id < 64)
		if (!ocft_is_ours(*id) && crypto_driver_supports(*id, alg) &&
		    !crypto_driver_info(*id, info))
			return true;
	return false;
}

static int ocft_kat_cb(struct cryptop *crp)
{
	complete(&((struct ocft_kat_req *)crp->crp_opaque)->done);
	return 0;
}

/*
 * Dispatch @crp and wait for its callback. Returns its crp_etype, or
 * -ETIMEDOUT: still in flight, the request and its buffer are the driver's,
 * and so is the completion its callback will signal (allocated, not on
 * this stack, and left to it).
 */
static int ocft_kat_dispatch(struct cryptop *crp)
{
	struct ocft_kat_req *kr = kmalloc(sizeof(*kr), GFP_KERNEL);
	int err;

	if (!kr)
		return -ENOMEM;
	init_completion(&kr->done);
	crp->crp_callback = ocft_kat_cb;
	crp->crp_opaque = kr;
	crypto_dispatch(crp);
	if (!wait_for_completion_timeout(&kr->done, OCFT_TIMEOUT))
		return -ETIMEDOUT;	/* kr leaks: the callback may still come */
	err = crp->crp_etype;
	kfree(kr);
	return err;
}

/*
 * One request of one descriptor on driver @id: a session for @cri, then @d
 * (copied) over the @ilen bytes of @buf, flat or, with @sg, as two
 * scatterlist segments split inside the data. Returns the request's
 * crp_etype, 1000 + the error of crypto_newsession(), or -errno;
 * -ETIMEDOUT means the request is still in flight: @buf is the driver's,
 * never free it. @olen, when not NULL, gets crp_olen.
 */
static int ocft_lx_one_ini(int id, const struct cryptoini *cri, u8 *buf, int ilen,
			   bool sg, const struct cryptodesc *d, int *olen)
{
	struct scatterlist sgl[2];
	crypto_session_t s;
	struct cryptop *crp;
	int alg = cri->cri_alg;
	int rc;

	rc = crypto_newsession(&s, cri, id);
	if (rc)
		return 1000 + rc;
	crp = crypto_getreq(1);
	if (!crp) {
		crypto_freesession(s);
		return -ENOMEM;
	}
	crp->crp_session = s;
	crp->crp_ilen = ilen;
	if (sg) {
		sg_init_table(sgl, 2);
		sg_set_buf(&sgl[0], buf, 7);
		sg_set_buf(&sgl[1], buf + 7, ilen - 7);
		crp->crp_flags = CRYPTO_F_IMBUF;
		crp->crp_sg = sgl;
	} else {
		crp->crp_buf = buf;
	}
	*crp->crp_desc = *d;
	crp->crp_desc->crd_alg = alg;
	crp->crp_desc->crd_next = NULL;
	rc = ocft_kat_dispatch(crp);
	if (rc == -ETIMEDOUT) {
		ocft_diag("  algorithm %d on driver %d: no completion", alg, id);
		return rc;	/* leak the request: it is still in flight */
	}
	if (olen)
		*olen = crp->crp_olen;
	crypto_freereq(crp);
	crypto_freesession(s);
	return rc;
}

/* The same with a session of @alg keyed with the @klen-byte @key. */
/**
 * ocft_lx_one() - one request of one descriptor on one driver
 * @id: the driver
 * @alg: the algorithm of the session and of the descriptor
 * @key: the session's key
 * @klen: its length in bytes
 * @buf: the data (at least 8 bytes: @sg splits it after 7)
 * @ilen: its length
 * @sg: pass @buf as two scatterlist segments split inside the data, not flat
 * @d: the descriptor, copied (crd_alg and crd_next are set here)
 * @olen: if not NULL, gets crp_olen
 *
 * Return: as ocft_lx_one_ini(): the request's crp_etype, 1000 + the error
 * of crypto_newsession(), or -errno; -ETIMEDOUT means the request is still
 * in flight: @buf is the driver's, never free it.
 */
int ocft_lx_one(int id, int alg, const u8 *key, int klen, u8 *buf, int ilen,
		bool sg, const struct cryptodesc *d, int *olen)
{
	struct cryptoini cri = { .cri_alg = alg, .cri_klen = klen * 8 };

	cri.cri_key = (u8 *)key;
	return ocft_lx_one_ini(id, &cri, buf, ilen, sg, d, olen);
}

/*
 * @k's key, input (into @in, room @room) and expected output, decoded.
 * Returns 0 or -EINVAL.
 */
static int ocft_kat_load(const struct ocft_kat *k, u8 *key, int *klen, u8 *in,
			 int room, int *inlen, u8 *want, int *outlen, u8 *iv)
{
	*klen = ocft_unhex(k->key, key, 64);
	*outlen = ocft_unhex(k->out, want, 64);
	if (*outlen >= 0 && k->out2) {
		int more = ocft_unhex(k->out2, want + *outlen, 64 - *outlen);

		*outlen = more < 0 ? more : *outlen + more;
	}
	if (k->in_seq) {
		for (*inlen = 0; *inlen < k->in_seq && *inlen < room; (*inlen)++)
			in[*inlen] = *inlen;
	} else if (k->text) {
		*inlen = strlen(k->in);
		if (*inlen > room)
			return -EINVAL;
		memcpy(in, k->in, *inlen);
	} else {
		*inlen = ocft_unhex(k->in, in, room);
	}
	if (*klen < 0 || *outlen < 0 || *inlen < 0 || *inlen + *outlen > room ||
	    ocft_unhex(k->iv, iv, EALG_MAX_BLOCK_LEN) < 0)
		return -EINVAL;
	return 0;
}

/* Run @k on driver @id with a flat or a scatterlist buffer; 0: right answer. */
static int ocft_kat_run(const struct ocft_kat *k, int id, bool sg_buf)
{
	bool cipher = (k->iv && !k->mac_iv) || k->alg == CRYPTO_AES_ECB || k->stream;
	struct cryptodesc d = {};
	u8 key[64], want[64], *buf;
	int klen, inlen, outlen, rc;

	buf = kzalloc(OCFT_KAT_BUF, GFP_KERNEL);	/* DMA-able, not on the stack */
	if (!buf)
		return -ENOMEM;
	if (ocft_kat_load(k, key, &klen, buf, OCFT_KAT_BUF, &inlen, want, &outlen,
			  d.crd_iv)) {
		kfree(buf);
		return -EINVAL;
	}
	d.crd_len = inlen;
	if (cipher)
		d.crd_flags = CRD_F_ENCRYPT | CRD_F_IV_EXPLICIT | CRD_F_IV_PRESENT;
	else
		d.crd_inject = inlen;
	if (k->mac_iv)
		d.crd_flags = CRD_F_IV_EXPLICIT;
	rc = ocft_lx_one(id, k->alg, key, klen, buf, inlen + (cipher ? 0 : outlen), sg_buf,
			 &d, NULL);
	if (rc == -ETIMEDOUT)
		return rc;	/* @buf is still the driver's */
	if (!rc && memcmp(buf + (cipher ? 0 : inlen), want, outlen))
		rc = -EBADMSG;
	kfree(buf);
	return rc;
}

static int t_linux_kats(void)
{
	struct crypto_driver_info info;
	bool ok = true;
	unsigned int i;
	int id;

	for (i = 0; i < ARRAY_SIZE(ocft_kats); i++) {
		const struct ocft_kat *k = &ocft_kats[i];
		char used[160] = "";
		int n = 0, rc;

		for (id = -1; ocft_next_driver(k->alg, &id, &info);) {
			rc = ocft_kat_run(k, id, false);
			if (!rc)
				rc = ocft_kat_run(k, id, true);
			if (rc) {
				ocft_diag("%s on %s: error %d", k->what, info.name, rc);
				ok = false;
			}
			strlcat(used, " ", sizeof(used));
			strlcat(used, info.name, sizeof(used));
			n++;
		}
		ocft_diag("%s: %s", k->what, n ? used : " no driver");
		if (!n)
			ok = false;
	}
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/* The first known answer of @alg (with a key, for keyed algorithms). */
static const struct ocft_kat *ocft_kat_of(int alg)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ocft_kats); i++)
		if (ocft_kats[i].alg == alg)
			return &ocft_kats[i];
	return NULL;
}

/*
 * A session of three algorithms on one Linux driver (more than the
 * transforms a session holds inline: the driver allocates them apart), one
 * request with a descriptor for each, each over its own known answer's
 * input in one buffer: the hash and the HMAC write their results after
 * their inputs, the cipher encrypts in place. Every driver that has the
 * three.
 */
static int t_linux_long_chain(void)
{
	static const int algs[] = { CRYPTO_SHA2_256, CRYPTO_SHA2_256_HMAC, CRYPTO_AES_CBC };
	struct cryptoini cri[ARRAY_SIZE(algs)] = {};
	u8 key[3][64], want[3][64], *buf;
	int off[4], klen[3], inlen[3], outlen[3];
	struct crypto_driver_info info;
	bool ok = true;
	int id, i, n = 0, rc;

	buf = kzalloc(OCFT_KAT_BUF * 3, GFP_KERNEL);
	if (!buf)
		return OCFT_FAIL;
	for (id = -1; ocft_next_driver(CRYPTO_AES_CBC, &id, &info);) {
		struct cryptop *crp;
		struct cryptodesc *d;
		crypto_session_t s;

		if (!crypto_driver_supports(id, CRYPTO_SHA2_256) ||
		    !crypto_driver_supports(id, CRYPTO_SHA2_256_HMAC))
			continue;
		n++;
		crp = crypto_getreq(ARRAY_SIZE(algs));
		if (!CHECK(crp))
			break;
		d = crp->crp_desc;
		off[0] = 0;
		for (i = 0; i < ARRAY_SIZE(algs); i++, d = d->crd_next) {
			const struct ocft_kat *k = ocft_kat_of(algs[i]);
			bool cipher = algs[i] == CRYPTO_AES_CBC;

			if (!CHECK(k) ||
			    !CHECK_EQ(ocft_kat_load(k, key[i], &klen[i], buf + off[i],
						    OCFT_KAT_BUF, &inlen[i], want[i],
						    &outlen[i], d->crd_iv), 0)) {
				crypto_freereq(crp);
				kfree(buf);
				return OCFT_FAIL;
			}
			cri[i].cri_alg = algs[i];
			cri[i].cri_klen = klen[i] * 8;
			cri[i].cri_key = key[i];
			cri[i].cri_next = i + 1 < ARRAY_SIZE(algs) ? &cri[i + 1] : NULL;
			d->crd_alg = algs[i];
			d->crd_skip = off[i];
			d->crd_len = inlen[i];
			d->crd_inject = off[i] + inlen[i];
			d->crd_flags = cipher ? CRD_F_ENCRYPT | CRD_F_IV_EXPLICIT |
						CRD_F_IV_PRESENT : 0;
			off[i + 1] = off[i] + inlen[i] + (cipher ? 0 : outlen[i]);
		}
		rc = crypto_newsession(&s, cri, id);
		if (!CHECK_EQ(rc, 0) || !CHECK_EQ(crypto_session_nparts(s), 1)) {
			if (!rc)
				crypto_freesession(s);
			crypto_freereq(crp);
			ok = false;
			continue;
		}
		CHECK_EQ(crypto_session_driver(s, CRYPTO_SHA2_256_HMAC, 0), id);
		crp->crp_session = s;
		crp->crp_ilen = off[ARRAY_SIZE(algs)];
		crp->crp_buf = buf;
		rc = ocft_kat_dispatch(crp);
		if (rc == -ETIMEDOUT) {
			ocft_diag("%s: no completion", info.name);
			return OCFT_FAIL;	/* @buf and the request are the driver's */
		}
		if (!CHECK_EQ(rc, 0))
			ok = false;
		for (i = 0; i < ARRAY_SIZE(algs); i++) {
			int at = off[i] + (algs[i] == CRYPTO_AES_CBC ? 0 : inlen[i]);

			if (memcmp(buf + at, want[i], outlen[i])) {
				ocft_diag("%s: algorithm %d of the chain: wrong answer",
					  info.name, algs[i]);
				ok = false;
			}
		}
		ocft_diag("three algorithms in one session on %s", info.name);
		crypto_freereq(crp);
		crypto_freesession(s);
		memset(buf, 0, OCFT_KAT_BUF * 3);
	}
	kfree(buf);
	return ok && n ? OCFT_PASS : OCFT_FAIL;
}

/*
 * One request on session @s (@crp, of two descriptors): the first with
 * @flags over @len bytes of @buf, the second (@two) another @alg over them.
 */
static int ocft_part_run(crypto_session_t s, int alg, int flags, u8 *buf, int len,
			 u8 *mac, struct cryptop *crp, bool two)
{
	crypto_clearreq(crp, 2);
	crp->crp_session = s;
	crp->crp_buf = buf;
	crp->crp_ilen = len;
	crp->crp_mac = mac;
	crp->crp_flags = CRYPTO_F_CBIMM;
	crp->crp_desc->crd_alg = alg;
	crp->crp_desc->crd_len = len;
	crp->crp_desc->crd_flags = flags;
	if (two) {
		crp->crp_desc->crd_next->crd_alg = alg;
		crp->crp_desc->crd_next->crd_len = len;
	} else {
		crp->crp_desc->crd_next = NULL;
	}
	return ocft_kat_dispatch(crp);
}

/*
 * A hash and an HMAC in parts (CRD_F_MAC_MORE/CONT, the extension that
 * /dev/crypto's multi-call hashes use past max_request), on every driver
 * that offers it for them: three parts give the one-shot answer (which the
 * known answers check), a part with MORE writes no result, CONT with no
 * running hash (and after the last part) is EINVAL, a part without CONT
 * starts over, and MORE is refused with a second descriptor or on a cipher.
 */
static int t_linux_hash_parts(void)
{
	static const int algs[] = { CRYPTO_SHA2_256, CRYPTO_SHA2_256_HMAC, CRYPTO_SHA1 };
	const int len = 3000, mlen = 32;
	struct crypto_driver_info info;
	struct cryptoini cri = {};
	u8 *buf, want[64], mac[64], key[20];
	struct cryptop *crp;
	bool ok = true;
	int i, id, n = 0, dl;
	crypto_session_t s;

	buf = kmalloc(len, GFP_KERNEL);
	crp = crypto_getreq(2);
	if (!CHECK(buf && crp))
		goto out;
	ocft_fill(buf, len, 21);
	ocft_key_fill(key, sizeof(key), 22);
	for (i = 0; i < ARRAY_SIZE(algs); i++) {
		dl = algs[i] == CRYPTO_SHA1 ? 20 : mlen;
		for (id = -1; ocft_next_driver(algs[i], &id, &info);) {
			cri.cri_alg = algs[i];
			cri.cri_klen = algs[i] == CRYPTO_SHA2_256_HMAC ? 160 : 0;
			cri.cri_key = cri.cri_klen ? key : NULL;
			if (!CHECK_EQ(crypto_newsession(&s, &cri, id), 0))
				continue;
			if (!crypto_session_mac_partial(s, algs[i])) {
				/* such a driver refuses the flags */
				CHECK_EQ(ocft_part_run(s, algs[i], CRD_F_MAC_MORE, buf, 64,
						       mac, crp, false), EINVAL);
				crypto_freesession(s);
				continue;
			}
			n++;
			CHECK_EQ(ocft_part_run(s, algs[i], 0, buf, len, want, crp, false), 0);
			/* nothing to continue yet */
			CHECK_EQ(ocft_part_run(s, algs[i], CRD_F_MAC_CONT, buf, 64, mac, crp,
					       false), EINVAL);
			/* a false start, then the message in three parts */
			CHECK_EQ(ocft_part_run(s, algs[i], CRD_F_MAC_MORE, buf + 7, 100,
					       mac, crp, false), 0);
			memset(mac, 0xa5, sizeof(mac));
			CHECK_EQ(ocft_part_run(s, algs[i], CRD_F_MAC_MORE, buf, 1000, mac,
					       crp, false), 0);
			CHECK(!memchr_inv(mac, 0xa5, sizeof(mac)));	/* no result yet */
			CHECK_EQ(ocft_part_run(s, algs[i], CRD_F_MAC_MORE | CRD_F_MAC_CONT,
					       buf + 1000, 999, mac, crp, false), 0);
			CHECK_EQ(ocft_part_run(s, algs[i], CRD_F_MAC_CONT, buf + 1999,
					       len - 1999, mac, crp, false), 0);
			if (memcmp(mac, want, dl)) {
				ocft_diag("algorithm %d on %s: the parts differ from one shot",
					  algs[i], info.name);
				ok = false;
			}
			/* the last part ended it */
			CHECK_EQ(ocft_part_run(s, algs[i], CRD_F_MAC_CONT, buf, 64, mac, crp,
					       false), EINVAL);
			ocft_diag("algorithm %d in parts on %s", algs[i], info.name);
			crypto_freesession(s);
		}
	}
	if (!CHECK(n >= 3))	/* each at least on the generic driver */
		goto out;

	/* MORE with a second descriptor, or on a cipher: EINVAL */
	cri.cri_alg = CRYPTO_SHA2_256;
	cri.cri_klen = 0;
	cri.cri_key = NULL;
	cri.cri_next = NULL;
	if (CHECK_EQ(crypto_newsession(&s, &cri, CRYPTOCAP_F_SOFTWARE), 0)) {
		CHECK_EQ(ocft_part_run(s, CRYPTO_SHA2_256, CRD_F_MAC_MORE, buf, 64, mac,
				       crp, true), EINVAL);
		crypto_freesession(s);
	}
	cri.cri_alg = CRYPTO_AES_CBC;
	cri.cri_klen = 128;
	cri.cri_key = key;
	if (CHECK_EQ(crypto_newsession(&s, &cri, CRYPTOCAP_F_SOFTWARE), 0)) {
		CHECK(!crypto_session_mac_partial(s, CRYPTO_AES_CBC));
		CHECK_EQ(ocft_part_run(s, CRYPTO_AES_CBC, CRD_F_MAC_MORE | CRD_F_ENCRYPT,
				       buf, 64, mac, crp, false), EINVAL);
		crypto_freesession(s);
	}
out:
	crypto_freereq(crp);
	kfree(buf);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/* The guest's virtio-crypto device: a hardware driver serving AES-CBC. */
static int t_linux_virtio_hw(void)
{
	struct crypto_driver_info info;
	const struct ocft_kat *k = &ocft_kats[0];
	u64 before;
	bool ok = true;
	int id = crypto_find_driver("virtio_crypto");

	if (id < 0)
		return ocft_skip("no virtio_crypto driver (no virtio-crypto device)");
	if (!CHECK_EQ(crypto_driver_info(id, &info), 0))
		return OCFT_FAIL;
	CHECK(info.flags & CRYPTOCAP_F_HARDWARE);
	CHECK(crypto_driver_supports(id, CRYPTO_AES_CBC));
	CHECK_EQ(crypto_find_driver(info.name), id);
	before = info.ops;
	/*
	 * A hardware-class session for AES-CBC lands on a hardware driver: this
	 * one, unless one of the test's fake hardware drivers won on cost.
	 */
	{
		struct cryptoini cri = { .cri_alg = CRYPTO_AES_CBC, .cri_klen = 128 };
		u8 key[16] = {};
		crypto_session_t s;

		cri.cri_key = key;
		if (CHECK_EQ(crypto_newsession(&s, &cri, CRYPTOCAP_F_HARDWARE), 0)) {
			int got = crypto_session_driver(s, CRYPTO_AES_CBC, 0);

			CHECK(got == id || ocft_is_ours(got));
			CHECK_EQ(crypto_freesession(s), 0);
		}
		if (CHECK_EQ(crypto_newsession(&s, &cri, id), 0)) {
			CHECK_EQ(crypto_session_driver(s, CRYPTO_AES_CBC, 0), id);
			CHECK_EQ(crypto_freesession(s), 0);
		}
	}
	CHECK_EQ(ocft_kat_run(k, id, false), 0);
	CHECK_EQ(crypto_driver_info(id, &info), 0);
	CHECK(info.ops > before);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

struct ocft_aead_kat {
	const char *what;
	int alg;
	const char *key, *iv, *aad;	/* hex */
	const char *pt[4];		/* hex pieces, concatenated */
	const char *ct[5];		/* hex pieces: ciphertext || tag */
};

#define GCM_KEY "feffe9928665731c6d6a8f9467308308"
#define GCM_IV "cafebabefacedbaddecaf888"
#define GCM_AAD "feedfacedeadbeeffeedfacedeadbeefabaddad2"
#define GCM_PT1 "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
#define GCM_PT2 "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39"

/* NIST GCM test case 4, RFC 8439 2.8.2; the CCM result computed with OpenSSL */
static const struct ocft_aead_kat ocft_aead_kats[] = {
	{ "AES-128-GCM (NIST test case 4)", CRYPTO_AES_GCM, GCM_KEY, GCM_IV, GCM_AAD,
	  { GCM_PT1, GCM_PT2 },
	  { "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e",
	    "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
	    "5bc94fbc3221a5db94fae95ae7121a47" } },
	{ "AES-128-CCM (12-byte nonce, 16-byte tag)", CRYPTO_AES_CCM_16, GCM_KEY, GCM_IV,
	  GCM_AAD, { GCM_PT1, GCM_PT2 },
	  { "0893e94b9148801af0f73426abb00e3ca49bf09d79a20127a7eb1926fa890537",
	    "87ff02d07d71813b885b85e7f96c4eedf420db126a0451ce13bd41ba",
	    "0238c326b47b34f78f659e751096cd22" } },
	{ "ChaCha20-Poly1305 (RFC 8439 2.8.2)", CRYPTO_CHACHA20_POLY1305,
	  "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f",
	  "070000004041424344454647", "50515253c0c1c2c3c4c5c6c7",
	  { "4c616469657320616e642047656e746c656d656e206f662074686520636c6173",
	    "73206f66202739393a204966204920636f756c64206f6666657220796f75206f",
	    "6e6c79206f6e652074697020666f7220746865206675747572652c2073756e73",
	    "637265656e20776f756c642062652069742e" },
	  { "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6",
	    "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36",
	    "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc",
	    "3ff4def08e4b7a9de576d26586cec64b6116",
	    "1ae10b594f09e26a7e902ecbd0600691" } },
};

/* Concatenate hex pieces into @out. */
static int ocft_hexcat_n(const char * const *pieces, int npieces, u8 *out, int max)
{
	int n = 0, m, i;

	for (i = 0; i < npieces && pieces[i]; i++) {
		m = ocft_unhex(pieces[i], out + n, max - n);
		if (m < 0)
			return m;
		n += m;
	}
	return n;
}

/*
 * One AEAD operation on driver @id: buffer = AAD || data, tag at the end of
 * the buffer. @mode 0: encrypt and compare; 1: decrypt and compare; 2:
 * decrypt with the tag's first bit flipped, which must fail.
 */
static int ocft_aead_run(const struct ocft_aead_kat *k, int id, int mode)
{
	u8 key[32], pt[128], ct[160], *buf;
	struct cryptodesc d = {};
	int klen, aadlen, ptlen, ctlen, rc;

	klen = ocft_unhex(k->key, key, sizeof(key));
	ptlen = ocft_hexcat_n(k->pt, ARRAY_SIZE(k->pt), pt, sizeof(pt));
	ctlen = ocft_hexcat_n(k->ct, ARRAY_SIZE(k->ct), ct, sizeof(ct));
	buf = kzalloc(256, GFP_KERNEL);
	if (!buf || klen < 0 || ptlen < 0 || ctlen < ptlen + 16) {
		kfree(buf);
		return -EINVAL;
	}
	aadlen = ocft_unhex(k->aad, buf, 64);
	memcpy(buf + aadlen, mode ? ct : pt, mode ? ctlen : ptlen);
	if (mode == 2)
		buf[aadlen + ptlen] ^= 0x80;
	d.crd_len = aadlen + ptlen;
	d.crd_aadlen = aadlen;
	d.crd_inject = aadlen + ptlen;
	d.crd_flags = CRD_F_IV_EXPLICIT | (mode ? 0 : CRD_F_ENCRYPT);
	ocft_unhex(k->iv, d.crd_iv, EALG_MAX_BLOCK_LEN);
	rc = ocft_lx_one(id, k->alg, key, klen, buf, aadlen + ptlen + 16, false, &d, NULL);
	if (rc == -ETIMEDOUT)
		return rc;	/* @buf is still the driver's */
	if (rc >= 1000)
		rc -= 1000;
	if (!rc && memcmp(buf + aadlen, mode ? pt : ct, mode ? ptlen : ctlen))
		rc = -EBADMSG;
	kfree(buf);
	return rc;
}

static int t_linux_aead(void)
{
	struct crypto_driver_info info;
	bool ok = true;
	unsigned int i;
	int id, rc;

	for (i = 0; i < ARRAY_SIZE(ocft_aead_kats); i++) {
		const struct ocft_aead_kat *k = &ocft_aead_kats[i];
		char used[160] = "";
		int n = 0;

		for (id = -1; ocft_next_driver(k->alg, &id, &info);) {
			rc = ocft_aead_run(k, id, 0);
			if (!rc)
				rc = ocft_aead_run(k, id, 1);
			if (rc)
				ocft_diag("%s on %s: error %d", k->what, info.name, rc);
			ok &= !rc;
			rc = ocft_aead_run(k, id, 2);
			if (rc != EBADMSG) {
				ocft_diag("%s on %s: bad tag gave %d, not EBADMSG", k->what,
					  info.name, rc);
				ok = false;
			}
			strlcat(used, " ", sizeof(used));
			strlcat(used, info.name, sizeof(used));
			n++;
		}
		ocft_diag("%s: %s", k->what, n ? used : " no driver");
		if (!n)
			ok = false;
	}
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/* Where the layouts test puts the descriptor and the tag. */
struct ocft_aead_layout {
	const char *what;
	int skip;		/* crd_skip */
	int tag;		/* crd_inject: -1 right after the range, else this */
	int gap;		/* with -1: this many bytes after the range */
	bool inplace;		/* the driver runs it on the buffer, not a copy */
	bool cut;		/* the buffer ends 6 bytes into the tag: EINVAL */
};

static const struct ocft_aead_layout ocft_aead_layouts[] = {
	{ "tag after the data, skip 5", 5, -1, 0, true },
	{ "tag before the data", 21, 3, 0, false },
	{ "tag 3 bytes after the data", 5, -1, 3, false },
	{ "tag 3 bytes after the data, past the end", 5, -1, 3, false, true },
};

/*
 * One AEAD operation of @k on driver @id with layout @l on a buffer of
 * @kind, its bytes around the descriptor and tag set to 0x5a. @mode as
 * ocft_aead_run(). The whole buffer must come out as expected: the
 * ciphertext and the tag at crd_inject, or the plaintext, or after a bad
 * tag (EBADMSG) no unverified plaintext: zeros in place, the ciphertext
 * when the driver worked on a copy. Returns 0 or a diagnosed error.
 */
static int ocft_aead_layout_run(const struct ocft_aead_kat *k, int id,
				const struct ocft_aead_layout *l,
				enum ocft_bufkind kind, int mode)
{
	struct cryptoini cri = { .cri_alg = k->alg };
	u8 key[32], pt[128], ct[160], aad[64];
	int klen, aadlen, ptlen, ctlen, inject, ilen, rc;
	struct cryptodesc *d;
	u8 *img, *want, *got;
	struct ocft_req *r;
	crypto_session_t s;
	bool ok = true;

	klen = ocft_unhex(k->key, key, sizeof(key));
	aadlen = ocft_unhex(k->aad, aad, sizeof(aad));
	ptlen = ocft_hexcat_n(k->pt, ARRAY_SIZE(k->pt), pt, sizeof(pt));
	ctlen = ocft_hexcat_n(k->ct, ARRAY_SIZE(k->ct), ct, sizeof(ct));
	if (klen < 0 || aadlen < 0 || ptlen < 0 || ctlen != ptlen + 16)
		return -EINVAL;
	inject = l->tag < 0 ? l->skip + aadlen + ptlen + l->gap : l->tag;
	ilen = l->cut ? inject + 6 : max(l->skip + aadlen + ptlen, inject + 16) + 4;
	img = kmalloc_array(3, ilen, GFP_KERNEL);
	if (!img)
		return -ENOMEM;
	want = img + ilen;
	got = want + ilen;
	memset(img, 0x5a, ilen);
	memcpy(img + l->skip, aad, aadlen);
	memcpy(img + l->skip + aadlen, mode ? ct : pt, ptlen);
	if (mode)
		memcpy(img + inject, ct + ptlen, min(16, ilen - inject));
	if (mode == 2)
		img[inject] ^= 0x80;
	memcpy(want, img, ilen);
	if (l->cut) {
		/* nothing written: refused before the data changes */
	} else if (!mode) {
		memcpy(want + l->skip + aadlen, ct, ptlen);
		memcpy(want + inject, ct + ptlen, 16);
	} else if (mode == 1) {
		memcpy(want + l->skip + aadlen, pt, ptlen);
	} else if (l->inplace) {
		memset(want + l->skip + aadlen, 0, ptlen);
	}

	cri.cri_klen = klen * 8;
	cri.cri_key = key;
	rc = crypto_newsession(&s, &cri, id);
	if (rc) {
		kfree(img);
		return 1000 + rc;
	}
	r = ocft_req_new(ilen, kind, GFP_KERNEL);
	if (!r) {
		crypto_freesession(s);
		kfree(img);
		return -ENOMEM;
	}
	r->crp.crp_session = s;
	d = r->crp.crp_desc;
	d->crd_alg = k->alg;
	d->crd_skip = l->skip;
	d->crd_len = aadlen + ptlen;
	d->crd_aadlen = aadlen;
	d->crd_inject = inject;
	d->crd_flags = CRD_F_IV_EXPLICIT | (mode ? 0 : CRD_F_ENCRYPT);
	ocft_unhex(k->iv, d->crd_iv, EALG_MAX_BLOCK_LEN);
	ocft_req_write(r, img);
	rc = ocft_submit_wait(r, &ok);
	if (rc == -1 && r->leaked) {
		kfree(img);
		return -ETIMEDOUT;	/* @r and the session are still the driver's */
	}
	CHECK_EQ(rc, l->cut ? EINVAL : mode == 2 ? EBADMSG : 0);
	ocft_req_read(r, got);
	CHECK(!memcmp(got, want, ilen));
	ocft_req_free(r);
	crypto_freesession(s);
	kfree(img);
	return ok ? 0 : -EBADMSG;
}

/*
 * The AEAD vectors in other layouts than AAD | data | tag at 0, on every
 * driver of each and every kind of buffer: the tag right after the data
 * with the descriptor at crd_skip 5 (the driver runs it in place), and the
 * tag elsewhere (before the data, or 3 bytes after it: on a copy);
 * encryption, decryption, and a bad tag. A tag that would end past the
 * buffer is EINVAL with the buffer untouched (not the data encrypted and
 * then the tag refused).
 */
static int t_linux_aead_layouts(void)
{
	static const enum ocft_bufkind kinds[] = { OCFT_BUF_FLAT, OCFT_BUF_SG, OCFT_BUF_IOV };
	static const char * const kname[] = { "flat", "sg", "iov" };
	const int nl = ARRAY_SIZE(ocft_aead_layouts), nk = ARRAY_SIZE(kinds);
	struct crypto_driver_info info;
	unsigned int i;
	bool ok = true;
	int id, c, rc;

	for (i = 0; i < ARRAY_SIZE(ocft_aead_kats); i++) {
		const struct ocft_aead_kat *k = &ocft_aead_kats[i];
		int n = 0;

		for (id = -1; ocft_next_driver(k->alg, &id, &info); n++) {
			/* every layout, buffer kind and mode */
			for (c = 0; c < nl * nk * 3; c++) {
				const struct ocft_aead_layout *l = &ocft_aead_layouts[c / (nk * 3)];
				int b = c / 3 % nk, mode = c % 3;

				rc = ocft_aead_layout_run(k, id, l, kinds[b], mode);
				if (!rc)
					continue;
				ocft_diag("%s on %s, %s, %s, mode %d: error %d", k->what,
					  info.name, l->what, kname[b], mode, rc);
				ok = false;
				if (rc == -ETIMEDOUT)
					return OCFT_FAIL;
			}
		}
		ocft_diag("%s: %d driver(s)", k->what, n);
		if (!n)
			ok = false;
	}
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/*
 * One CCM CBC-MAC over the data of the first AES-128 vector on driver @id,
 * with a session truncating to @mlen (0: none), the descriptor's @flags and
 * @nonce; the data's first bit flipped with @flip. The 16 bytes after the
 * data (filled with 0xa5 before) go to @tag.
 */
static int ocft_cbcmac_run(int id, int mlen, int flags, const u8 *nonce, bool flip, u8 *tag)
{
	const struct ocft_kat *k = &ocft_kats[0];
	struct cryptoini cri = { .cri_alg = CRYPTO_AES_CCM_CBC_MAC, .cri_mlen = mlen };
	struct cryptodesc d = { .crd_flags = flags };
	u8 key[16], *buf;
	int len, rc;

	while (k->alg != CRYPTO_AES_CCM_CBC_MAC)
		k++;
	buf = kzalloc(128, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	len = ocft_unhex(k->in, buf, 64);
	if (len < 0 || ocft_unhex(k->key, key, sizeof(key)) != 16) {
		kfree(buf);
		return -EINVAL;
	}
	if (flip)
		buf[0] ^= 0x80;
	memset(buf + len, 0xa5, 16);
	cri.cri_klen = 128;
	cri.cri_key = key;
	memcpy(d.crd_iv, nonce, 12);
	d.crd_len = len;
	d.crd_inject = len;
	rc = ocft_lx_one_ini(id, &cri, buf, len + 16, false, &d, NULL);
	if (rc == -ETIMEDOUT)
		return rc;	/* @buf is still the driver's */
	memcpy(tag, buf + len, 16);
	kfree(buf);
	return rc;
}

/*
 * CCM's CBC-MAC beyond its known answers: the nonce is required (EINVAL
 * without CRD_F_IV_EXPLICIT), the tag depends on the data and the nonce (a
 * consumer comparing with the known tag rejects a flipped bit or another
 * nonce), and cri_mlen truncates the 16-byte tag, leaving the rest of the
 * buffer alone.
 */
static int t_linux_ccm_cbc_mac(void)
{
	const struct ocft_kat *k = &ocft_kats[0];
	struct crypto_driver_info info;
	u8 nonce[12], other[12], want[16], tag[16];
	bool ok = true;
	int id, n = 0;

	while (k->alg != CRYPTO_AES_CCM_CBC_MAC)
		k++;
	if (ocft_unhex(k->iv, nonce, sizeof(nonce)) != 12 ||
	    ocft_unhex(k->out, want, sizeof(want)) != 16)
		return OCFT_FAIL;
	memcpy(other, nonce, 12);
	other[11] ^= 1;
	for (id = -1; ocft_next_driver(CRYPTO_AES_CCM_CBC_MAC, &id, &info);) {
		ocft_diag("%s", info.name);
		n++;
		if (CHECK_EQ(ocft_cbcmac_run(id, 0, CRD_F_IV_EXPLICIT, nonce, false, tag), 0))
			CHECK(!memcmp(tag, want, 16));
		CHECK_EQ(ocft_cbcmac_run(id, 0, 0, nonce, false, tag), EINVAL);
		if (CHECK_EQ(ocft_cbcmac_run(id, 0, CRD_F_IV_EXPLICIT, nonce, true, tag), 0))
			CHECK(memcmp(tag, want, 16));
		if (CHECK_EQ(ocft_cbcmac_run(id, 0, CRD_F_IV_EXPLICIT, other, false, tag), 0))
			CHECK(memcmp(tag, want, 16));
		if (CHECK_EQ(ocft_cbcmac_run(id, 8, CRD_F_IV_EXPLICIT, nonce, false, tag), 0)) {
			CHECK(!memcmp(tag, want, 8));
			CHECK(!memchr_inv(tag + 8, 0xa5, 8));
		}
	}
	if (!n)
		return ocft_skip("no Linux driver offers CCM's CBC-MAC");
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/* Raw deflate (zlib, windowBits -11) of DEFLATE_TEXT, made with Python's zlib */
#define DEFLATE_TEXT "opencrypto opencrypto opencrypto: the crypto(9) framework on Linux, opencrypto!"
static const char * const deflate_hex[] = {
	"cb2f48cd4b2eaa2c28c957c8c7c6b45228c9485580b0352c3515d28a127353cb",
	"f38bb215f2f3147c32f34a2b7490542b0200",
};

/* One (de)compression on driver @id of @len bytes in @buf (256 bytes). */
static bool ocft_comp_leaked;	/* a request timed out: its buffer is the driver's */

static int ocft_comp_run(int id, u8 *buf, int len, bool comp, int *olen)
{
	struct cryptodesc d = { .crd_len = len, .crd_flags = comp ? CRD_F_COMP : 0 };
	int rc;

	if (ocft_comp_leaked)
		return -ETIMEDOUT;
	rc = ocft_lx_one(id, CRYPTO_DEFLATE_COMP, NULL, 0, buf, 256, false, &d, olen);
	if (rc == -ETIMEDOUT)
		ocft_comp_leaked = true;
	return rc;
}

/* DEFLATE: a known stream decompresses right; compress, then back. */
static int t_linux_deflate(void)
{
	static const char text[] = DEFLATE_TEXT;
	struct crypto_driver_info info;
	bool ok = true;
	int id, n = 0, len, olen;
	u8 *buf = kzalloc(256, GFP_KERNEL);

	if (!buf)
		return OCFT_FAIL;
	for (id = -1; ocft_next_driver(CRYPTO_DEFLATE_COMP, &id, &info);) {
		n++;
		ocft_diag("%s", info.name);
		memset(buf, 0, 256);
		len = ocft_hexcat_n(deflate_hex, ARRAY_SIZE(deflate_hex), buf, 256);
		if (CHECK_EQ(ocft_comp_run(id, buf, len, false, &olen), 0)) {
			CHECK_EQ(olen, (int)strlen(text));
			CHECK(!memcmp(buf, text, strlen(text)));
		}
		memset(buf, 0, 256);
		memcpy(buf, text, strlen(text));
		if (CHECK_EQ(ocft_comp_run(id, buf, strlen(text), true, &olen), 0)) {
			CHECK(olen > 0 && olen < (int)strlen(text));
			if (CHECK_EQ(ocft_comp_run(id, buf, olen, false, &olen), 0)) {
				CHECK_EQ(olen, (int)strlen(text));
				CHECK(!memcmp(buf, text, strlen(text)));
			}
		}
		/* garbage does not decompress */
		memset(buf, 0xff, 256);
		CHECK(ocft_comp_run(id, buf, 64, false, &olen) != 0);
	}
	if (!ocft_comp_leaked)
		kfree(buf);
	if (!n)
		return ocft_skip("no Linux driver offers DEFLATE");
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/* One AES-CBC request on driver @id shaped by the arguments; its crp_etype. */
static int ocft_bad_req(int id, int klen, int ilen, int skip, int len, int flags, int inject)
{
	static const u8 key[32];
	struct cryptodesc d = {
		.crd_skip = skip, .crd_len = len, .crd_flags = flags, .crd_inject = inject,
	};
	u8 *buf = kzalloc(64, GFP_KERNEL);
	int rc;

	if (!buf)
		return -ENOMEM;
	if (flags & CRD_F_KEY_EXPLICIT) {
		d.crd_key = (u8 *)key;
		d.crd_klen = 128;
	}
	rc = ocft_lx_one(id, CRYPTO_AES_CBC, key, klen, buf, ilen, false, &d, NULL);
	if (rc != -ETIMEDOUT)
		kfree(buf);
	return rc;
}

/* Bad input through the Linux drivers: a clear errno each time, no crash. */
static int t_linux_bad_input(void)
{
	const int enc = CRD_F_ENCRYPT | CRD_F_IV_EXPLICIT;
	struct crypto_driver_info info;
	struct cryptoini cri = { .cri_alg = CRYPTO_AES_CCM_CBC_MAC, .cri_klen = 128 };
	u8 key[16] = {};
	crypto_session_t s;
	bool ok = true;
	int id, n = 0;

	/* an algorithm no driver serves (yet): no session */
	cri.cri_key = key;
	if (!ocft_alg_used(CRYPTO_AES_CCM_CBC_MAC, 0))
		CHECK_EQ(crypto_newsession(&s, &cri, CRYPTOCAP_F_HARDWARE | CRYPTOCAP_F_SOFTWARE),
			 EOPNOTSUPP);
	else
		ocft_diag("CRYPTO_AES_CCM_CBC_MAC has a driver: EOPNOTSUPP not checked here");
	for (id = -1; ocft_next_driver(CRYPTO_AES_CBC, &id, &info);) {
		ocft_diag("%s:", info.name);
		n++;
		/* a sane request works, to show the others fail for their reason */
		CHECK_EQ(ocft_bad_req(id, 16, 32, 0, 32, enc, 0), 0);
		/* key lengths AES does not have (within the framework's range) */
		CHECK_EQ(ocft_bad_req(id, 17, 32, 0, 32, enc, 0), 1000 + EINVAL);
		CHECK_EQ(ocft_bad_req(id, 20, 32, 0, 32, enc, 0), 1000 + EINVAL);
		/* descriptor outside the buffer */
		CHECK_EQ(ocft_bad_req(id, 16, 32, 16, 32, enc, 0), EINVAL);
		/* not a multiple of the block size */
		CHECK_EQ(ocft_bad_req(id, 16, 32, 0, 15, enc, 0), EINVAL);
		/* decrypting with the IV to be read past the end of the buffer */
		CHECK_EQ(ocft_bad_req(id, 16, 32, 0, 16, 0, 24), EINVAL);
		/* a per-request key that is the session's (the rest: explicit_keys) */
		CHECK_EQ(ocft_bad_req(id, 16, 32, 0, 32, enc | CRD_F_KEY_EXPLICIT, 0), 0);
	}
	if (!n)
		return ocft_skip("no Linux driver offers AES-CBC");
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/*
 * Per-request keys (CRD_F_KEY_EXPLICIT). Each table: the session's key
 * first, then two others, each with a known answer for its own data.
 * AES-CBC: SP 800-38A F.2.1, F.2.5 (AES-256) and F.2.3 (AES-192), one
 * plaintext and IV. HMAC-SHA256: RFC 4231 cases 2, 6 (a 131-byte key,
 * longer than the block) and 1.
 */
struct ocft_xk_vec {
	const char *key;	/* hex; NULL: @nrep bytes of @rep */
	u8 rep;
	int nrep;
	const char *in;		/* hex, or text when @text */
	bool text;
	const char *out;	/* hex */
	const char *out2;	/* hex, the rest of a long @out */
};

static const struct ocft_xk_vec ocft_xk_aes[] = {
	{ AES128, 0, 0, PT2, false, "7649abac8119b246cee98e9b12e9197d",
	  "5086cb9b507219ee95db113a917678b2" },
	{ "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4", 0, 0, PT2,
	  false, "f58c4c04d6e5f1ba779eabfb5f7bfbd6", "9cfc4e967edb808d679f777bc6702c7d" },
	{ "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b", 0, 0, PT2, false,
	  "4f021db243bc633d7178183a9fa071e8", "b4d9ada9ad7dedf4e5e738763f69145a" },
};

static const struct ocft_xk_vec ocft_xk_hmac[] = {
	{ "4a656665", 0, 0, "what do ya want for nothing?", true,
	  "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
	{ NULL, 0xaa, 131, "Test Using Larger Than Block-Size Key - Hash Key First", true,
	  "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54" },
	{ NULL, 0x0b, 20, "Hi There", true,
	  "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
};

#define OCFT_XK_NKEY 3
#define OCFT_XK_BURST 32

/* A table decoded; the keys stay here while requests use them. */
struct ocft_xk {
	int alg;
	bool cipher;
	u8 key[OCFT_XK_NKEY][160];
	int klen[OCFT_XK_NKEY];
	u8 in[OCFT_XK_NKEY][64];
	int inlen[OCFT_XK_NKEY];
	u8 out[OCFT_XK_NKEY][32];
	int outlen[OCFT_XK_NKEY];
	u8 bad[17];			/* a key of a length AES does not have */
	struct ocft_req *r[OCFT_XK_BURST];
	struct ocft_group *g;
};

static int ocft_xk_decode(struct ocft_xk *x, int alg, const struct ocft_xk_vec *v)
{
	int i, n;

	x->alg = alg;
	x->cipher = alg == CRYPTO_AES_CBC;
	for (i = 0; i < OCFT_XK_NKEY; i++) {
		if (v[i].key) {
			x->klen[i] = ocft_unhex(v[i].key, x->key[i], sizeof(x->key[i]));
		} else {
			memset(x->key[i], v[i].rep, v[i].nrep);
			x->klen[i] = v[i].nrep;
		}
		if (v[i].text) {
			x->inlen[i] = strlen(v[i].in);
			memcpy(x->in[i], v[i].in, x->inlen[i]);
		} else {
			x->inlen[i] = ocft_unhex(v[i].in, x->in[i], sizeof(x->in[i]));
		}
		x->outlen[i] = ocft_unhex(v[i].out, x->out[i], sizeof(x->out[i]));
		n = ocft_unhex(v[i].out2, x->out[i] + max(x->outlen[i], 0),
			       sizeof(x->out[i]) - max(x->outlen[i], 0));
		if (x->klen[i] < 0 || x->inlen[i] < 0 || x->outlen[i] < 0 || n < 0)
			return -EINVAL;
		x->outlen[i] += n;
	}
	memset(x->bad, 0x42, sizeof(x->bad));
	return 0;
}

/*
 * Make @r one request on @s over the data of key @k's vector: with key @k
 * as its own key (@k > 0, or 0: the session's key given explicitly), the
 * session's (@k < 0: no flag), or the 17-byte bad key (@k == 99). Cipher:
 * encrypt in place; HMAC: the MAC after the data.
 */
static void ocft_xk_prep(struct ocft_xk *x, struct ocft_req *r, crypto_session_t s, int k)
{
	static const u8 iv[16] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };
	struct cryptodesc *d = &r->crd[0];
	int v = k < 0 || k == 99 ? 0 : k;

	ocft_req_reset(r);
	memset(r->flat, 0, r->len);
	memcpy(r->flat, x->in[v], x->inlen[v]);
	memset(d, 0, sizeof(*d));
	r->crp.crp_session = s;
	r->crp.crp_ilen = x->inlen[v] + (x->cipher ? 0 : 32);
	d->crd_alg = x->alg;
	d->crd_len = x->inlen[v];
	if (x->cipher) {
		d->crd_flags = CRD_F_ENCRYPT | CRD_F_IV_EXPLICIT | CRD_F_IV_PRESENT;
		memcpy(d->crd_iv, iv, 16);
	} else {
		d->crd_inject = x->inlen[v];
	}
	if (k == 99) {
		d->crd_flags |= CRD_F_KEY_EXPLICIT;
		d->crd_key = x->bad;
		d->crd_klen = sizeof(x->bad) * 8;
	} else if (k >= 0) {
		d->crd_flags |= CRD_F_KEY_EXPLICIT;
		d->crd_key = x->key[k];
		d->crd_klen = x->klen[k] * 8;
	}
}

/* Is @r's result the known answer of key @k's vector (@k < 0: the session's)? */
static bool ocft_xk_right(struct ocft_xk *x, struct ocft_req *r, int k)
{
	int v = k < 0 ? 0 : k;

	return !memcmp(r->flat + (x->cipher ? 0 : x->inlen[v]), x->out[v], x->outlen[v]);
}

/*
 * One by one on a session keyed with key 0: its own key, the session's key
 * afterwards (the explicit one applied to its request only), the same key
 * again (kept by the key transform), the session's key given explicitly, a
 * bad one (AES only), recovery, and another key.
 */
static bool ocft_xk_serial(struct ocft_xk *x, struct ocft_req *r, crypto_session_t s)
{
	static const int seq[] = { -1, 1, -1, 1, 0, 99, 1, 2, 1, -1, 2 };
	bool ok = true;
	unsigned int i;
	int rc;

	for (i = 0; i < ARRAY_SIZE(seq); i++) {
		int k = seq[i];

		if (k == 99 && !x->cipher)
			continue;	/* HMAC takes keys of any length */
		ocft_xk_prep(x, r, s, k);
		rc = ocft_submit_wait(r, &ok);
		if (r->leaked)
			return false;
		if (k == 99) {
			if (rc != EINVAL) {
				ocft_diag("  step %u: a 17-byte key gave %d, not EINVAL", i, rc);
				ok = false;
			}
			continue;
		}
		if (rc || !ocft_xk_right(x, r, k)) {
			ocft_diag("  step %u (%s key %d): error %d, %s answer", i,
				  k < 0 ? "session" : "explicit", k, rc,
				  rc ? "no" : "wrong");
			ok = false;
		}
	}
	return ok;
}

/*
 * OCFT_XK_BURST requests at once with CRYPTO_F_ASYNC_KEEPORDER: by turns
 * the session's key, key 1, key 2 (the key transform changes key while
 * requests run on it) and the session's key given explicitly. Every one
 * right, the callbacks in submission order. With @teardown, the session is
 * freed at once, while requests wait for the key transform: those inside
 * the driver complete right, those still in the framework's queue with
 * EBADF, each once.
 */
static bool ocft_xk_burst(struct ocft_xk *x, crypto_session_t s, bool teardown)
{
	static const int turn[] = { -1, 1, 2, 0 };
	int i, bad = 0, misorder = 0, gone = 0;
	bool ok = true;

	x->g = ocft_group_new(OCFT_XK_BURST);
	if (!CHECK(x->g))
		return false;
	for (i = 0; i < OCFT_XK_BURST; i++) {
		ocft_xk_prep(x, x->r[i], s, turn[i % 4]);
		x->r[i]->crp.crp_flags |= CRYPTO_F_ASYNC_KEEPORDER;
		x->r[i]->group = x->g;
		x->r[i]->idx = i;
	}
	for (i = 0; i < OCFT_XK_BURST; i++)
		CHECK_EQ(ocft_dispatch(x->r[i]), 0);
	if (teardown)
		CHECK_EQ(crypto_freesession(s), 0);
	if (!ocft_group_wait(x->g, OCFT_LONG_TIMEOUT)) {
		for (i = 0; i < OCFT_XK_BURST; i++)
			x->r[i]->leaked = true;
		ocft_group_free(x->g);
		return false;
	}
	for (i = 0; i < OCFT_XK_BURST; i++) {
		struct ocft_req *r = x->r[i];

		if (teardown && r->cb_etype == EBADF && atomic_read(&r->ncb) == 1) {
			gone++;
			continue;
		}
		if ((r->cb_etype || atomic_read(&r->ncb) != 1 ||
		     !ocft_xk_right(x, r, turn[i % 4])) && bad++ < 3)
			ocft_diag("  burst request %d (key %d): etype %d, %d callbacks", i,
				  turn[i % 4], r->cb_etype, atomic_read(&r->ncb));
		if (r->cb_order != i && misorder++ < 3)
			ocft_diag("  burst request %d: callback #%d", i, r->cb_order);
	}
	for (i = 0; i < OCFT_XK_BURST; i++) {
		x->r[i]->crp.crp_flags &= ~CRYPTO_F_ASYNC_KEEPORDER;
		x->r[i]->group = NULL;
	}
	if (gone)
		ocft_diag("  %d of the burst were still queued at the teardown: EBADF", gone);
	CHECK_EQ(bad, 0);
	CHECK_EQ(misorder, 0);
	ocft_group_free(x->g);
	return ok;
}

/* One table on driver @id: a session keyed with key 0, then the above. */
static bool ocft_xk_driver(struct ocft_xk *x, int id)
{
	struct cryptoini cri = { .cri_alg = x->alg, .cri_klen = x->klen[0] * 8 };
	crypto_session_t s;
	bool ok = true;
	int rc;

	cri.cri_key = x->key[0];
	rc = crypto_newsession(&s, &cri, id);
	if (!CHECK_EQ(rc, 0))
		return false;
	ok &= ocft_xk_serial(x, x->r[0], s);
	if (!x->r[0]->leaked)
		ok &= ocft_xk_burst(x, s, false);
	/* with the key transform made and keyed: freed with the session */
	CHECK_EQ(crypto_freesession(s), 0);
	if (!ok || !CHECK_EQ(crypto_newsession(&s, &cri, id), 0))
		return false;
	return ocft_xk_burst(x, s, true) && ok;
}

/*
 * Two descriptors with their own keys on one session: AES-256-CBC, then
 * HMAC-SHA256 (RFC 4231 case 1's key) over the ciphertext, where the
 * second descriptor starts from the first one's completion and waits for
 * its key there. The HMAC computed with Python's hmac.
 */
static bool ocft_xk_chain(struct ocft_xk *aes, struct ocft_xk *mac, int id)
{
	struct cryptoini cri[2] = {
		{ .cri_alg = CRYPTO_AES_CBC, .cri_klen = aes->klen[0] * 8, .cri_next = &cri[1] },
		{ .cri_alg = CRYPTO_SHA2_256_HMAC, .cri_klen = mac->klen[0] * 8 },
	};
	struct ocft_req *r = aes->r[0];
	struct cryptodesc *d = &r->crd[1];
	u8 want[32];
	crypto_session_t s;
	bool ok = true;
	int rc;

	cri[0].cri_key = aes->key[0];
	cri[1].cri_key = mac->key[0];
	if (ocft_unhex("19c2517976397de988144a5ef51b4815e16bd157db84adedd38b271b79b60030",
		       want, sizeof(want)) != 32 || !CHECK_EQ(crypto_newsession(&s, cri, id), 0))
		return false;
	ocft_xk_prep(aes, r, s, 1);
	r->crp.crp_ilen = 64;
	r->crd[0].crd_next = d;
	memset(d, 0, sizeof(*d));
	d->crd_alg = CRYPTO_SHA2_256_HMAC;
	d->crd_len = 32;
	d->crd_inject = 32;
	d->crd_flags = CRD_F_KEY_EXPLICIT;
	d->crd_key = mac->key[2];
	d->crd_klen = mac->klen[2] * 8;
	rc = ocft_submit_wait(r, &ok);
	r->crd[0].crd_next = NULL;
	if (!r->leaked && CHECK_EQ(rc, 0)) {
		CHECK(ocft_xk_right(aes, r, 1));
		CHECK(!memcmp(r->flat + 32, want, 32));
	}
	CHECK_EQ(crypto_freesession(s), 0);
	return ok;
}

/*
 * Per-request keys on every Linux driver offering AES-CBC (virtio_crypto
 * included) or HMAC-SHA256: see ocft_xk_serial() and ocft_xk_burst();
 * then a chain with both on each driver offering both.
 */
static int t_linux_explicit_keys(void)
{
	struct crypto_driver_info info;
	struct ocft_xk *x[2];
	bool ok = true, leaked = false, made = true;
	int id, a, i, n[2] = { 0, 0 };

	x[0] = kzalloc(sizeof(*x[0]), GFP_KERNEL);
	x[1] = kzalloc(sizeof(*x[1]), GFP_KERNEL);
	if (!x[0] || !x[1] || ocft_xk_decode(x[0], CRYPTO_AES_CBC, ocft_xk_aes) ||
	    ocft_xk_decode(x[1], CRYPTO_SHA2_256_HMAC, ocft_xk_hmac)) {
		kfree(x[0]);
		kfree(x[1]);
		return OCFT_FAIL;
	}
	for (a = 0; a < 2; a++) {
		for (i = 0; i < OCFT_XK_BURST; i++) {
			x[a]->r[i] = ocft_req_new(128, OCFT_BUF_FLAT, GFP_KERNEL);
			made &= !!x[a]->r[i];
		}
	}
	if (!made) {
		ok = false;
		goto out;
	}
	for (a = 0; a < 2; a++) {
		for (id = -1; ocft_next_driver(x[a]->alg, &id, &info);) {
			ocft_diag("%s on %s", a ? "HMAC-SHA256" : "AES-CBC", info.name);
			n[a]++;
			if (!ocft_xk_driver(x[a], id))
				ok = false;
			for (i = 0; i < OCFT_XK_BURST; i++)
				leaked |= x[a]->r[i]->leaked;
			if (leaked)
				goto out;
		}
	}
	for (id = -1; ocft_next_driver(CRYPTO_AES_CBC, &id, &info);) {
		if (!crypto_driver_supports(id, CRYPTO_SHA2_256_HMAC))
			continue;
		ocft_diag("AES-CBC then HMAC-SHA256 on %s", info.name);
		if (!ocft_xk_chain(x[0], x[1], id))
			ok = false;
		if (x[0]->r[0]->leaked) {
			leaked = true;
			goto out;
		}
	}
	if (!n[0] || !n[1])
		ok = false;
out:
	for (a = 0; a < 2; a++)
		for (i = 0; i < OCFT_XK_BURST; i++)
			ocft_req_free(x[a]->r[i]);
	if (leaked)
		return OCFT_FAIL;	/* the keys in @x may still be in use */
	kfree_sensitive(x[0]);
	kfree_sensitive(x[1]);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

#define OCFT_QF_MAX 2048	/* requests at most */
#define OCFT_QF_AFTER 64	/* dispatched after the first block */

struct ocft_qf {
	struct ocft_req **r;
	int id;
	u64 blocks;		/* the driver's count before */
	int n;			/* dispatched */
	int refused;		/* crypto_dispatch() said no */
};

/*
 * Dispatch until the driver's block count moves, then OCFT_QF_AFTER more,
 * with every other CPU stopped and interrupts off: the crypto engine's
 * thread cannot move a request to the device meanwhile, so its queue fills
 * (otherwise the device keeps up with the guest on some runs and not on
 * others). crypto_dispatch() may be called in any context. Milliseconds.
 */
static int ocft_qf_fill(void *arg)
{
	struct ocft_qf *f = arg;
	struct crypto_driver_info info;
	int stop = OCFT_QF_MAX;

	for (f->n = 0; f->n < stop; f->n++) {
		if (crypto_dispatch(&f->r[f->n]->crp))
			f->refused++;
		if (stop == OCFT_QF_MAX && !crypto_driver_info(f->id, &info) &&
		    info.blocks > f->blocks)
			stop = min(f->n + 1 + OCFT_QF_AFTER, OCFT_QF_MAX);
	}
	return 0;
}

/*
 * Flow control on a real driver: AES-CBC requests on virtio_crypto, all at
 * once, until its crypto engine's queue (as long as the virtqueue) is full:
 * the Linux driver answers -ENOSPC, process() returns ERESTART, the
 * framework queues what follows, and a completion's crypto_unblock()
 * resubmits it. OCFT_QF_AFTER more go after the first block (the
 * framework's queue is bounded too). Every request right and called back
 * once, in submission order (CRYPTO_F_ASYNC_KEEPORDER), the driver's
 * block and unblock counts up. One in eight carries its own key: those
 * wait for the key transform and are submitted with backlog meanwhile.
 * A skip when the queue never filled (nothing to assert then).
 */
static int t_linux_virtio_queue_full(void)
{
	struct cryptoini cri = { .cri_alg = CRYPTO_AES_CBC, .cri_klen = 128 };
	struct crypto_driver_info before, info;
	struct ocft_qf f = { .id = crypto_find_driver("virtio_crypto") };
	struct ocft_req **r = NULL;
	struct ocft_xk *x;
	crypto_session_t s = NULL;
	bool ok = true, leaked = false, filled = false;
	int i, bad = 0, misorder = 0;

	if (f.id < 0)
		return ocft_skip("no virtio_crypto driver (no virtio-crypto device)");
	x = kzalloc(sizeof(*x), GFP_KERNEL);
	r = kvcalloc(OCFT_QF_MAX, sizeof(*r), GFP_KERNEL);
	if (!x || !r || ocft_xk_decode(x, CRYPTO_AES_CBC, ocft_xk_aes)) {
		ok = false;
		goto out;
	}
	for (i = 0; i < OCFT_QF_MAX; i++) {
		r[i] = ocft_req_new(32, OCFT_BUF_FLAT, GFP_KERNEL);
		if (!r[i]) {
			ok = false;
			goto out;
		}
	}
	cri.cri_key = x->key[0];
	if (!CHECK_EQ(crypto_newsession(&s, &cri, f.id), 0) ||
	    !CHECK_EQ(crypto_driver_info(f.id, &before), 0))
		goto out;
	x->g = ocft_group_new(OCFT_QF_MAX);
	if (!CHECK(x->g))
		goto out;
	for (i = 0; i < OCFT_QF_MAX; i++) {
		ocft_xk_prep(x, r[i], s, i % 8 == 7 ? 1 : -1);
		r[i]->crp.crp_flags |= CRYPTO_F_ASYNC_KEEPORDER;
		r[i]->group = x->g;
		r[i]->idx = i;
	}
	f.r = r;
	f.blocks = before.blocks;
	stop_machine(ocft_qf_fill, &f, NULL);
	CHECK_EQ(f.refused, 0);
	/* the group counts OCFT_QF_MAX: make up for those not dispatched */
	for (i = f.n; i < OCFT_QF_MAX; i++)
		if (atomic_dec_and_test(&x->g->remaining))
			complete(&x->g->all);
	if (!ocft_group_wait(x->g, OCFT_LONG_TIMEOUT)) {
		for (i = 0; i < f.n; i++)
			r[i]->leaked = true;
		leaked = true;
		ok = false;
		goto out;
	}
	for (i = 0; i < f.n; i++) {
		int k = i % 8 == 7 ? 1 : -1;

		if ((r[i]->cb_etype || atomic_read(&r[i]->ncb) != 1 ||
		     !ocft_xk_right(x, r[i], k)) && bad++ < 3)
			ocft_diag("request %d (%s key): etype %d, %d callbacks", i,
				  k < 0 ? "session" : "own", r[i]->cb_etype,
				  atomic_read(&r[i]->ncb));
		if (r[i]->cb_order != i && misorder++ < 3)
			ocft_diag("request %d: callback #%d", i, r[i]->cb_order);
	}
	CHECK_EQ(bad, 0);
	CHECK_EQ(misorder, 0);
	if (CHECK_EQ(crypto_driver_info(f.id, &info), 0)) {
		ocft_diag("%d requests, %llu blocks, %llu unblocks", f.n,
			  info.blocks - before.blocks, info.unblocks - before.unblocks);
		filled = info.blocks > before.blocks;
		if (filled)
			CHECK(info.unblocks > before.unblocks);
	}
out:
	if (s)
		CHECK_EQ(crypto_freesession(s), 0);
	for (i = 0; r && i < OCFT_QF_MAX; i++)
		ocft_req_free(r[i]);
	kvfree(r);
	if (x)
		ocft_group_free(x->g);
	if (leaked)
		return OCFT_FAIL;	/* the keys in @x may still be in use */
	kfree_sensitive(x);
	if (!ok)
		return OCFT_FAIL;
	if (!filled)
		return ocft_skip("virtio_crypto's queue never filled");
	return OCFT_PASS;
}

const struct ocft_case ocft_cases_linux[] = {
	{ "linux_drivers_aead_known_answers", t_linux_aead },
	{ "linux_drivers_aead_layouts", t_linux_aead_layouts },
	{ "linux_drivers_long_chain", t_linux_long_chain },
	{ "linux_drivers_hash_in_parts", t_linux_hash_parts },
	{ "linux_drivers_bad_input", t_linux_bad_input },
	{ "linux_drivers_ccm_cbc_mac", t_linux_ccm_cbc_mac },
	{ "linux_drivers_deflate", t_linux_deflate },
	{ "linux_drivers_explicit_keys", t_linux_explicit_keys },
	{ "linux_drivers_known_answers", t_linux_kats },
	{ "linux_virtio_crypto_is_hardware", t_linux_virtio_hw },
	{ "linux_virtio_crypto_queue_full", t_linux_virtio_queue_full },
};

const unsigned int ocft_ncases_linux = ARRAY_SIZE(ocft_cases_linux);
