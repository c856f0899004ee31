/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Every difference between the kernels we support lives here, named by
 * what it provides, never by version, so that the rest of the code reads as
 * if written for one kernel. This header is force-included (see Kbuild).
 *
 * Supported: Linux 6.1 (Debian 12) to the newest kernel in Debian sid.
 */
#ifndef OPENCRYPTO_COMPAT_H
#define OPENCRYPTO_COMPAT_H

#include <linux/version.h>
#include <linux/export.h>
#include <linux/module.h>

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 1, 0)
#error "opencrypto needs Linux 6.1 or newer"
#endif

/*
 * Symbol namespaces: a bare identifier until 6.12, a string literal from
 * 6.13 on. EXPORT_SYMBOL_OCF() exports into our namespace on either; importers use
 * MODULE_INFO(import_ns, OPENCRYPTO_NS), which every supported kernel reads.
 */
#define OPENCRYPTO_NS "OPENCRYPTO"
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 13, 0)
#define EXPORT_SYMBOL_OCF(sym) EXPORT_SYMBOL_NS_GPL(sym, OPENCRYPTO_NS)
#else
#define EXPORT_SYMBOL_OCF(sym) EXPORT_SYMBOL_NS_GPL(sym, OPENCRYPTO)
#endif
#define OCF_IMPORT_NS() MODULE_INFO(import_ns, OPENCRYPTO_NS)

/* hex2bin() and friends: <linux/kernel.h> until 7.x, then <linux/hex.h>. */
#ifdef COMPAT_HAVE_LINUX_HEX_H
#include <linux/hex.h>
#else
#include <linux/kernel.h>
#endif

/* The BLAKE2s library's state: struct blake2s_state, blake2s_ctx from 7.x. */
#ifdef COMPAT_HAVE_BLAKE2S_CTX
#define ocf_blake2s_state blake2s_ctx
#else
#define ocf_blake2s_state blake2s_state
#endif

/*
 * The crypto API's completion callback gets the request up to 6.2 and the
 * request's data pointer from 6.3 on. Define one with OCF_COMPLETION(name)
 * and get the data with OCF_COMPLETION_DATA().
 */
#include <linux/crypto.h>
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
#define OCF_COMPLETION(name) void name(void *ocf_completion_data, int err)
#define OCF_COMPLETION_DATA() (ocf_completion_data)
#else
#define OCF_COMPLETION(name) \
	void name(struct crypto_async_request *ocf_completion_req, int err)
#define OCF_COMPLETION_DATA() (ocf_completion_req->data)
#endif

/*
 * Long-term write pins of pages whose file system tracks them dirty (a
 * file's MAP_SHARED pages on ext4, xfs, a block device, ...): refused by
 * GUP itself from 6.5 on (pin_user_pages*() answer -EFAULT); granted
 * before, and the page cache then written behind the file system's back.
 * Without the refusal, the caller checks the mappings and pins under the
 * mmap lock with ocf_pin_user_pages_locked().
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 5, 0)
#define COMPAT_GUP_REFUSES_LONGTERM_FILE_WRITE 1
#define ocf_pin_user_pages_locked(start, n, flags, pages) \
	pin_user_pages(start, n, flags, pages)
#else
#define COMPAT_GUP_REFUSES_LONGTERM_FILE_WRITE 0
#define ocf_pin_user_pages_locked(start, n, flags, pages) \
	pin_user_pages(start, n, flags, pages, NULL)
#endif

/* A platform driver's void remove(): .remove_new up to 6.10, .remove after. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
#define ocf_platform_remove remove
#else
#define ocf_platform_remove remove_new
#endif

#endif /* OPENCRYPTO_COMPAT_H */
