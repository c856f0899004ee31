/* SPDX-License-Identifier: GPL-2.0-only */
/* The framework's own software driver (module/drivers/soft.c). */
#ifndef OPENCRYPTO_DRIVERS_SOFT_H
#define OPENCRYPTO_DRIVERS_SOFT_H

#include <opencrypto/crypto.h>

int ocf_soft_init(void);
void ocf_soft_exit(void);

#endif /* OPENCRYPTO_DRIVERS_SOFT_H */
