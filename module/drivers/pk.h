/* SPDX-License-Identifier: GPL-2.0-only */
/* opencrypto_pk: the software keying driver (pk.c). */
#ifndef OPENCRYPTO_DRIVERS_PK_H
#define OPENCRYPTO_DRIVERS_PK_H

int ocf_pk_init(void);
void ocf_pk_exit(void);

#endif /* OPENCRYPTO_DRIVERS_PK_H */
