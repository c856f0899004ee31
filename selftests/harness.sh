#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The guest harness itself: the QEMU monitor is reachable from the guest, and
# the virtio-crypto device, when present, is driven by virtio_crypto.
n=0 fail=0
result() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n $2"; else echo "not ok $n $2"; fail=1; fi; }

echo "KTAP version 1"
echo "1..3"
reply=$(qemu-monitor info status 2>&1)
echo "$reply" | grep -q "VM status: running" || echo "$reply" | sed "s/^/# reply: /"
echo "$reply" | grep -q "VM status: running"
result $? "qemu-monitor: 'info status' says the VM is running"

# virtio-crypto's PCI id: vendor 0x1af4, device 0x1054
dev=
for d in /sys/bus/pci/devices/*; do
	[ "$(cat "$d/vendor")" = 0x1af4 ] && [ "$(cat "$d/device")" = 0x1054 ] && dev=$d
done
if [ -z "$dev" ]; then
	n=$((n + 1)); echo "ok $n # SKIP no virtio-crypto device (--no-virtio-crypto)"
	n=$((n + 1)); echo "ok $n # SKIP no virtio-crypto device (--no-virtio-crypto)"
else
	[ "$(basename "$(readlink "$dev/driver")")" = virtio-pci ]
	result $? "virtio-crypto PCI device bound to virtio-pci"
	grep -q '^driver *: virtio_crypto_aes_cbc' /proc/crypto
	result $? "/proc/crypto lists virtio_crypto_aes_cbc"
fi
exit $fail
