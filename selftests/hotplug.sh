#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Hot-unplug: while a kernel consumer (opencrypto_stream.ko) streams AES-CBC
# requests on the virtio-crypto accelerator, the device is removed through
# the QEMU monitor (device_del). Every request must complete with the right
# output (done, or EAGAIN then resubmitted to the software driver), none
# lost; after device_add the accelerator is found again and new sessions
# use it. Then once more with requests that carry their own keys, so that
# the driver is changing keys (a work item per session) when the device
# goes. The kernel log is checked by make check.
n=0 fail=0
result() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n $2"; else echo "not ok $n $2"; fail=1; fi; }
skip_all() { echo "1..0 # SKIP $*"; exit 4; }
S=/sys/kernel/debug/opencrypto_stream
D=/sys/kernel/debug/opencrypto/drivers
get() { sed -n "s/^$1 //p" $S/status; }
has_dev() { grep -qs 0x1054 /sys/bus/pci/devices/*/device; }
wait_for() {	# wait_for SECONDS COMMAND...: poll until COMMAND succeeds
	t=$1; shift
	while [ "$t" -gt 0 ]; do "$@" && return 0; sleep 1; t=$((t - 1)); done
	return 1
}
vc_live() { grep -q 'virtio_crypto[0-9]* .*hardware .*live' $D; }
vc_ids() { awk '$2 ~ /^virtio_crypto[0-9]*$/ && $3 == "hardware" && $5 == "live" { print $1 }' $D; }
ndev() { grep -ls 0x1054 /sys/bus/pci/devices/*/device | wc -l; }

echo "KTAP version 1"
has_dev || skip_all "no virtio-crypto device (--no-virtio-crypto)"
modprobe opencrypto_stream || skip_all "opencrypto_stream.ko not built (OPENCRYPTO_TESTS=1)"
echo "1..20"

echo start >$S/control
wait_for 20 sh -c "[ \"\$(sed -n 's/^done //p' $S/status)\" -gt 50 ]"
result $? "the stream runs"
get drivers | grep -q '^ *virtio_crypto' 
result $? "it starts on the virtio_crypto hardware driver"
before=$(get done)

echo "# device_del crypto0 while requests stream"
qemu-monitor device_del crypto0 >/dev/null
wait_for 30 sh -c '! grep -qs 0x1054 /sys/bus/pci/devices/*/device'
result $? "the device is gone"
wait_for 20 sh -c "[ \"\$(sed -n 's/^done //p' $S/status)\" -gt $((before + 50)) ]"
result $? "the stream goes on after the removal"
echo stop >$S/control
sed 's/^/# /' $S/status
[ "$(get wrong)" = 0 ] && [ "$(get lost)" = 0 ] && [ "$(get errors)" = 0 ]
result $? "no request lost, failed or wrong"
set -- $(get drivers)
[ $# -ge 2 ] && [ "${1%%[0-9]*}" = virtio_crypto ] && grep -q " $2 .*software" $D
result $? "it moved from virtio_crypto to a software driver ($2)"

echo "# device_add: the accelerator comes back"
qemu-monitor device_add virtio-crypto-pci,id=crypto0,cryptodev=cryptodev0 >/dev/null
wait_for 30 vc_live
result $? "virtio_crypto is a live hardware driver again"
echo start >$S/control
wait_for 20 sh -c "[ \"\$(sed -n 's/^done //p' $S/status)\" -gt 20 ]"
echo stop >$S/control
sed 's/^/# /' $S/status
get drivers | grep -q '^ *virtio_crypto'
result $? "a new session uses it"

echo "# per-request keys: device_del while the driver changes keys"
echo keys >$S/control
echo start >$S/control
wait_for 30 sh -c "[ \"\$(sed -n 's/^done //p' $S/status)\" -gt 30 ]"
get drivers | grep -q '^ *virtio_crypto'
result $? "a stream with per-request keys runs on virtio_crypto"
before=$(get done)
qemu-monitor device_del crypto0 >/dev/null
wait_for 30 sh -c '! grep -qs 0x1054 /sys/bus/pci/devices/*/device'
result $? "the device is gone again"
wait_for 20 sh -c "[ \"\$(sed -n 's/^done //p' $S/status)\" -gt $((before + 50)) ]"
result $? "the stream goes on after the removal"
echo stop >$S/control
sed 's/^/# /' $S/status
[ "$(get wrong)" = 0 ] && [ "$(get lost)" = 0 ] && [ "$(get errors)" = 0 ]
result $? "no request with its own key lost, failed or wrong"
qemu-monitor device_add virtio-crypto-pci,id=crypto0,cryptodev=cryptodev0 >/dev/null
wait_for 30 vc_live
result $? "virtio_crypto is back once more"
echo "# a second device comes and goes: the first keeps serving"
qemu-monitor object_add cryptodev-backend-builtin,id=cryptodev1 >/dev/null
qemu-monitor device_add virtio-crypto-pci,id=crypto1,cryptodev=cryptodev1 >/dev/null
wait_for 30 sh -c '[ "$(grep -ls 0x1054 /sys/bus/pci/devices/*/device | wc -l)" = 2 ]'
result $? "a second virtio-crypto device is there ($(ndev))"
wait_for 10 vc_live
old=$(vc_ids)
echo "# virtio_crypto driver id $old; device_del crypto1"
qemu-monitor device_del crypto1 >/dev/null
wait_for 30 sh -c '[ "$(grep -ls 0x1054 /sys/bus/pci/devices/*/device | wc -l)" = 1 ]'
result $? "the second device is gone, the first stays ($(ndev))"
vc_back() { [ -n "$(vc_ids)" ] && [ "$(vc_ids)" != "$old" ]; }
wait_for 30 vc_back
result $? "virtio_crypto is withdrawn and comes back for the device left (id $old, now $(vc_ids))"
echo nokeys >$S/control
echo start >$S/control
wait_for 20 sh -c "[ \"\$(sed -n 's/^done //p' $S/status)\" -gt 20 ]"
echo stop >$S/control
sed 's/^/# /' $S/status
get drivers | grep -q '^ *virtio_crypto' && [ "$(get wrong)" = 0 ] && [ "$(get errors)" = 0 ]
result $? "a new session uses it, with right results"
echo "# unbind through sysfs (no device removal), then bind again"
old=$(vc_ids)
v=$(ls -d /sys/bus/virtio/drivers/virtio_crypto/virtio* 2>/dev/null | head -1)
v=${v##*/}
[ -n "$v" ] && echo "$v" >/sys/bus/virtio/drivers/virtio_crypto/unbind &&
	wait_for 30 sh -c "! awk '\$2 ~ /^virtio_crypto/ && \$5 == \"live\"' $D | grep -q ."
result $? "unbinding $v withdraws the driver (id $old)"
[ -n "$v" ] && echo "$v" >/sys/bus/virtio/drivers/virtio_crypto/bind && wait_for 30 vc_back
result $? "binding it again brings the driver back (id $(vc_ids))"
rmmod opencrypto_stream
result $? "opencrypto_stream unloads"
exit $fail
