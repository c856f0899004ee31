// SPDX-License-Identifier: GPL-2.0-only
/*
 * The memory /dev/crypto holds for its files (sessions, data buffers, the
 * multi-call hash's accumulator, pinned pages) is charged twice: to the
 * module as a whole, bounded by max_memory (what protects the kernel), and
 * to the user who opened the file, bounded by max_user_memory (what keeps
 * one user's files from taking all of max_memory and denying /dev/crypto
 * to every other user). A caller with CAP_SYS_RESOURCE may go past its
 * user's bound, as with pipe buffers (checked only then). The account is
 * the opener's: a descriptor passed to another process goes on charging it.
 *
 * The user is the opener's real uid, except inside user namespaces that an
 * unprivileged user made: the uids mapped there (a range from /etc/subuid
 * through newuidmap, say) are all that user's, charged to the owner of the
 * outermost such namespace; otherwise one user would have an account per
 * uid it can map. Namespaces root made (containers) keep one account per
 * uid, as root chose their mappings.
 *
 * An account lives while a file or a session of its user does: each file
 * and each session holds a reference (a session may outlive its file while
 * a killed caller's request finishes).
 */
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/hashtable.h>
#include <linux/refcount.h>
#include <linux/user_namespace.h>
#include <linux/slab.h>

#include "cdev.h"

struct cdev_acct {
	struct hlist_node node;		/* in cdev_accts */
	kuid_t uid;
	refcount_t ref;
	atomic_long_t memory;		/* bytes charged */
};

static DEFINE_HASHTABLE(cdev_accts, 6);
static DEFINE_SPINLOCK(cdev_accts_lock);
static unsigned int cdev_naccts;

/* Under cdev_accts_lock. */
static struct cdev_acct *cdev_acct_find(kuid_t uid)
{
	struct cdev_acct *a;

	hash_for_each_possible(cdev_accts, a, node, __kuid_val(uid))
		if (uid_eq(a->uid, uid) && refcount_inc_not_zero(&a->ref))
			return a;
	return NULL;
}

/* The user a file opened now is charged to (see the top of this file). */
static kuid_t cdev_acct_uid(void)
{
	const struct user_namespace *ns, *top = NULL;

	for (ns = current_user_ns(); ns && ns != &init_user_ns; ns = ns->parent)
		if (!uid_eq(ns->owner, GLOBAL_ROOT_UID))
			top = ns;
	return top ? top->owner : current_uid();
}

/**
 * cdev_acct_open() - the account a file being opened charges
 *
 * Context: process; the opener's credentials.
 * Return: the opener's user's account, referenced, or ERR_PTR(-ENOMEM).
 */
struct cdev_acct *cdev_acct_open(void)
{
	kuid_t uid = cdev_acct_uid();
	struct cdev_acct *a, *n;

	spin_lock(&cdev_accts_lock);
	a = cdev_acct_find(uid);
	spin_unlock(&cdev_accts_lock);
	if (a)
		return a;
	n = kzalloc(sizeof(*n), GFP_KERNEL);
	if (!n)
		return ERR_PTR(-ENOMEM);
	n->uid = uid;
	refcount_set(&n->ref, 1);
	spin_lock(&cdev_accts_lock);
	a = cdev_acct_find(uid);	/* another file of this user won */
	if (!a) {
		hash_add(cdev_accts, &n->node, __kuid_val(uid));
		cdev_naccts++;
		a = n;
		n = NULL;
	}
	spin_unlock(&cdev_accts_lock);
	kfree(n);
	return a;
}

/**
 * cdev_acct_hold() - another reference to an account
 * @a: the account
 *
 * Return: @a.
 */
struct cdev_acct *cdev_acct_hold(struct cdev_acct *a)
{
	refcount_inc(&a->ref);
	return a;
}

/**
 * cdev_acct_put() - drop a reference to an account
 * @a: the account
 */
void cdev_acct_put(struct cdev_acct *a)
{
	if (refcount_dec_not_one(&a->ref))
		return;
	spin_lock(&cdev_accts_lock);
	if (!refcount_dec_and_test(&a->ref)) {	/* a file of its user came */
		spin_unlock(&cdev_accts_lock);
		return;
	}
	hash_del(&a->node);
	cdev_naccts--;
	spin_unlock(&cdev_accts_lock);
	WARN_ON_ONCE(atomic_long_read(&a->memory));
	kfree(a);
}

/**
 * cdev_acct_users() - how many users have an account now (debugfs)
 *
 * Return: the number.
 */
unsigned int cdev_acct_users(void)
{
	return READ_ONCE(cdev_naccts);
}

/**
 * cdev_mem_charge() - charge memory to a user's account and to the module
 * @a: the account of the file the memory is for
 * @n: bytes
 *
 * Context: process, the caller's (its capabilities are checked).
 * Return: 0, or -ENOMEM when the user's files would hold more than
 * max_user_memory (and the caller lacks CAP_SYS_RESOURCE) or /dev/crypto
 * as a whole more than max_memory.
 */
int cdev_mem_charge(struct cdev_acct *a, size_t n)
{
	if (atomic_long_add_return(n, &a->memory) > READ_ONCE(cdev_max_user_memory) &&
	    !capable(CAP_SYS_RESOURCE)) {
		atomic_long_sub(n, &a->memory);
		return -ENOMEM;
	}
	if (atomic_long_add_return(n, &cdev_stats.memory) > READ_ONCE(cdev_max_memory)) {
		atomic_long_sub(n, &cdev_stats.memory);
		atomic_long_sub(n, &a->memory);
		return -ENOMEM;
	}
	return 0;
}

/**
 * cdev_mem_uncharge() - give back what cdev_mem_charge() took
 * @a: the account it was charged to
 * @n: bytes
 */
void cdev_mem_uncharge(struct cdev_acct *a, size_t n)
{
	atomic_long_sub(n, &a->memory);
	atomic_long_sub(n, &cdev_stats.memory);
}
