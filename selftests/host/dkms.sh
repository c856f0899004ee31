#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Host-side test: the real DKMS (dkms add, build, install, remove) against an
# installed Debian kernel's headers. Usage: dkms.sh ABI (e.g. 6.1.0-56-amd64).
# Prints KTAP; exit 0 pass, 1 fail, 4 skip. Leaves nothing registered.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
abi=${1:?usage: dkms.sh ABI}
ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$top/dkms.conf")
n=0 fail=0
result() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n $2"; else echo "not ok $n $2"; fail=1; fi
}
run() { "$@" >>"$log" 2>&1; }

echo "KTAP version 1"
if ! command -v dkms >/dev/null || [ ! -d "/lib/modules/$abi/build" ]; then
	echo "1..0 # SKIP dkms or headers for $abi not installed (make deps)"
	exit 4
fi
echo "1..7"
log=$(mktemp)
src=/usr/src/opencrypto-$ver
cleanup() { dkms remove "opencrypto/$ver" --all >/dev/null 2>&1; rm -rf "$src" "$log"; }
cleanup
log=$(mktemp)
trap cleanup EXIT

# What DKMS gets: the sources and the build files, as a release tarball would.
mkdir -p "$src"
"$top/tools/srctar" | tar -xf - -C "$src"

run dkms add "opencrypto/$ver"
result $? "dkms add opencrypto/$ver"
run dkms build "opencrypto/$ver" -k "$abi"
rc=$?
result $rc "dkms build -k $abi"
[ $rc = 0 ] || sed 's/^/# /' "$log" "/var/lib/dkms/opencrypto/$ver/build/make.log" 2>/dev/null | tail -40

built=/var/lib/dkms/opencrypto/$ver/$abi/x86_64/module
vm=$(modinfo -F vermagic "$built/cryptodev.ko" 2>/dev/null || modinfo -F vermagic "$built/cryptodev.ko.xz" 2>/dev/null)
case "$vm" in "$abi "*) r=0 ;; *) r=1 ;; esac
result $r "built cryptodev.ko has vermagic $abi (got '${vm%% *}')"
[ "$(modinfo -F version "$built"/opencrypto.ko* 2>/dev/null)" = "$ver" ]
result $? "built opencrypto.ko has version $ver"

run dkms install "opencrypto/$ver" -k "$abi"
result $? "dkms install -k $abi"
# modprobe resolves cryptodev's dependency on opencrypto from depmod's data.
# Newer dkms skips depmod for a kernel whose modules are not installed (the
# build chroots have only headers): run it then.
if [ ! -e "/lib/modules/$abi/modules.dep" ]; then
	echo "# no modules.dep for $abi (kernel not installed here): running depmod"
	depmod "$abi"
fi
deps=$(modprobe -S "$abi" --show-depends cryptodev 2>&1)
echo "$deps" | sed 's/^/# /'
echo "$deps" | grep -q 'updates/dkms/opencrypto\.ko' &&
	echo "$deps" | tail -1 | grep -q 'updates/dkms/cryptodev\.ko'
result $? "modprobe cryptodev would load opencrypto first, both from updates/dkms"

run dkms remove "opencrypto/$ver" --all
r=$?
[ $r = 0 ] && ! ls "/lib/modules/$abi/updates/dkms/"cryptodev.ko* >/dev/null 2>&1 &&
	[ -z "$(dkms status opencrypto 2>/dev/null)" ]
result $? "dkms remove --all unregisters and uninstalls"
exit $fail
