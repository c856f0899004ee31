#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Load and unload both modules three times; /dev/crypto follows the modules.
n=0
ok() { n=$((n + 1)); echo "ok $n $*"; }
notok() { n=$((n + 1)); echo "not ok $n $*"; fail=1; }
check() { if eval "$1"; then ok "$2"; else notok "$2"; fi; }
fail=0

echo "KTAP version 1"
echo "1..16"
check 'grep -q "^cryptodev " /proc/modules && grep -q "^opencrypto " /proc/modules' \
	"both modules loaded at start"
check '! rmmod opencrypto 2>/dev/null' "opencrypto cannot go while cryptodev uses it"
for i in 1 2 3; do
	check 'rmmod cryptodev && rmmod opencrypto' "round $i: unload both"
	check '[ ! -e /dev/crypto ] && ! grep -q "^opencrypto " /proc/modules' \
		"round $i: device and modules gone"
	check 'modprobe cryptodev' "round $i: modprobe cryptodev"
	check '[ -c /dev/crypto ] && grep -q "^opencrypto " /proc/modules' \
		"round $i: opencrypto pulled in as a dependency, /dev/crypto back"
done
check '[ "$(cat /sys/module/opencrypto/version)" = "$(cat /sys/module/cryptodev/version)" ]' \
	"both modules report the same version"
check 'exec 3<>/dev/crypto && ! rmmod cryptodev 2>/dev/null; r=$?; exec 3>&-; [ $r = 0 ]' \
	"cryptodev cannot be unloaded while /dev/crypto is open"
exit $fail
