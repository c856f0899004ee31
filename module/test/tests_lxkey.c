// SPDX-License-Identifier: GPL-2.0-only
/*
 * Keying operations on the Linux drivers: CRK_MOD_EXP on the akcipher
 * "rsa" and CRK_DH_COMPUTE_KEY on the kpp "dh" of linux_generic, against
 * fixed vectors computed on the host with Python's pow(b, e, n) (moduli
 * drawn at random, full size; DH in RFC 3526 group 14, whose prime was
 * checked against its definition from pi); their errors; a refused
 * request (EOPNOTSUPP) going on to the next driver.
 */
#include <crypto/akcipher.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "ocft.h"

#define OCFT_LK_BYTES	528	/* 4096 bits, and 64 more for a longer output */

struct ocft_lk {
	struct cryptkop krp;
	struct completion done;
	atomic_t ncb;
	bool leaked;
	u8 p[4][OCFT_LK_BYTES];
};

static int ocft_lk_cb(struct cryptkop *krp)
{
	struct ocft_lk *k = krp->krp_opaque;

	atomic_inc(&k->ncb);
	complete(&k->done);
	return 0;
}

/* Parameter @i from big-endian hex (NULL: zero) as @nbits bits, little-endian. */
static bool ocft_lk_set(struct ocft_lk *k, int i, const char *hex, unsigned int nbits)
{
	unsigned int n = hex ? strlen(hex) / 2 : 0, j;
	u8 *p = k->p[i], *be;
	bool ok;

	if (n > OCFT_LK_BYTES || DIV_ROUND_UP(nbits, 8) > OCFT_LK_BYTES)
		return false;
	be = kmalloc(OCFT_LK_BYTES, GFP_KERNEL);
	ok = be && !(n && hex2bin(be, hex, n));
	memset(p, 0, OCFT_LK_BYTES);
	for (j = 0; ok && j < n; j++)
		p[j] = be[n - 1 - j];
	kfree(be);
	k->krp.krp_param[i].crp_p = p;
	k->krp.krp_param[i].crp_nbits = nbits;
	return ok;
}

/* Is output parameter 3 the number @hex? */
static bool ocft_lk_is(struct ocft_lk *k, const char *hex)
{
	u8 *want = kzalloc(OCFT_LK_BYTES, GFP_KERNEL);
	unsigned int n = strlen(hex) / 2, j, len;
	const u8 *got = k->p[3];
	bool same;

	len = DIV_ROUND_UP(k->krp.krp_param[3].crp_nbits, 8);
	if (!want || n > len || hex2bin(want + OCFT_LK_BYTES - n, hex, n)) {
		kfree(want);
		return false;
	}
	same = true;
	for (j = 0; j < len; j++)
		same &= got[j] == (j < n ? want[OCFT_LK_BYTES - 1 - j] : 0);
	kfree(want);
	return same;
}

static struct ocft_lk *ocft_lk_new(u32 op, u32 crid)
{
	struct ocft_lk *k = kzalloc(sizeof(*k), GFP_KERNEL);

	if (!k)
		return NULL;
	init_completion(&k->done);
	k->krp.krp_op = op;
	k->krp.krp_crid = crid;
	k->krp.krp_iparams = 3;
	k->krp.krp_oparams = 1;
	k->krp.krp_callback = ocft_lk_cb;
	k->krp.krp_opaque = k;
	return k;
}

static void ocft_lk_free(struct ocft_lk *k)
{
	if (k && !k->leaked)
		kfree(k);
}

/* Dispatch and wait: the status, or -ETIMEDOUT (then @k is leaked). */
static int ocft_lk_run(struct ocft_lk *k)
{
	int rc;

	memset(k->p[3], 0xa5, OCFT_LK_BYTES);
	k->krp.krp_status = 0xffff;
	rc = crypto_kdispatch(&k->krp);
	if (rc)
		return 1000 + rc;
	if (!wait_for_completion_timeout(&k->done, OCFT_LONG_TIMEOUT)) {
		k->leaked = true;
		ocft_diag("keying request: no callback within %d s", OCFT_LONG_TIMEOUT / HZ);
		return -ETIMEDOUT;
	}
	reinit_completion(&k->done);
	return k->krp.krp_status;
}

/* MOD_EXP vectors: bits, base, exponent, modulus, result (big-endian hex) */
struct ocft_mx {
	unsigned int bits;
	const char *b, *e, *n, *r;
};

static const struct ocft_mx ocft_mx_vecs[] = {
	{ 512,
	  "1ff135342e825ce1158d003d9a0b2361aed09b824ca87fc2bfb637dd5bae2d26683447c10cc8af11dd4eabbd1fcfb9809823beb1e6ba3ad74de45321ad915a38",
	  "010001",
	  "b37523a53b4a3ee20463513755ac0ecd5e6a0a2edd70e34dc1d77cffb7decc0c5d96cf7f265beda9cf0c26ef4243ed52566bf9d7c55a45f8d1a6e55e9b9b1325",
	  "ad061178f2c917af651e479791fd0680a0c9221943fd33956f61976124fb5a319ff2b230d9e1a06d75c3e0ed01a11d5e9747575be11e4c28a762d52bfbc208d5",
	},
	{ 1024,
	  "70faf36fb78eda4fea394aba6a42ed19aa5bf36518677db75c80f9be67fd4c1e84d0c3f0b2e73ae0eee45145f585675fd17737815438a5b507bda21c604af42ada0aea0eaa72870bdd63d2a5d17644600e0bc896afbec9a66dbb8cb8ef65ed7826ad41ef88c279d937c990fad57dcafd3a7cfb366088155f476354b65ed08d6d",
	  "03",
	  "c22acab59248b974bf416c30f1f0742a0e46c215b5fa5b0cdb18bd763f20134cfdfb462fd6fad8dbf82d5644ef7d9967699f071a5fd8e665a9dfdec6baecde5baf5d8bb09f2e9ea4765890e0f94855d0d178403035c9a8c4668dc8f46a423cf9d330a5494d14cf1a4cc346363c23403800d9f4ad53a2f2b633f5f28807f0cbd5",
	  "aed1efb15537fbc53ad3a7fc42c3aedef87a27f008affa1eadf9162564846d26bc7df91158c4fd4a5364ebea52f2a8273aaf950bb961448c7415953ea9c12ab224183a9c43d1d716cd26469e58d653dc4282fe0fddc52000b08cd89eba209ef8f3082585d85631866c7227f1173f0096b1b2b87f725e1b88737630b81afc0919",
	},
	{ 2048,
	  "e345c182ead5c02a25c8e40952a69ac037848b772ac954c33173f9f7b59ecf105c6cf0c200ae623f49a7a58cb216749af1ab87be190afbe86a2a4face3cfe64c5f17603f600fb75e12400dfacf737131b1b0b480ac7a0c5d55ed4a06caf735c5cde055b6c1e6c246cca243377202aed9b49fe4dd0d2671eff4116bb4f69ceaf6e655f6aa8e18a60ed2e83592e220532fbdef9f4b0ecb476f9f61d62f48f8f1642f2a44422f862cec6965c425b110d30a9d411e83fb7eca2fe6160abb7e3b9a592875a2d038ccde1e498e0b0d13f8bb730c67a2cb603c161677a22873705bdd1259227301507a4f34f2e25394dbda118b3d0d125a162d85c62293d03e9e6024cf",
	  "010001",
	  "f6bd8eca9f374cd643e94334742de49bbbb458d39fd583eb0286ecec43432c6bc8fd442ec56309d2d31f0231deef435140ba6f09be38fcbb133945bae4114d10ed20eb98ea70df2d25609be3c444a62e8d1eac030bab1534b2a57e606d09cf94d2e06b36b9ea43d486f4f14cc599fac75f4e45815c00d3d2d68c20053f91ed953cc89b41f339a6840473b8248ac03649d6442260559d7e7902c89680e98c5884857ce06bf9a21be1355cca5db3c7b88e535f2002b9f7f89ec689c846b6b81ec64a66b263ab8474ccf768f221a91b4e9dcc31d7b90ff191f0fed5ce26af1ac6da2e0126319a72180d908a3e291dd257d50f4bf777e1030fe1ca1ab21554c6c4b3",
	  "1fee54c34e5884b719ad08e0e127c3272e3146eb52c7228cc60ec72ed89bb0b73c9d5320bc4739426727ccaf50d7e98052f14c6582c023b932d6d7acc6e015515956c9207f4edb90f37167d9f3ec9bac34648bc5a2a4a6b3accacad900319a379d936a7fd4fd4b8fb722443736482d03d7d73750020a50b80239e8dba254734ebd42eed4d72d8a20a21f52a10d40795796eff147fce0f302cf747e6b72828bacdaa624a4d52192b396b05a62b67c2e9ec0648f4bad76cf56ab2314c0a4d9e92c674b1459aeb48d92e972e595d6717113acc3f2c910cfb5465b9551f45be8cea4d07fd1163361481f42ddbb336b6d067623a8465262a3ba7e25142383ec1aa620",
	},
	{ 4096,
	  "ae22db8f4b0c588ec41426287ed209de13040e5fa5366e6d241daf7198a62bdcc9e95021bba3333c51e19600796fa12e99ea5086bc4d120a3b3d0048223856ce5a475811dac9fc91137829d60c624aee73e8360dd8d3fd031f29f538b1fea7c207ff0e992a22f697173f00ca4c02debab4a06d78452ab32688073ecefe58a2fe2de794a99d923d60676e8937ff99c8894d3c0254ecf910bcd7d56afcec0cfbf8fad0fde2efd3b688022c66a6aee6e11a6b6dfdee8c7c8ae3fda71c3cb1280dce01f54b1cd641b93f2b529e0e00fb7addef5e4cb2dde39ed2123245bc1eb1f373911191a9a5735623d2aca29f0297efbb4f43b8ae9c45c1a0b3402c21a34202d88db1cec0d7a245ab52f072825bddde76eb921de6c9976515d21b7c0794f46d08764fa2d97bc36d30d4270c0d88ce4a0077e847e02aaefe554887592d4a2b60cdd30a2b04ea3394d743a1fbf9e0e3d7926ee5a69abb1a5fe466e278ffc3f08539a5f153703e68342bf84cdb1cb53d472cae83f5d911f2d84de59c396b667db890514e4445f00f32dad85bc7877b89cd3502bf0cdde3dcc49444ad66329d498bbf283df607affe167359855cf792d0de61f7d20afa646caacbee8b0ef72382008137c77e795f95074c40d54a37c79af857582b6309b5d57d975edd84717f356ed0f069472d53af6946c344b264d1b7b3838f2d28381afde707492bca68261c861a",
	  "010001",
	  "d5b4c0a7f0611ec6d6b5b8cec30d2a4001cd8d9219659889f30658609e6aca3c2a4fe771a101eadace2f307a0ac92aa66161642dcce67426dde3aa614163e669cc3452832ef936ae2f0f168048e468c472ffbd06ad77d09fb253be39b972dbea0045a9a2c9608b2033a07f4e48c8b756a7ac12766b748647d39cea090dd7b1fe477bbd87851be906ed6463180803b5b6070b98489c8bea5a2f5ddb2d707019361b86236bdb153e2b8c43766ac88007a09dd397a8d0b884f1b81bdf65cf94926d0fbc218a9faa700105a7a94b86cf6aba6d33cb78f009528b743c8bf486e6994b3cc17d11b7fd3194ee8bfa0c5810acfc998b61a250e2e001224f4790924cfa31c961c2115d0a2a43fa69b704d6ebf52a1b227b5101f752bc3f108ac506adf2a1be6f3d77765b1f48d33cc8deaa68268ccaf9a1f46c738235ffaf06a5c67977f531643087af6f5ad05f20c770621477ba6f7fa45fba52fff42c5747ba38c9127883ab0c1e4dbf539fde83bc134dccef77e19cfa0816c60a7fec073ffed92a28292996b98c8ae407f6b44ac6556a435a0e3ecce515c900bbc04c7dae9d4c7497b8b849a411a377cf5a8a356a49798bf36c92a74c3169e005990a8e9f78fecdeeb79f3c55481454929e46978debe82ce7ffcad8f6bd6ceebb95517f1efe987474ab58c0d341131d9da7dad51d4e98dc6d62bea75defe8cbb19dc55cd6e0683d063f",
	  "1c0046459071ba6b4a5cfc9152b051ce9bf02c00166787b0a42e4dec3d3a374c93755f50558b0908056c15111e62b0319e5add6558e249a33cbffbd9d665c69298387d782c1ab13e480dd9314a5a465c2f24b37a82620ed783c88b307db63c4b13f0bd1ff298ca546cb013dc9ea3cbefe0162a75c9307ebbb8ed7d1aefa03aacef986a71e73f385aa7f7c3901f1356673161f811ce383b99743b0623ff5fd7a1dc2c5316416468a9c7c1c9b5e164c76d280d3a06acc79da3c02ea0cd75abab3a13146f3eb1365b5567de08642b51336df1c0deb2b32b196c6e2607d461686b36e6d4a88c95f05b6adcec41210e05859fd4f09d4ac6f5852cb4c536cb0a1af30ebd962f4722300e65a274f9d8e290503bd60100537efbcf0b08c12a5a448a21425638be5d3510ddcde84c638831ab0db48404082890bfc0e6a4b76c66dd1162deb559d9ab2e7bac6e2600ef691ad70192ea5031b153e59a3fa2212b6b71fd83b0bf5d5eb9eb503d5e62a0510e71498bbeac6f0324feb9f400cf35ddc82a3e1e441d3cee2ad565792a5ef3a10bf76d31e2809880d6ca7e27b14ab4977e8d21c238574530e65f69a36f5e0aa9df7c0d7fb107ff0770196ba8a4bba6f4a60059e684c362636efa8622c984d9b3ed51e952c1c3764453a5e4466dc314358128e4026a0220dcd6f38ae4120034a576c9f1768b1ecb0e31020163c87e2bf68dde633176",
	},
	{ 1024,
	  "1f09bfa5f954ee5ea38b0616055df180f0c2e611bcf0427bbc05c70c7abea3ca0997a4707520465e9822d996b16059d8ff1fbb59f58a9c0fa968ddffceefa1b9951dcda5eb5c95b00a844ee385dcd1c5b9809e9027e6126e34b473f5aba1801e02512c34db9df445b00a125c4bcc76652c1748ad22881ac07a8e6b70e264e25f",
	  "3cb6d500ad2b8fec8c62cd295b59ce76ab71e2a91530a65551ff5910c1be743a99dc554f8cda470cb08de406407306943b76a2da962a8ad003a14aa492d98b343327cf2bfd518b68078a3f0e5ce8304fc3861057d6b4fc91cd58c0da0a5792d3dca8e0082af13569c84e019f5b767a796cb88d5d6d33d8c25859a6b469",
	  "81c45b92e898064eddc47a56946b460476fcde7a96485df79324688b182f01068fe304db7e805f155ccccc5279b5c606db63d3f07f48c293c943fd08131edcd8d10e69aff8bb198c7d218cc1cb0686f882df19995652414a892aad17d82a54a5ca9c09d78512362db5a83fedc90cdc4d7211b58e67d22dabcc99d6891aff8d8f",
	  "2fbbe1657a383506cf7eebba862b507687f9f6c8eed72f2b1042433f74b50b748796dc70ea1ffe97e41f137192710d7981416051d6e3cee5591b8459c6e819415d815dd77ef2673bc8dc364908bc7e6ee8ba07e91a5cd45eb0b9f847899ec055615c9076c15eb758d36f9b385ecacf82b438ed45e96dcb39a3d9c7ab19a96607",
	},
	{ 2048,
	  "496c647e825a78dbc062db05aeddeabe90370fc1cc27eb044b88eb6776f087e55ab07a6a300c1b0096488850fb943d085b1e4ec3fe99a2c09281f9a18f2b156f450a88c2125aac80330901baa105aa0659bb80b15d22f38e9c2d4889ad0eb6c0a1d2d0d34c6922f56b458d635281fc07fa61cab0b74003f2bdcfeb9482969d71efab640febfb12009d0ed2139e40d5555555a66ba22f409f6215ffb49803294857f3c274fcf388f799cff587803cff6438065b205a68b3ec6dd11b0a10816dc13927b92796d7e4cabd15ac30b19a33eb5c143966832c9f430561ca316e4f3e24747fec5472e184f9cc735aeca39967c2c42c09e9b1c29575fcc589c081b77d",
	  "03",
	  "b9412af88f2edf7572218aa9d5ebfc2c0c592f70825a294fd55f08df1fb16d645f62869f724afb4c366e26bacd083bd8225f21f8400b1deb5777a851a20013831dc622fa8ad0bf7821e082cae19c3c12a357d7ed516133f08d022a83f5bead2a2e3b7361eebeff3be54ab9f5107959e9991bdcb953741eb46a0c26c130c7829986937eed9647c19c5e0227dc41d29e576e3775add8d5088283cc72c11ea27837366152392d5b3045356e1fb4a42ed2511fcac144717f5935883c9922a97076d1c4ce1c3f57842e30b89f7ec94c7e85dd16bcca1fe11bbdf27b65735b6513bc21aa81a4d4020cfbd8307e89de41370f1638b98793c4a94435bddf7956b9857759",
	  "5fc1f4686c1ee9fd6d1f58857351ba92922545a3a15f15a35c37e38f63c35c9b0c3cc2f7992a859503ff068df5b493571c6a6a3de4ce8c677388defdee3fc890e682a682ae5824ffcedaab0c91cd7ccc954f6f7442bc0403c1e2fc85fc0c8eb93b4c84d73944a9cbb961876c325cc07cb91fe0ca7706960664e0c1eb7a94160105b1a2874508a53b09abdee59b39668eaf3e522dc737f822afdba4d58ad2ee691ba78c3526c5f997b5437aae0216c9f0ed60930dc634155c9811b43898a7b4c83ae5ecafe776a4f6bd099355c5b477ca9708097d436696033588d5064d07a492bcf3512e589080a01b2628da8e178ce7544776a743b6296cf9aa8de2f813a6e6",
	},
	{ 1536,
	  "468d765f61fb077966b735bc09966a16df419433a8702860c02048525e17b616116305131c9114177b65daa1fa8ab791d097c8d9688d180d54ec9e731f03834fb4f1a9645f78d29557bbdf342829acb5ffb10dd281d63a4af08dfc47e4ea4002e483cf2bc76ded3b345476fbbc6329795bfb4ecfe3d8dbae237bf4551c061cd40cd08dd6ddc5de8882597e2a9fcdee5fab0e238baccffddc1ce254874925914c4fb23c77128a17566c2356284c7b68ce5c0be31b0767eb687d1cbee97723d7b9",
	  "010001",
	  "bb441a336a2019be89795ce00c632f76a81b2549ad036f89c1ee372f1eaac0ffbbb68a856d668778b9fc0fb5319934841ab85350d15935d617241f599d83efb56c3739a7531bbbfe52816a9392ce53cc0956a3f5e1eee042d4ce68c9646dab3aec1805aa0fdae90fbbdfe8be45dcf3ea77d030b232ad771cb09ad8140ce0d43856ada9d32193e7ebdd8ba423e423034fec0cb761a66fa2d20a5d14e091a764213f5dc620e478d076e23db3bc50532c8c0df5fd9aec2c3fe2385410c570868635",
	  "8f82284ef2ba42f683a5dc587bd8a4780a24ff5e544c483d9be38f9ebd5147621893bc3e0ccaf2a42527bdd1908cbec18c8e3e55eb0a0d3bf9bff087c83753bfdad205a268b6825f7b8c208e8b50bb20b22959bf520be170f367a21a97e0cb23d823a2c4f921986bf071718b5fcc06b3b46d0123fe2a15815ad552f3bdd968b5cec72296e5220a12650a24e599f1f6c809e38525fd3e6013e516cc411b61975df38e86118c81628a7e86a32b5172a7fda9e5396e19d88bfd82ecca569285665c",
	},
	{ 3072,
	  "819ed5bbca45e21d572543323ad2f08ab7e1532ca1f008ef150086456a1cefc4f1734f0b77e7ecf2bf9ce789a72c11365fbeb2aef82b0698d952a9be80816f4614b5fe05d21ef4e4564ef5b584c6981411d99beb135a3e0e1755b7d54fc7082bf9f8cc8605c20fb67c0a0e064f97d4cd85e078a7e1174cdcd7addc9cf2513d22fcd39f133dba2ac0cd9c31d62f93a87fd720a7d701747724553ca79e9de8f46ca3a0dd2e1fb4b2b2643b62053bb47fc5e6323077c4cb008defe06bf37b06db77929f122ce590822381c78a51c87aed40d1e417230c0a66b06e149d1829d755bb21bcafab4659487ddadd8fa9ef360669506921874b3593d5819b2811cbba33fd20e3313446c8f42225e16dd532ed8c9af904c796c17e5c6926997d7ca2c437a1abc11f431e3b8a867dcdd592a889c7e1db9954ecb7b73a1da5cf1507894919571f5abe4c65c96b00f24a4cf66d6861b3f654d5009b196bfbb2981d3e304c834ddc741730d274e4df426fc85ac10d994f54f9a508576ceea877ff948a60160ea0",
	  "11",
	  "f9eac1bdb20f92d650d5f9d8cd69906838dd7a6769e59127fffa34b07641401403a683537252a8bb33be257b487da44f24cdf5d8d709af8bff9942c9205bb0aa57feb4114f173c9fd3a862b2c0549034d3a2f242d9cec91805e8d122893f046e730f20d7770d31f33b4c91603ccd42a7bc20ca1d7fb4ab0952f4bfb3723745c87123a9d54eb6074894a7f2bc476826bc43a869987d66ccdb48e48c309e7b81af525f18d6a21b1f111d384b5edf73436db8fe909f914ca97bde7e2644868c4043af1378e088048019795cc170c317e6321757eae45c33dc610c4381b53ebce854a3ccecb6b9a626730abe3cccfb568025bc03a867cdd9c4d5b408df5a5dc6443e25e265c459c76a65096d9e0234ae032c5c3505edf2aa167d0db65b1f8c08365a8346d17e6c5bdf471f61166d4d3f60e42b52ee7c354fb822e661c7d3be2c2d74b28370c37a6e8e3d6b9068dd5986e63e81e72c46d345bbf4a643b0acf30cc970faa0d1978986ec180564d3c9c65a958929e9a82c30c77c7f556f83287a45647b",
	  "c85c79fb3f4ec36c430f5c9e8018caffc1476a1f10dcf04a561bac225fe5e36440b88a4c444a5a207d3afccc2d8e09308c54d9ab3369d2b9a5a7ea51d80f747f385087f8963d615be1b8ad9eaa65ab756359740f25eeb69eabebae6872f64d99437e73d8268961071d7f3c5f95465bb8014db2376113e6de2023b07b8e44ef3f4f04e85718a2d0f915d40521fc14f3e44821dd7013f490c9e5eaf48dc70fb01f2a12df293fb6dd0dc631fa09827015db54a5e4131b95c8f6bea17e0d6f653e574b3ded0adf9db10f55dbaac79b268a90793c09cd2a3fa9a19619a3abaef230f1003c5998185c60e1d5d8e62cee578bbd40db67a5a02d3da198f7e2e7735cdcdde91a28c3f09ad6d8ee996e152d0079a8f8ff6fc356cb83c0ca63f725f79b52b7bee41f12d508b0546bbbd30b98a5a90434dfb2bb4dd97548ab35d7b97e7ccccf794cf6824e168103c1dde40f9c2fd28401c2c20eeec72606c4e8e985a62a4ee0a8c8ac8a652f7bf2cebb68dda04d2a7b843d0d40223cd9772dec391caeb6cad0",
	},
	{ 2048,
	  "02",
	  "03",
	  "a894a0a98c5a394f1bc1e3b0d5c313ef1b8fb60a9768968716efa8f626e47494833abcca56d372aa7ba6bcae4e1aabd77e077a3821cddc2f53cfae040083bb6850adf170ad3cb8a610c356bdfcf14dd60cf0128f23a9b4d492d91d7795448688f2b844a2e72c14b87f8ea64deb60a4600e7bb4e5ff2f71ba8ef6ae0ccdf02ea246d5246ccb3fef4f1b9fe7761ed6ee27aa33c103e4fc5b6c3bcc6dd1acd5ae2ec7ec6623487452e7de9f641142a388a751d71d0b7d164861eab868f4e37cf30325661ea12e5cc16b5ae84ae0dca39e8db37be9cdd58d8c980e7e4cc7129975cdb2c4e5e66c40686c230b411589d65e35447162e3b2672d35c8e7f62829166e5b",
	  "08",
	},
	{ 1024,
	  "5309fe3fbff90c5893df81b1f26abe5027e1f769fd0269ed0496aae59b943d9f699194a35b1a7edc06873d55752c68e7a539323c380beea02d230bfdd8bddb60050addf2e0cd7213a74bc2dff96c599c9109c49f6df207a7160e42232e2f5a8376a6dece9d90479c5bd259fa99b7851604a82fdcec7388ff55192e26e1c5bc30",
	  "010001",
	  "f1f1e17300be2b542bf7c1e77f5ad75b1f322dcf2cc40fcb55027fc5687746bda00b542dc3ca50619cb2f1cb0cef246bc44b5aafab5f4ddbaf38c1e01c2392c1c611f1c7d3adb57befee29ddf165cf8a488ea2e619917b251e3f2f9df8c91adc8304e28c15896367829f4cba938819a5586f28c5ff79cdb80671813feebc9654",
	  "da7f1424498adff4419edc4d271c2ea40da0925adf38e58a3cc88498775cc8b2e85a14ce984a5dccdfc9d19c6b30006aace81f83bc3419ebb921c89fe3d999b95efd77ff004f19b32099d0f0e16b4e8da4ddb3d570e4a480ec2a5795e91eb5411cab2cce3d46272a15a96fa023d81d8523962dd4c22d1993812e976ee36880dc",
	},
};

/* DH in RFC 3526 group 14: p, a private key, the peer's public key, the secret */
static const struct {
	const char *p, *x, *y, *z;
} ocft_dh14 = {
	  "ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74020bbea63b139b22514a08798e3404ddef9519b3cd3a431b302b0a6df25f14374fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7edee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf0598da48361c55d39a69163fa8fd24cf5f83655d23dca3ad961c62f356208552bb9ed529077096966d670c354e4abc9804f1746c08ca18217c32905e462e36ce3be39e772c180e86039b2783a2ec07a28fb5c55df06f4c52c9de2bcbf6955817183995497cea956ae515d2261898fa051015728e5a8aacaa68ffffffffffffffff",
	  "9514bbc6edd070132c19dd6f8d246a8501aec205017cb0451a1e737b5ec249f1",
	  "f09e3b1526aeca4695dc7adc5d6057bdbdd8b0fa7736574d753c0a9c0aff4d72fc6d1c87cb0b27059a2ded36290605ae0c68e2823223b29804fd548015b9b459986f230be20253d3473e12e3ba2afd1a32b9fe83859dfbc547b852276025cee1a65218a3d0f6ca3830022c1f077164174f059a83be7f491259fb662c3efa25f52e440097c35f6e342297ab6b5b7597ebd566722b74d2f464634785900c41883565f7d88553712f12bdc5f35b195719d8ab73e830ceea981fcf74ff06628b0709a306974e5791c22d298fc484a9a81869db55a08173b8a8809ce317c911c10e527642397aa0f13add8583e4f91f377bc04390857f98911ee70f4744ad6e1078a9",
	  "b91be594c53ea8574abacd9cb3b1e61a84ece0abd100d10a883fbb12918ad03256c47dfb0226163239506b5944b549671670ecfdf4525a15a26087c6203bf51af819f8dd127329baef6e9507c32778b99a5915174152b99e104ddf63b22d22eb05741335d5571a3a28ec38928afe15231d9f7003d83103e15a43c2f1d2741aa9c71d55b709f63392d192df996e0fa1f4a41f8028df3130d65a8561f9efea81ffc41b99d04ba41e5323e377b27f43c2481c6c814f2cc486a6e28a5eb9e9ecab85bc6555eed01ed9ae8ab6e4da8a99105ab6d1c8a343888a218cbcebb02ae1ea69ed717fb3ceb31ebe1a0be7dc75ee6f4978a6b341e0bb6641944dc7bb4970cef0",
};

static int ocft_lk_generic(void)
{
	int id = crypto_find_driver("linux_generic");

	if (id < 0)
		ocft_skip("no linux_generic driver");
	return id;
}

/* A MOD_EXP request of @v on @crid, result in @obits bits. */
static bool ocft_mx_prep(struct ocft_lk *k, const struct ocft_mx *v, unsigned int obits)
{
	return ocft_lk_set(k, 0, v->b, v->bits) && ocft_lk_set(k, 1, v->e, strlen(v->e) * 4) &&
	       ocft_lk_set(k, 2, v->n, v->bits) && ocft_lk_set(k, 3, NULL, obits);
}

/* What serves the keying operations: linux_generic; no untested implementation. */
static int t_lk_registered(void)
{
	int id = ocft_lk_generic(), vid = crypto_find_driver("virtio_crypto");
	bool ok = true;

	if (id < 0)
		return OCFT_SKIP;
	CHECK(crypto_driver_ksupports(id, CRK_MOD_EXP));
	CHECK(crypto_driver_ksupports(id, CRK_DH_COMPUTE_KEY));
	CHECK(!crypto_driver_ksupports(id, CRK_MOD_EXP_CRT));
	CHECK(!crypto_driver_ksupports(id, CRK_DSA_SIGN));
	if (vid >= 0) {
		/*
		 * virtio-crypto-rsa: a keying driver only if its self-test
		 * passed, i.e. if the crypto API hands it out at all
		 */
		bool has = crypto_has_alg("virtio-crypto-rsa", CRYPTO_ALG_TYPE_AKCIPHER,
					  CRYPTO_ALG_TYPE_MASK);

		ocft_diag("virtio_crypto: raw RSA %s, CRK_MOD_EXP %s", has ? "usable" : "unusable",
			  crypto_driver_ksupports(vid, CRK_MOD_EXP) ? "offered" : "not offered");
		CHECK_EQ(crypto_driver_ksupports(vid, CRK_MOD_EXP), has);
		CHECK(!crypto_driver_ksupports(vid, CRK_DH_COMPUTE_KEY));
	}
	return ok ? OCFT_PASS : OCFT_FAIL;
}

static int t_lk_mod_exp(void)
{
	int id = ocft_lk_generic(), rc;
	struct ocft_lk *k;
	bool ok = true;
	unsigned int i;

	if (id < 0)
		return OCFT_SKIP;
	for (i = 0; i < ARRAY_SIZE(ocft_mx_vecs); i++) {
		const struct ocft_mx *v = &ocft_mx_vecs[i];

		k = ocft_lk_new(CRK_MOD_EXP, id);
		if (!CHECK(k))
			break;
		/* output: the modulus's size, and bigger (zero-filled above) */
		if (!CHECK(ocft_mx_prep(k, v, i & 1 ? v->bits + 64 : v->bits))) {
			ocft_lk_free(k);
			break;
		}
		rc = ocft_lk_run(k);
		if (!CHECK_EQ(rc, 0))
			ocft_diag("MOD_EXP vector %u (%u bits): status %d", i, v->bits, rc);
		else if (!CHECK(ocft_lk_is(k, v->r)))
			ocft_diag("MOD_EXP vector %u (%u bits): wrong result", i, v->bits);
		if (rc >= 0) {
			CHECK_EQ(k->krp.krp_hid, id);
			CHECK_EQ(atomic_read(&k->ncb), 1);
		}
		ocft_lk_free(k);
	}
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/*
 * Powers the driver answers itself (rsa-generic refuses some of them on
 * newer kernels): bases 0, 1 and n - 1, exponent 0.
 */
static int t_lk_mod_exp_plain(void)
{
	const struct ocft_mx *v = &ocft_mx_vecs[0];
	static const struct {
		const char *b, *e;
		int r;		/* 0, 1, or -1: n - 1 */
	} c[] = {
		{ NULL, "03", 0 }, { "00", "010001", 0 }, { "01", "010001", 1 },
		{ "", "03", -1 }, { "", "04", 1 }, { "1234", "00", 1 }, { NULL, "00", 1 },
	};
	char *nm1 = NULL;
	int id = ocft_lk_generic(), rc;
	struct ocft_lk *k = NULL;
	bool ok = true;
	unsigned int i;
	size_t len;

	if (id < 0)
		return OCFT_SKIP;
	/* n - 1: the 512-bit modulus is odd, its last digit one more */
	len = strlen(v->n);
	nm1 = kstrdup(v->n, GFP_KERNEL);
	if (!CHECK(nm1) || !CHECK(nm1[len - 1] != '0'))
		goto out;
	nm1[len - 1] = hex_asc[hex_to_bin(nm1[len - 1]) - 1];
	for (i = 0; i < ARRAY_SIZE(c); i++) {
		k = ocft_lk_new(CRK_MOD_EXP, id);
		if (!CHECK(k))
			break;
		if (!CHECK(ocft_lk_set(k, 0, c[i].b && !*c[i].b ? nm1 : c[i].b, 512) &&
			   ocft_lk_set(k, 1, c[i].e, 24) && ocft_lk_set(k, 2, v->n, 512) &&
			   ocft_lk_set(k, 3, NULL, 512)))
			break;
		rc = ocft_lk_run(k);
		if (CHECK_EQ(rc, 0) &&
		    !CHECK(ocft_lk_is(k, c[i].r < 0 ? nm1 : c[i].r ? "01" : "00")))
			ocft_diag("plain power %u: wrong result", i);
		ocft_lk_free(k);
		k = NULL;
	}
out:
	ocft_lk_free(k);
	kfree(nm1);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/* One request of @op on driver @id with the given parameters: its status. */
static int ocft_lk_try(u32 op, int id, const char *a, unsigned int abits, const char *b,
		       unsigned int bbits, const char *c, unsigned int cbits, unsigned int obits,
		       int nin, int nout)
{
	struct ocft_lk *k = ocft_lk_new(op, id);
	int rc;

	if (!k)
		return -ENOMEM;
	if (!ocft_lk_set(k, 0, a, abits) || !ocft_lk_set(k, 1, b, bbits) ||
	    !ocft_lk_set(k, 2, c, cbits) || !ocft_lk_set(k, 3, NULL, obits)) {
		ocft_lk_free(k);
		return -EINVAL;
	}
	k->krp.krp_iparams = nin;
	k->krp.krp_oparams = nout;
	rc = ocft_lk_run(k);
	ocft_lk_free(k);
	return rc;
}

static int t_lk_mod_exp_errors(void)
{
	const struct ocft_mx *v = &ocft_mx_vecs[0];	/* 512 bits */
	const struct ocft_mx *w = &ocft_mx_vecs[1];	/* 1024 bits */
	int id = ocft_lk_generic();
	bool ok = true;

	if (id < 0)
		return OCFT_SKIP;
	/* base == modulus, base > modulus */
	CHECK_EQ(ocft_lk_try(CRK_MOD_EXP, id, v->n, 512, v->e, 24, v->n, 512, 512, 3, 1), EINVAL);
	CHECK_EQ(ocft_lk_try(CRK_MOD_EXP, id, w->n, 1024, v->e, 24, v->n, 512, 512, 3, 1), EINVAL);
	/* zero modulus (of 512 bits' room), and of no bytes at all */
	CHECK_EQ(ocft_lk_try(CRK_MOD_EXP, id, "02", 8, v->e, 24, NULL, 512, 512, 3, 1), EINVAL);
	CHECK_EQ(ocft_lk_try(CRK_MOD_EXP, id, "02", 8, v->e, 24, "00", 8, 512, 3, 1), EINVAL);
	/* wrong parameter counts */
	CHECK_EQ(ocft_lk_try(CRK_MOD_EXP, id, v->b, 512, v->e, 24, v->n, 512, 512, 2, 1), EINVAL);
	CHECK_EQ(ocft_lk_try(CRK_MOD_EXP, id, v->b, 512, v->e, 24, v->n, 512, 512, 3, 0), EINVAL);
	CHECK_EQ(ocft_lk_try(CRK_MOD_EXP, id, v->b, 512, v->e, 24, v->n, 512, 512, 4, 1), EINVAL);
	/* output shorter than the modulus */
	CHECK_EQ(ocft_lk_try(CRK_MOD_EXP, id, v->b, 512, v->e, 24, v->n, 512, 504, 3, 1), EINVAL);
	/* a modulus size rsa-generic does not take: 504 bits (63 bytes) */
	CHECK_EQ(ocft_lk_try(CRK_MOD_EXP, id, "02", 8, v->e, 24, v->n + 2, 504, 504, 3, 1),
		 EOPNOTSUPP);
	/* DH on a group smaller than dh-generic takes (1024 bits) */
	CHECK_EQ(ocft_lk_try(CRK_DH_COMPUTE_KEY, id, "05", 8, "02", 8, w->n, 1024, 1024, 3, 1),
		 EOPNOTSUPP);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/* The same, DH in group 14 */
static int ocft_dh_try(int id, const char *x, unsigned int xbits, const char *y,
		       unsigned int ybits, unsigned int obits, int nin, int nout)
{
	return ocft_lk_try(CRK_DH_COMPUTE_KEY, id, x, xbits, y, ybits, ocft_dh14.p, 2048, obits,
			   nin, nout);
}

static int t_lk_dh(void)
{
	const char *p = ocft_dh14.p;
	int id = ocft_lk_generic(), rc;
	char *pm1 = NULL;
	struct ocft_lk *k;
	bool ok = true;

	if (id < 0)
		return OCFT_SKIP;
	k = ocft_lk_new(CRK_DH_COMPUTE_KEY, id);
	if (!CHECK(k))
		return OCFT_FAIL;
	if (CHECK(ocft_lk_set(k, 0, ocft_dh14.x, 256) && ocft_lk_set(k, 1, ocft_dh14.y, 2048) &&
		  ocft_lk_set(k, 2, p, 2048) && ocft_lk_set(k, 3, NULL, 2048))) {
		rc = ocft_lk_run(k);
		if (CHECK_EQ(rc, 0))
			CHECK(ocft_lk_is(k, ocft_dh14.z));
		if (rc >= 0)
			CHECK_EQ(k->krp.krp_hid, id);
	}
	ocft_lk_free(k);

	/* peer 1, p - 1, p, 0; private 0, p */
	pm1 = kstrdup(p, GFP_KERNEL);
	if (!CHECK(pm1))
		return OCFT_FAIL;
	pm1[strlen(pm1) - 1] = 'e';
	CHECK_EQ(ocft_dh_try(id, ocft_dh14.x, 256, "01", 8, 2048, 3, 1), EINVAL);
	CHECK_EQ(ocft_dh_try(id, ocft_dh14.x, 256, pm1, 2048, 2048, 3, 1), EINVAL);
	CHECK_EQ(ocft_dh_try(id, ocft_dh14.x, 256, p, 2048, 2048, 3, 1), EINVAL);
	CHECK_EQ(ocft_dh_try(id, ocft_dh14.x, 256, NULL, 8, 2048, 3, 1), EINVAL);
	CHECK_EQ(ocft_dh_try(id, NULL, 8, ocft_dh14.y, 2048, 2048, 3, 1), EINVAL);
	CHECK_EQ(ocft_dh_try(id, p, 2048, ocft_dh14.y, 2048, 2048, 3, 1), EINVAL);
	/* output short, parameter counts */
	CHECK_EQ(ocft_dh_try(id, ocft_dh14.x, 256, ocft_dh14.y, 2048, 2040, 3, 1), EINVAL);
	CHECK_EQ(ocft_dh_try(id, ocft_dh14.x, 256, ocft_dh14.y, 2048, 2048, 2, 2), EINVAL);
	kfree(pm1);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

/*
 * A refusal (EOPNOTSUPP) goes on to the next driver: the fake hardware
 * driver ocft_key, tried first, refuses inside kprocess; linux_generic then
 * serves the request. When every driver refuses, the status is EOPNOTSUPP.
 */
static int t_lk_fall_through(void)
{
	const struct ocft_mx *v = &ocft_mx_vecs[0];
	int id = ocft_lk_generic(), rc, nk0;
	struct ocft_lk *k;
	bool ok = true;

	if (id < 0)
		return OCFT_SKIP;
	if (!ocft_key || !ocft_key->alive)
		return ocft_skip("no fake keying driver");
	k = ocft_lk_new(CRK_MOD_EXP, 0);
	if (!CHECK(k))
		return OCFT_FAIL;
	WRITE_ONCE(ocft_key->krefuse, true);
	nk0 = atomic_read(&ocft_key->nkprocess);
	if (CHECK(ocft_mx_prep(k, v, v->bits))) {
		rc = ocft_lk_run(k);
		CHECK_EQ(atomic_read(&ocft_key->nkprocess) - nk0, 1);
		if (CHECK_EQ(rc, 0))
			CHECK(ocft_lk_is(k, v->r));
		if (rc >= 0) {
			CHECK(k->krp.krp_hid != ocft_key->id);
			CHECK_EQ(atomic_read(&k->ncb), 1);
		}
	}
	ocft_lk_free(k);
	/* refused by all: a 504-bit modulus */
	nk0 = atomic_read(&ocft_key->nkprocess);
	rc = ocft_lk_try(CRK_MOD_EXP, CRYPTOCAP_F_HARDWARE | CRYPTOCAP_F_SOFTWARE, "02", 8,
			 v->e, 24, v->n + 2, 504, 504, 3, 1);
	if (rc != 0)	/* 0: some other driver computes it */
		CHECK_EQ(rc, EOPNOTSUPP);
	CHECK_EQ(atomic_read(&ocft_key->nkprocess) - nk0, 1);
	WRITE_ONCE(ocft_key->krefuse, false);
	return ok ? OCFT_PASS : OCFT_FAIL;
}

const struct ocft_case ocft_cases_lxkey[] = {
	{ "linux_keying_registered", t_lk_registered },
	{ "linux_keying_mod_exp", t_lk_mod_exp },
	{ "linux_keying_mod_exp_plain", t_lk_mod_exp_plain },
	{ "linux_keying_errors", t_lk_mod_exp_errors },
	{ "linux_keying_dh_group14", t_lk_dh },
	{ "linux_keying_fall_through", t_lk_fall_through },
};

const unsigned int ocft_ncases_lxkey = ARRAY_SIZE(ocft_cases_lxkey);
