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
#include <unistd.h>

#include <crypto/cryptodev.h>

#include "ktap.h"

#define MAXB 513

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

static const struct {
	unsigned int bits;
	const char *b, *e, *n, *r;
} mx[] = {
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
	{ 2048,
	  "02",
	  "03",
	  "a894a0a98c5a394f1bc1e3b0d5c313ef1b8fb60a9768968716efa8f626e47494833abcca56d372aa7ba6bcae4e1aabd77e077a3821cddc2f53cfae040083bb6850adf170ad3cb8a610c356bdfcf14dd60cf0128f23a9b4d492d91d7795448688f2b844a2e72c14b87f8ea64deb60a4600e7bb4e5ff2f71ba8ef6ae0ccdf02ea246d5246ccb3fef4f1b9fe7761ed6ee27aa33c103e4fc5b6c3bcc6dd1acd5ae2ec7ec6623487452e7de9f641142a388a751d71d0b7d164861eab868f4e37cf30325661ea12e5cc16b5ae84ae0dca39e8db37be9cdd58d8c980e7e4cc7129975cdb2c4e5e66c40686c230b411589d65e35447162e3b2672d35c8e7f62829166e5b",
	  "08",
	},
};

static const char *dh_p =
	"ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74020bbea63b139b22514a08798e3404ddef9519b3cd3a431b302b0a6df25f14374fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7edee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf0598da48361c55d39a69163fa8fd24cf5f83655d23dca3ad961c62f356208552bb9ed529077096966d670c354e4abc9804f1746c08ca18217c32905e462e36ce3be39e772c180e86039b2783a2ec07a28fb5c55df06f4c52c9de2bcbf6955817183995497cea956ae515d2261898fa051015728e5a8aacaa68ffffffffffffffff";
static const char *dh_x =
	"9514bbc6edd070132c19dd6f8d246a8501aec205017cb0451a1e737b5ec249f1";
static const char *dh_y =
	"f09e3b1526aeca4695dc7adc5d6057bdbdd8b0fa7736574d753c0a9c0aff4d72fc6d1c87cb0b27059a2ded36290605ae0c68e2823223b29804fd548015b9b459986f230be20253d3473e12e3ba2afd1a32b9fe83859dfbc547b852276025cee1a65218a3d0f6ca3830022c1f077164174f059a83be7f491259fb662c3efa25f52e440097c35f6e342297ab6b5b7597ebd566722b74d2f464634785900c41883565f7d88553712f12bdc5f35b195719d8ab73e830ceea981fcf74ff06628b0709a306974e5791c22d298fc484a9a81869db55a08173b8a8809ce317c911c10e527642397aa0f13add8583e4f91f377bc04390857f98911ee70f4744ad6e1078a9";
static const char *dh_z =
	"b91be594c53ea8574abacd9cb3b1e61a84ece0abd100d10a883fbb12918ad03256c47dfb0226163239506b5944b549671670ecfdf4525a15a26087c6203bf51af819f8dd127329baef6e9507c32778b99a5915174152b99e104ddf63b22d22eb05741335d5571a3a28ec38928afe15231d9f7003d83103e15a43c2f1d2741aa9c71d55b709f63392d192df996e0fa1f4a41f8028df3130d65a8561f9efea81ffc41b99d04ba41e5323e377b27f43c2481c6c814f2cc486a6e28a5eb9e9ecab85bc6555eed01ed9ae8ab6e4da8a99105ab6d1c8a343888a218cbcebb02ae1ea69ed717fb3ceb31ebe1a0be7dc75ee6f4978a6b341e0bb6641944dc7bb4970cef0";

int main(void)
{
	struct crypt_find_op fop;
	unsigned int i, st;
	__u32 feat = 0;
	int err, crid;

	ktap_plan(15);
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

	for (i = 0; i < sizeof(mx) / sizeof(mx[0]); i++) {
		err = kop(CRK_MOD_EXP, crid, mx[i].b, mx[i].bits, mx[i].e, strlen(mx[i].e) * 4,
			  mx[i].n, mx[i].bits, mx[i].bits, 3, &st);
		ktap_result(!err && !st && is_le(buf[3], mx[i].bits, mx[i].r),
			    "CIOCKEY2 CRK_MOD_EXP, %u-bit modulus%s (err %d, status %u)", mx[i].bits,
			    i == 4 ? ", a result of one byte" : "", err, st);
	}
	err = kop(CRK_DH_COMPUTE_KEY, crid, dh_x, 256, dh_y, 2048, dh_p, 2048, 2048, 3, &st);
	ktap_result(!err && !st && is_le(buf[3], 2048, dh_z),
		    "CIOCKEY2 CRK_DH_COMPUTE_KEY, RFC 3526 group 14 (err %d, status %u)", err, st);

	/* statuses */
	err = kop(CRK_MOD_EXP, crid, mx[0].n, 512, "03", 8, mx[0].n, 512, 512, 3, &st);
	ktap_result(!err && st == EINVAL, "base == modulus: status EINVAL (err %d, status %u)",
		    err, st);
	err = kop(CRK_MOD_EXP, crid, "02", 8, "03", 8, "00", 512, 512, 3, &st);
	ktap_result(!err && st == EINVAL, "zero modulus: status EINVAL (err %d, status %u)",
		    err, st);
	err = kop(CRK_MOD_EXP, crid, "02", 8, "03", 8, mx[0].n, 512, 512, 2, &st);
	ktap_result(!err && st == EINVAL, "2 input parameters: status EINVAL (err %d, status %u)",
		    err, st);
	err = kop(CRK_MOD_EXP, crid, "02", 8, "03", 8, mx[0].n + 2, 504, 504, 3, &st);
	ktap_result(!err && st == EOPNOTSUPP,
		    "504-bit modulus (rsa-generic takes none): status EOPNOTSUPP (err %d, status %u)",
		    err, st);
	err = kop(CRK_DH_COMPUTE_KEY, crid, dh_x, 256, "01", 8, dh_p, 2048, 2048, 3, &st);
	ktap_result(!err && st == EINVAL, "DH peer key 1: status EINVAL (err %d, status %u)",
		    err, st);
	err = kop(CRK_MOD_EXP_CRT, crid, "02", 8, "03", 8, mx[0].n, 512, 512, 3, &st);
	ktap_result(!err && st == ENODEV,
		    "CRK_MOD_EXP_CRT on linux_generic: status ENODEV (err %d, status %u)", err, st);
	close(fd);
	return ktap_finish();
}
