// SPDX-License-Identifier: GPL-2.0-only
/*
 * opencrypto_pk through crypto_kdispatch(): known answers computed on the
 * host (Python's pow(); an RSA-1024 and a DSA-1024/224 key made by the
 * openssl command; a DSA signature made in Python with its own k; RFC 3526
 * group 14 for DH), a sign-then-verify round trip, and bad parameters.
 * Hex here is big-endian, as people write numbers; the requests carry the
 * BSD little-endian form.
 */
#include <linux/completion.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "ocft.h"

/* MOD_EXP: a 1100-bit base (above the modulus), 1024-bit exponent and modulus */
static const char *const pk_modexp[] = {
	"2a36b0a18e8830e07bc1e398f1012bd4acefaecbd389be4bcfc49b64a0872e6cc3ababced2057ee05cde00902c77ebff206867347214cdd2055930d6eaf14f4733f3e7d1bfbc7a2ea20b2f14c942e05319acb5c74273f98e2774cbd87ad5c90a9587403e430ec66a78795e761d17731af10506bf2efc6f877186d76b07e881ed162ae2eb1547f150524",
	"b2715945795e8229451abd81f1d69ed617f5e837d70820fe119a72d174c9df6acc011cdd9474031b7f26144b98289fcd59a54a7bb1fee08f571242425051c1ccd17f9acae01f5057ca02135e92b1d3f28ede0d7ac3baea9e13deef86ab1031d0f646e1f40a097c976bf46c697d2caf82eeeacbe226e875555790f82ec1d3fcff",
	"b4b9b5df9e7769b10f4205b4907a70c31012f037b64ce4228c38fb2918f135d25f557203301850c5a38fd547923a736994e3bf911a61dbe22e44158bae97ba94d0eda82f8f6d05584ef8aa38922766581e27a1c08a6a63ec24ede6a46b4cb2424a23d5962217beaddbc496cb8e81973e0becd7b03898d190f9ebdacc0cb1e29d",
	"89789ab79247349b38703d7c5a011c582771fc8462a228adc4ad99aefe48d8c791b910e2648bfb2f160ca46f6577e9d3a2803748553066c8a2959d3201c7744fee6e815c717c9e23dc9da6604104b25cbe0011f16d4b7ff55ca880287d50ef0bd7904af3f3cd3604547f46a5e27a94b33dd9337f8c53dd9cccc62c4aa2610d53",
};

/* MOD_EXP_CRT: p, q, c, dP, dQ, qInv of an RSA-1024 key; c^d mod n */
static const char *const pk_crt[] = {
	"ef7ccb8de13ca8c072c4b06ea0c443629749c4c7afe70fe5d345065affc5b9740445169e76f7b47056174b78493d9e72d0c9d6b9e34723ebe951a630e240e05d",
	"cfd9609937512714c5234be88b25dae6149b14e58ec56fcb4a52155144270d2717a7f2edef13c9f441d363dc6e8eef1ab218bf5901389ed0b084c8ace57c403d",
	"a139263059f28c105d1fb17c2390c192cfd3ac94af0f21ddb66cad4a268d116ece1738f7d93d9c172411e20b8f6b0d549b6f03675a1600a35a099950d836f675cc81e74ef5e8e25d940ed904759531985d5d9dc9f81818e811892f902bd23f0824128b2f330c5c7fd0a6a3a4506513270e269e0d37f2a74de452e6b438",
	"e334a26998a6d3f2c0ef99f35ad2d89b50accbe4271e3016fab921ae73ba4297aef55ce03a3e07120c9b4d1e715de455498034176768b6cbba2f9c5c044b489",
	"2eacb4f99327812c33dcea45ed4171f7aaf6ec69647747d491fafed8820276fca95e48ba4faed4f229fa0b79cbc60341ae6eca417579be8844ab7cd8feabb94d",
	"8b586746449f3f6a5001213be3b708a37b2ec01146da911d7e7416c06fdc873cb82b1012aecbf4e2005d42fef1c80f612dc4fa02d98146c4755ccb6654c88c2",
	"6288ee73a477243d55a5f00da475b1792d0ac0ac39725cb1db8872abd12e3a9e835ff8068f7ca9da48e09d6625258ae155d64c79424ac86e9be86847c25a9d391a45135157f853c440e7be600d2ed9c48cb151c9ad7cacda6d91b5513b435599c9c2e299b13ea593298437548a32ebcda5730ccd2a165113efe69d55c632bdd8",
};

/* DSA: the SHA-1 digest of "opencrypto", p, q, g, x, y, then r, s made with a known k */
static const char *const pk_dsa[] = {
	"1e9042191253557793d8787cf03e51eeefa47cfc",
	"d2c3ae150fbad2b748529f50146839e8d8dcbf7f2b5f3393f7b3994017040a377b12d7530028bfab5a844054fc33e4b0ff06184de536ebeecdf414303a51d9048a4a99380529f01b48d04a7c3f8109964eccda396e25c56b899f4c1df17bd480095d87fadbb3f27dac5256fef8646904d4719a5896d1868a07e4efcbb3df4ab3",
	"a64f84b8420e0a15cd9ad2e51decc044f574e3da314881d4a544ec23",
	"c797538824e8dd610e7b75c836222e45e484448431ef3cbf4162a5a539934a19bf014354bd1f5c625959f88e983dd0a5aa7cc26f98aa47cb2200a215288ae75fd3b3208a926b78bfbdb7c7836fb7bd4ec1a6bfba8fa29b77f9f6dc56b7407ecba96eb7bed61beee254114eb7a796cbf747a5e211e487266be2aae2bce777ae10",
	"5318e4c8f93d0edc222da2fed25720534588787989943dd2ddc8d386",
	"9f2d9d45d9aece0f891130cf033d971199c5e6cfda3e64f035dd4f28d51b64cacb51f0c71264c9df272fb8f9a29b1467d6a6bcc6f77fb05079f7129dd9f051b7ef5ed4ef59055f6f026c39b331c8231be962663a8fb19c1cc0c6e93cfc520de53391056681aa2b5ad1c4026018a3e1ae19fe496b5a972b98e88b5e5912bebb75",
	"381bf3cb5bf73edc5e4dd48e9b520caab2d66223ad32a44fceaabd23",
	"a0bf185465ddc3085d553bacf53a5700acd7f3bfc9a2651be7c6dc7d",
};

/* DH in RFC 3526 group 14: private, peer public, p, shared */
static const char *const pk_dh[] = {
	"93f448b3a5aa3c814f426dcbb394fb36bb2d420f0f88080b10a3d6b2aa05e11a",
	"3a12fe7421a9d5cdb4e8b54f50730453eb28c882e93963f2a1855486df864d47cfb73dc8ed54448bdab3427d22fbd893863041632f5844d279263ed809bf9a9d72ddd1c30ffa4291e6fe89af9b6ada285983e0c6c6ff4d5b325f50cfaa2ca0cdc57ca1929f754d7ac174ba56781c2d67e7a2fd62160cc8838258bc7d5d9fe3d7d35eca240b0389c16f596f10e3e0cd492ec4cc3d52d3dbc29844eb36fe3ffc7b1dd61b7f0253f81187510d2706c088b3e547e4e6207251c0bf20d0f8b0292faa120928c1d4b5a1cb404c926a2c682ac07f48b354d438dc00415b7dc9f76399804d67ba87a1fc082153498a88b14f164077ed090cc81b2001036b38b3327b52c4",
	"ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74020bbea63b139b22514a08798e3404ddef9519b3cd3a431b302b0a6df25f14374fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7edee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf0598da48361c55d39a69163fa8fd24cf5f83655d23dca3ad961c62f356208552bb9ed529077096966d670c354e4abc9804f1746c08ca18217c32905e462e36ce3be39e772c180e86039b2783a2ec07a28fb5c55df06f4c52c9de2bcbf6955817183995497cea956ae515d2261898fa051015728e5a8aacaa68ffffffffffffffff",
	"93282352c65d2d8cd14b26cbeed57570b231281da8c5598d4c71bb4058ef7ae1d7c96efd38298ab8baf9b70c1c909cf2e644be076488cfcea1ce4027ce68368965d9fe7bf517e503d8d33feca01f816f52b6815c73fec49403def6d599e369db11a76c28a722a42c569419d8a039d4f7676b201da83c510e782e4680fa60924202fbfd6a762a0b131988c1235ab27cb18771eeb37aa80ef429d0b8ad0e1448bfd2167749bbb1a9879bcbf43f42a72d44693b80fb51be907aa3a4cef661bbe6b0c15d5fda5c2c8bdd7f6a0fe3a91b6e919accada292848f3a4356317830b2ef4a9c633a48156ca38bdfd4dcffbacd0c7afd19c33e3320b4aec3b5a7f318d1f450",
};

#define PK_PARAM_BYTES	256

struct pk_kreq {
	struct cryptkop krp;
	struct completion done;
};

static int pk_kcb(struct cryptkop *krp)
{
	complete(&container_of(krp, struct pk_kreq, krp)->done);
	return 0;
}

/* The DSA digest: the hash's bytes in order (not a little-endian number). */
static int pk_set_digest(struct pk_kreq *r, int i, const char *hex)
{
	int len = strlen(hex) / 2;
	u8 *p = kzalloc(PK_PARAM_BYTES, GFP_KERNEL);

	if (!p || hex2bin(p, hex, len)) {
		kfree(p);
		return -ENOMEM;
	}
	r->krp.krp_param[i].crp_p = p;
	r->krp.krp_param[i].crp_nbits = len * 8;
	return 0;
}

/* Big-endian hex into parameter @i: little-endian bytes, exact bit length. */
static int pk_set(struct pk_kreq *r, int i, const char *hex)
{
	int n = strlen(hex), len = DIV_ROUND_UP(n, 2), b, top;
	u8 *p = kzalloc(PK_PARAM_BYTES, GFP_KERNEL);

	if (!p || len > PK_PARAM_BYTES) {
		kfree(p);
		return -ENOMEM;
	}
	for (b = 0; b < len; b++) {	/* byte b from the right end of the string */
		int lo = n - 2 * b - 1, hi = lo - 1;

		p[b] = hex_to_bin(hex[lo]) | (hi >= 0 ? hex_to_bin(hex[hi]) << 4 : 0);
	}
	top = p[len - 1];
	r->krp.krp_param[i].crp_p = p;
	r->krp.krp_param[i].crp_nbits = (len - 1) * 8 + (top ? fls(top) : 1);
	return 0;
}

/* Output parameter @i of @bits bits. */
static int pk_set_out(struct pk_kreq *r, int i, int bits)
{
	r->krp.krp_param[i].crp_p = kzalloc(PK_PARAM_BYTES, GFP_KERNEL);
	r->krp.krp_param[i].crp_nbits = bits;
	return r->krp.krp_param[i].crp_p ? 0 : -ENOMEM;
}

/* Does output parameter @i equal the big-endian hex @hex? */
static bool pk_is(struct pk_kreq *r, int i, const char *hex)
{
	struct pk_kreq want = {};
	bool same;

	if (pk_set(&want, 0, hex))
		return false;
	same = !memcmp(r->krp.krp_param[i].crp_p, want.krp.krp_param[0].crp_p,
		       PK_PARAM_BYTES);
	kfree(want.krp.krp_param[0].crp_p);
	return same;
}

static void pk_free(struct pk_kreq *r)
{
	int i;

	for (i = 0; i < CRK_MAXPARAM; i++)
		kfree(r->krp.krp_param[i].crp_p);
	kfree(r);
}

/*
 * Build op @op from @in hex inputs and @out outputs of @obits; run it with
 * krp_flags @flags. @at_return (if set): whether the first output held
 * @want (big-endian hex) when crypto_kdispatch() returned, before the
 * callback was waited for.
 */
static struct pk_kreq *pk_run_flags(int op, const char *const *in, int nin, int nout,
				    int obits, int *status, u32 flags, const char *want,
				    bool *at_return)
{
	struct pk_kreq *r = kzalloc(sizeof(*r), GFP_KERNEL);
	int id = crypto_find_driver("opencrypto_pk"), i, err = 0;

	*status = -1;
	if (!r)
		return NULL;
	for (i = 0; i < nin && !err; i++)
		err = i == 0 && (op == CRK_DSA_SIGN || op == CRK_DSA_VERIFY) ?
		      pk_set_digest(r, i, in[i]) : pk_set(r, i, in[i]);
	for (i = 0; i < nout && !err; i++)
		err = pk_set_out(r, nin + i, obits);
	if (err || id < 0) {
		pk_free(r);
		return NULL;
	}
	init_completion(&r->done);
	r->krp.krp_op = op;
	r->krp.krp_iparams = nin;
	r->krp.krp_oparams = nout;
	r->krp.krp_crid = id;
	r->krp.krp_callback = pk_kcb;
	r->krp.krp_flags = flags;
	if (crypto_kdispatch(&r->krp))
		return NULL;	/* leaked: its callback may still come */
	if (at_return)
		*at_return = pk_is(r, nin, want);
	if (!wait_for_completion_timeout(&r->done, 60 * HZ)) {
		/* a request that never completes is leaked, not freed under it */
		return NULL;
	}
	*status = r->krp.krp_status;
	return r;
}

static struct pk_kreq *pk_run(int op, const char *const *in, int nin, int nout, int obits,
			      int *status)
{
	return pk_run_flags(op, in, nin, nout, obits, status, 0, NULL, NULL);
}

static int t_pk_mod_exp(void)
{
	struct pk_kreq *r;
	bool ok = true;
	int st;

	r = pk_run(CRK_MOD_EXP, pk_modexp, 3, 1, 1024, &st);
	if (CHECK(r) && CHECK_EQ(st, 0))
		CHECK(pk_is(r, 3, pk_modexp[3]));
	if (r)
		pk_free(r);
	r = pk_run(CRK_MOD_EXP_CRT, pk_crt, 6, 1, 1024, &st);
	if (CHECK(r) && CHECK_EQ(st, 0))
		CHECK(pk_is(r, 6, pk_crt[6]));
	if (r)
		pk_free(r);
	r = pk_run(CRK_DH_COMPUTE_KEY, pk_dh, 3, 1, 2048, &st);
	if (CHECK(r) && CHECK_EQ(st, 0))
		CHECK(pk_is(r, 3, pk_dh[3]));
	if (r)
		pk_free(r);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/*
 * CRYPTO_KF_MAYSLEEP: crypto_kdispatch() lets opencrypto_pk compute in
 * this thread, so the result is there when it returns (the callback still
 * comes after, from the return thread).
 */
static int t_pk_maysleep(void)
{
	struct pk_kreq *r;
	bool ok = true, early = false;
	int st;

	r = pk_run_flags(CRK_MOD_EXP, pk_modexp, 3, 1, 1024, &st, CRYPTO_KF_MAYSLEEP,
			 pk_modexp[3], &early);
	if (CHECK(r) && CHECK_EQ(st, 0)) {
		CHECK(early);
		CHECK(pk_is(r, 3, pk_modexp[3]));
	}
	if (r)
		pk_free(r);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/*
 * crypto_kcancel() on a request in opencrypto_pk's workqueue (no
 * CRYPTO_KF_MAYSLEEP): an 8192-bit modulus with a 16384-bit exponent takes
 * seconds; cancelled at once, it ends early with ECANCELED, its callback
 * coming once as for any request.
 */
static int t_pk_kcancel(void)
{
	static const unsigned int bits[4] = { 8192, 16384, 8192, 8192 };
	int id = crypto_find_driver("opencrypto_pk"), i;
	struct pk_kreq *r = kzalloc(sizeof(*r), GFP_KERNEL);
	bool ok = true;

	if (!CHECK(r) || !CHECK(id >= 0)) {
		kfree(r);
		return OCFT_FAIL;
	}
	for (i = 0; i < 4; i++) {
		r->krp.krp_param[i].crp_p = kzalloc(bits[i] / 8, GFP_KERNEL);
		r->krp.krp_param[i].crp_nbits = bits[i];
		if (!CHECK(r->krp.krp_param[i].crp_p)) {
			pk_free(r);
			return OCFT_FAIL;
		}
		if (i < 3)	/* base 0xa5a5..., exponent and modulus all ones */
			memset(r->krp.krp_param[i].crp_p, i ? 0xff : 0xa5, bits[i] / 8);
	}
	init_completion(&r->done);
	r->krp.krp_op = CRK_MOD_EXP;
	r->krp.krp_iparams = 3;
	r->krp.krp_oparams = 1;
	r->krp.krp_crid = id;
	r->krp.krp_callback = pk_kcb;
	if (!CHECK_EQ(crypto_kdispatch(&r->krp), 0))
		return OCFT_FAIL;	/* leaked: its callback may still come */
	crypto_kcancel(&r->krp);
	if (!CHECK(wait_for_completion_timeout(&r->done, 60 * HZ)))
		return OCFT_FAIL;	/* leaked, not freed under the driver */
	CHECK_EQ(r->krp.krp_status, ECANCELED);
	CHECK_EQ(r->krp.krp_hid, id);
	pk_free(r);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

static int t_pk_dsa(void)
{
	const char *sign_in[5] = { pk_dsa[0], pk_dsa[1], pk_dsa[2], pk_dsa[3], pk_dsa[4] };
	const char *ver_in[7] = { pk_dsa[0], pk_dsa[1], pk_dsa[2], pk_dsa[3], pk_dsa[5],
				  pk_dsa[6], pk_dsa[7] };
	struct pk_kreq *r, *v;
	bool ok = true;
	int st, i;

	/* a signature made elsewhere verifies; a changed digest does not */
	r = pk_run(CRK_DSA_VERIFY, ver_in, 7, 0, 0, &st);
	if (CHECK(r))
		CHECK_EQ(st, 0);
	if (r)
		pk_free(r);
	ver_in[0] = "1e9042191253557793d8787cf03e51eeefa47cfd";
	r = pk_run(CRK_DSA_VERIFY, ver_in, 7, 0, 0, &st);
	if (CHECK(r))
		CHECK_EQ(st, EBADMSG);
	if (r)
		pk_free(r);
	/* ours verifies with the public key */
	ver_in[0] = pk_dsa[0];
	r = pk_run(CRK_DSA_SIGN, sign_in, 5, 2, 224, &st);
	v = kzalloc(sizeof(*v), GFP_KERNEL);
	if (CHECK(r) && CHECK_EQ(st, 0) && CHECK(v)) {
		CHECK_EQ(pk_set_digest(v, 0, ver_in[0]), 0);
		for (i = 1; i < 5; i++)
			CHECK_EQ(pk_set(v, i, ver_in[i]), 0);
		for (i = 5; i < 7; i++) {	/* r and s, moved over */
			v->krp.krp_param[i] = r->krp.krp_param[i];
			r->krp.krp_param[i].crp_p = NULL;
		}
		init_completion(&v->done);
		v->krp.krp_op = CRK_DSA_VERIFY;
		v->krp.krp_iparams = 7;
		v->krp.krp_crid = crypto_find_driver("opencrypto_pk");
		v->krp.krp_callback = pk_kcb;
		if (CHECK_EQ(crypto_kdispatch(&v->krp), 0) &&
		    CHECK(wait_for_completion_timeout(&v->done, 60 * HZ)))
			CHECK_EQ(v->krp.krp_status, 0);
		else
			v = NULL;	/* still in flight: leaked, not freed */
	}
	if (v)
		pk_free(v);
	if (r)
		pk_free(r);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

static int t_pk_bad(void)
{
	const char *even[3] = { "05", "03", "0100" };
	const char *dsa_q1[5] = { pk_dsa[0], pk_dsa[1],
				  "0000000000000000000000000000000000000001", pk_dsa[3], "05" };
	struct pk_kreq *r;
	bool ok = true;
	int st;

	r = pk_run(CRK_MOD_EXP, even, 3, 1, 16, &st);
	if (CHECK(r))
		CHECK_EQ(st, EINVAL);
	if (r)
		pk_free(r);
	r = pk_run(CRK_MOD_EXP, pk_modexp, 2, 2, 1024, &st);
	if (CHECK(r))
		CHECK_EQ(st, EINVAL);
	if (r)
		pk_free(r);
	r = pk_run(CRK_MOD_EXP, pk_modexp, 3, 1, 512, &st);
	if (CHECK(r))
		CHECK_EQ(st, ENOSPC);
	if (r)
		pk_free(r);
	/* DSA with q = 1 (in 160 bits): no signature exists */
	r = pk_run(CRK_DSA_SIGN, dsa_q1, 5, 2, 224, &st);
	if (CHECK(r))
		CHECK_EQ(st, EINVAL);
	if (r)
		pk_free(r);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

const struct ocft_case ocft_cases_pk[] = {
	{ "pk_driver_known_answers", t_pk_mod_exp },
	{ "pk_driver_maysleep_in_caller", t_pk_maysleep },
	{ "pk_driver_kcancel", t_pk_kcancel },
	{ "pk_driver_dsa", t_pk_dsa },
	{ "pk_driver_bad_parameters", t_pk_bad },
};

const unsigned int ocft_ncases_pk = ARRAY_SIZE(ocft_cases_pk);
