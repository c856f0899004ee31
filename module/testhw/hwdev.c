// SPDX-License-Identifier: GPL-2.0-only
/*
 * opencrypto_hwdev: the device driver of opencrypto_hwprov (the test's
 * qat_4xxx to its intel_qat): a platform driver whose device's probe
 * attaches the provider and whose remove detaches it, so that unbinding
 * the device (/sys/bus/platform/drivers/ocft_hwdev/unbind) unregisters
 * algorithms of another module. Built only for the test suite.
 */
#include <linux/module.h>
#include <linux/platform_device.h>

#include "hwprov.h"

static struct platform_device *hwdev_pdev;

static int hwdev_probe(struct platform_device *pdev)
{
	return ocft_hwprov_attach();
}

static void hwdev_detach(struct platform_device *pdev)
{
	ocft_hwprov_detach();
}

static struct platform_driver hwdev_driver = {
	.probe = hwdev_probe,
	.ocf_platform_remove = hwdev_detach,
	.driver = { .name = "ocft_hwdev" },
};

static int __init hwdev_init(void)
{
	int err = platform_driver_register(&hwdev_driver);

	if (err)
		return err;
	hwdev_pdev = platform_device_register_simple("ocft_hwdev", 0, NULL, 0);
	if (IS_ERR(hwdev_pdev)) {
		platform_driver_unregister(&hwdev_driver);
		return PTR_ERR(hwdev_pdev);
	}
	return 0;
}

static void __exit hwdev_exit(void)
{
	platform_device_unregister(hwdev_pdev);
	platform_driver_unregister(&hwdev_driver);
}

module_init(hwdev_init);
module_exit(hwdev_exit);
MODULE_DESCRIPTION("opencrypto test: the device driver of opencrypto_hwprov");
MODULE_LICENSE("GPL");
