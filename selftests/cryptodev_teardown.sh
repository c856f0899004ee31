#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# /dev/crypto under load and torn down: a multi-threaded stress (threads x
# files x sessions, sync and async, every answer checked) with the module's
# holdings back to zero after it; a process killed in the middle of large
# requests; module unload refused while a file is open, clean after; and
# the virtio-crypto device removed under a stress on a hardware session.
n=0
result() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n $2"; else echo "not ok $n $2"; fi; [ "$1" = 0 ]; }
C=/sys/kernel/debug/cryptodev/stats
stat() { sed -n "s/^$1 //p" $C; }
wait_for() {	# wait_for SECONDS COMMAND...
	t=$1; shift
	while [ "$t" -gt 0 ]; do "$@" && return 0; sleep 1; t=$((t - 1)); done
	return 1
}
idle() { [ "$(stat files)" = 0 ] && [ "$(stat sessions)" = 0 ] && [ "$(stat jobs)" = 0 ] &&
	 [ "$(stat memory)" = 0 ] && [ "$(stat pinned)" = 0 ]; }
slab() { sed -n 's/^Slab: *\([0-9]*\) kB/\1/p' /proc/meminfo; }
here=$(dirname "$0")

echo "KTAP version 1"
echo "1..10"
grep -q ' /sys/kernel/debug ' /proc/mounts || mount -t debugfs none /sys/kernel/debug
modprobe cryptodev
idle
result $? "nothing held before" || sed 's/^/# /' $C
slab0=$(slab)

"$here/cryptodev_stress" -t 8 -f 3 -s 4
result $? "8 threads on 3 files, sync and async, sessions churning: every answer right"
wait_for 10 idle
result $? "after it: no file, session, request, buffer or pinned page left" || sed 's/^/# /' $C
echo "# slab: $slab0 kB before, $(slab) kB after"

"$here/cryptodev_stress" -c && wait_for 10 idle
result $? "closing a file with 64 large async requests in the drivers leaves nothing behind" ||
	sed 's/^/# /' $C

"$here/cryptodev_stress" -t 4 -f 2 -s 30 >/dev/null 2>&1 &
pid=$!
sleep 2
kill -9 $pid
wait $pid 2>/dev/null
wait_for 20 idle
result $? "a stress killed with SIGKILL mid-request leaves nothing behind" || sed 's/^/# /' $C

exec 3<>/dev/crypto
rmmod cryptodev 2>/dev/null
[ $? != 0 ] && [ -c /dev/crypto ]
result $? "rmmod cryptodev is refused while /dev/crypto is open"
exec 3>&-
rmmod cryptodev
result $? "once closed, rmmod cryptodev succeeds"
modprobe cryptodev
result $? "and it loads again"

if ! grep -qs 0x1054 /sys/bus/pci/devices/*/device; then
	echo "ok $((n + 1)) # SKIP no virtio-crypto device for hot-unplug"
	echo "ok $((n + 2)) # SKIP no virtio-crypto device for hot-unplug"
	exit 0
fi
migr() { sed -n 's/^migrations //p' /sys/kernel/debug/opencrypto/stats; }
m0=$(migr)
"$here/cryptodev_stress" -H -t 4 -f 2 -s 8 >/tmp/.hw-stress 2>&1 &
pid=$!
sleep 3
echo "# device_del crypto0 under /dev/crypto hardware sessions"
qemu-monitor device_del crypto0 >/dev/null
wait $pid
rc=$?
sed 's/^/# /' /tmp/.hw-stress
[ $rc = 0 ] && [ "$(migr)" -gt "$m0" ]
result $? "hot-unplug under open sessions: they moved ($m0 -> $(migr) migrations), every request right"
qemu-monitor device_add virtio-crypto-pci,id=crypto0,cryptodev=cryptodev0 >/dev/null
wait_for 30 grep -q 'virtio_crypto[0-9]* .*hardware .*live' /sys/kernel/debug/opencrypto/drivers
wait_for 10 idle
result $? "the device is back, nothing held" || sed 's/^/# /' $C
