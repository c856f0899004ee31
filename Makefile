# SPDX-License-Identifier: GPL-2.0-only
#
# Top-level Makefile: builds the modules with Kbuild, installs them, and runs
# the test suite in a QEMU guest (see README.md and Documentation/testing.md).

VERSION := $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)

# The kernel to build against: the running one when its build tree exists,
# otherwise the Debian headers that `make deps` installs.
KVER ?= $(shell uname -r)
KDIR ?= $(firstword $(wildcard /lib/modules/$(KVER)/build) \
		    $(wildcard /usr/src/linux-headers-*-amd64))

# The guest kernel used by `make check` / `make demo` (Documentation/testing.md).
KERNEL ?= 6.1

PREFIX ?= /usr/local
UDEVDIR ?= /etc/udev/rules.d
DESTDIR ?=

MAKEFLAGS += --no-print-directory

.PHONY: all modules modules_install install uninstall clean deps check \
	check-all demo bench selftests cryptocheck cryptobench dkms-install help

all: modules

modules:
	@test -n "$(KDIR)" || { echo "No kernel build tree: run 'make deps' or set KDIR" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR)/module modules

modules_install: modules
	$(MAKE) -C $(KDIR) M=$(CURDIR)/module INSTALL_MOD_DIR=updates modules_install

install: modules_install
	install -D -m 0644 include/uapi/crypto/cryptodev.h $(DESTDIR)$(PREFIX)/include/crypto/cryptodev.h
	install -D -m 0644 udev/60-cryptodev.rules $(DESTDIR)$(UDEVDIR)/60-cryptodev.rules
	getent group crypto >/dev/null || groupadd --system crypto

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/include/crypto/cryptodev.h $(DESTDIR)$(UDEVDIR)/60-cryptodev.rules
	rm -f /lib/modules/$(KVER)/updates/opencrypto.ko /lib/modules/$(KVER)/updates/cryptodev.ko
	depmod -a $(KVER)

# DKMS gets a clean copy of the sources in /usr/src/opencrypto-VERSION.
dkms-install:
	rm -rf /usr/src/opencrypto-$(VERSION) && mkdir -p /usr/src/opencrypto-$(VERSION)
	tools/srctar | tar -xf - -C /usr/src/opencrypto-$(VERSION)
	dkms add opencrypto/$(VERSION)
	dkms install opencrypto/$(VERSION)

selftests:
	$(MAKE) -C selftests

# tools/cryptocheck against the system's libcrypto (STATIC=1: statically)
cryptocheck:
	$(MAKE) -C tools/cryptocheck

# tools/cryptobench against the system's libcrypto (STATIC=1: statically)
cryptobench:
	$(MAKE) -C tools/cryptobench

clean:
	@if [ -n "$(KDIR)" ]; then $(MAKE) -C $(KDIR) M=$(CURDIR)/module clean; fi
	$(MAKE) -C selftests clean
	$(MAKE) -C tools/cryptocheck clean
	$(MAKE) -C tools/cryptobench clean

# Install what building and testing need (Debian packages; idempotent).
deps:
	tools/deps $(KERNEL)

check:
	tools/check $(KERNEL)

check-all:
	tools/check-all

demo:
	tools/demo $(KERNEL)

# The benchmark's standard set in a guest: results/DATE-KERNEL/ (table, CSV, plots)
bench:
	tools/bench $(KERNEL)

help:
	@echo "make [KDIR=...]          build opencrypto.ko and cryptodev.ko"
	@echo "make install             modules, <crypto/cryptodev.h>, udev rule"
	@echo "make dkms-install        register with DKMS and build for this kernel"
	@echo "make deps                install build/test dependencies (Debian)"
	@echo "make cryptocheck         tools/cryptocheck: /dev/crypto against libcrypto"
	@echo "make check [KERNEL=...]  build and run every test in a QEMU guest"
	@echo "make demo                boot a guest and show /dev/crypto at work"
	@echo "make cryptobench         tools/cryptobench: benchmark of /dev/crypto, AF_ALG, OpenSSL"
	@echo "make bench [KERNEL=...]  the benchmark's standard set in a guest: results/DATE-KERNEL/"
