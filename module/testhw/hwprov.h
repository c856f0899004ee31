/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef OCFT_HWPROV_H
#define OCFT_HWPROV_H

int ocft_hwprov_attach(void);
void ocft_hwprov_detach(void);

#endif
