// SPDX-License-Identifier: GPL-2.0-only
/*
 * opencrypto_hwprov: a "hardware" provider split from its device driver,
 * as QAT's algorithms live in intel_qat while qat_4xxx drives the device
 * (and CCP's in ccp_crypto beside ccp). Built only for the test suite
 * (OPENCRYPTO_TESTS=1), with opencrypto_hwdev, the device driver.
 *
 * It registers "cbc(aes)" (cbc-aes-ocft-hwprov, CRYPTO_ALG_KERN_DRIVER_ONLY:
 * hardware to the framework) while at least one device is attached
 * (ocft_hwprov_attach() from the device's probe, ocft_hwprov_detach() from
 * its remove), computing it with the CPU's synchronous cbc(aes).
 */
#include <crypto/aes.h>
#include <crypto/internal/skcipher.h>
#include <linux/module.h>
#include <linux/mutex.h>

#include "hwprov.h"

struct hwprov_ctx {
	struct crypto_skcipher *fb;
};

static int hwprov_init(struct crypto_skcipher *tfm)
{
	struct hwprov_ctx *ctx = crypto_skcipher_ctx(tfm);

	/* the CPU's synchronous cbc(aes): not this one (KERN_DRIVER_ONLY) */
	ctx->fb = crypto_alloc_skcipher("cbc(aes)", 0,
					CRYPTO_ALG_ASYNC | CRYPTO_ALG_KERN_DRIVER_ONLY);
	if (IS_ERR(ctx->fb))
		return PTR_ERR(ctx->fb);
	crypto_skcipher_set_reqsize(tfm, sizeof(struct skcipher_request) +
				    crypto_skcipher_reqsize(ctx->fb));
	return 0;
}

static void hwprov_exit(struct crypto_skcipher *tfm)
{
	struct hwprov_ctx *ctx = crypto_skcipher_ctx(tfm);

	crypto_free_skcipher(ctx->fb);
}

static int hwprov_setkey(struct crypto_skcipher *tfm, const u8 *key, unsigned int len)
{
	struct hwprov_ctx *ctx = crypto_skcipher_ctx(tfm);

	return crypto_skcipher_setkey(ctx->fb, key, len);
}

static int hwprov_crypt(struct skcipher_request *req, bool enc)
{
	struct hwprov_ctx *ctx = crypto_skcipher_ctx(crypto_skcipher_reqtfm(req));
	struct skcipher_request *sub = skcipher_request_ctx(req);

	skcipher_request_set_tfm(sub, ctx->fb);
	skcipher_request_set_callback(sub, req->base.flags, NULL, NULL);
	skcipher_request_set_crypt(sub, req->src, req->dst, req->cryptlen, req->iv);
	return enc ? crypto_skcipher_encrypt(sub) : crypto_skcipher_decrypt(sub);
}

static int hwprov_encrypt(struct skcipher_request *req)
{
	return hwprov_crypt(req, true);
}

static int hwprov_decrypt(struct skcipher_request *req)
{
	return hwprov_crypt(req, false);
}

static struct skcipher_alg hwprov_alg = {
	.base = {
		.cra_name = "cbc(aes)",
		.cra_driver_name = "cbc-aes-ocft-hwprov",
		.cra_priority = 1,
		.cra_flags = CRYPTO_ALG_KERN_DRIVER_ONLY,
		.cra_blocksize = AES_BLOCK_SIZE,
		.cra_ctxsize = sizeof(struct hwprov_ctx),
		.cra_module = THIS_MODULE,
	},
	.min_keysize = AES_MIN_KEY_SIZE,
	.max_keysize = AES_MAX_KEY_SIZE,
	.ivsize = AES_BLOCK_SIZE,
	.setkey = hwprov_setkey,
	.encrypt = hwprov_encrypt,
	.decrypt = hwprov_decrypt,
	.init = hwprov_init,
	.exit = hwprov_exit,
};

static DEFINE_MUTEX(hwprov_lock);
static unsigned int hwprov_devices;

/**
 * ocft_hwprov_attach() - a device came: register the algorithm at the first
 *
 * Return: 0 or a negative errno.
 */
int ocft_hwprov_attach(void)
{
	int err = 0;

	mutex_lock(&hwprov_lock);
	if (!hwprov_devices)
		err = crypto_register_skcipher(&hwprov_alg);
	if (!err)
		hwprov_devices++;
	mutex_unlock(&hwprov_lock);
	return err;
}
EXPORT_SYMBOL_GPL(ocft_hwprov_attach);

/**
 * ocft_hwprov_detach() - a device went: unregister the algorithm at the last
 */
void ocft_hwprov_detach(void)
{
	mutex_lock(&hwprov_lock);
	if (hwprov_devices && !--hwprov_devices)
		crypto_unregister_skcipher(&hwprov_alg);
	mutex_unlock(&hwprov_lock);
}
EXPORT_SYMBOL_GPL(ocft_hwprov_detach);

MODULE_DESCRIPTION("opencrypto test: a hardware algorithm provider split from its device driver");
MODULE_LICENSE("GPL");
