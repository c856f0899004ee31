#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# A hardware provider split from its device's driver, as QAT's algorithms
# live in intel_qat while qat_4xxx drives the device (CCP: ccp_crypto and
# ccp): opencrypto_hwprov registers "cbc(aes)" while opencrypto_hwdev's
# platform device is bound. While a kernel consumer (opencrypto_stream.ko)
# streams requests on the provider's driver, the device is unbound: the
# bus event names opencrypto_hwdev, and the driver of opencrypto_hwprov,
# which it uses, must be withdrawn before the provider unregisters the
# algorithm under our transforms (the kernel log, checked by make check,
# shows the crypto API's WARN if not). Bound again, the driver comes back.
n=0 fail=0
result() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n $2"; else echo "not ok $n $2"; fail=1; fi; }
skip_all() { echo "1..0 # SKIP $*"; exit 4; }
S=/sys/kernel/debug/opencrypto_stream
D=/sys/kernel/debug/opencrypto/drivers
P=/sys/bus/platform/drivers/ocft_hwdev
get() { sed -n "s/^$1 //p" $S/status; }
wait_for() {	# wait_for SECONDS COMMAND...: poll until COMMAND succeeds
	t=$1; shift
	while [ "$t" -gt 0 ]; do "$@" && return 0; sleep 1; t=$((t - 1)); done
	return 1
}
LIVE='opencrypto_hwprov[0-9]* .*hardware .*live'

echo "KTAP version 1"
modprobe opencrypto_hwdev || skip_all "opencrypto_hwdev.ko not built (OPENCRYPTO_TESTS=1)"
modprobe opencrypto_stream || skip_all "opencrypto_stream.ko not built (OPENCRYPTO_TESTS=1)"
echo "1..6"

wait_for 20 grep -q "$LIVE" $D
result $? "the split provider's algorithm is a live hardware driver"
echo "start opencrypto_hwprov0" >$S/control
wait_for 20 sh -c "[ \"\$(sed -n 's/^done //p' $S/status)\" -gt 20 ]"
result $? "a stream runs on it"

echo "# unbind ocft_hwdev.0 while requests stream"
echo ocft_hwdev.0 >$P/unbind
wait_for 10 sh -c "! grep -q '$LIVE' $D"
result $? "unbinding the device withdrew the provider's driver"
echo stop >$S/control
sed 's/^/# /' $S/status
[ "$(get wrong)" = 0 ] && [ "$(get lost)" = 0 ]
result $? "no request lost or wrong"

echo ocft_hwdev.0 >$P/bind
wait_for 20 grep -q "$LIVE" $D
result $? "bound again, the driver is back"
rmmod opencrypto_stream && rmmod opencrypto_hwdev && rmmod opencrypto_hwprov
result $? "the modules unload"
exit $fail
