#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# A CPU implementation module (aesni_intel) under opencrypto: while a session
# uses it, it cannot be unloaded and keeps serving; once the session is gone
# it unloads and its driver is withdrawn; loaded again, it is found again.
n=0 fail=0
result() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n $2"; else echo "not ok $n $2"; fail=1; fi; }
S=/sys/kernel/debug/opencrypto_stream
D=/sys/kernel/debug/opencrypto/drivers
M=aesni_intel
get() { sed -n "s/^$1 //p" $S/status; }
wait_for() {
	t=$1; shift
	while [ "$t" -gt 0 ]; do "$@" && return 0; sleep 1; t=$((t - 1)); done
	return 1
}
has_drv() { grep -q " $M[0-9]* .*live" $D; }

echo "KTAP version 1"
grep -q "^$M " /proc/modules || { echo "1..0 # SKIP $M is not a loaded module here (built in or absent)"; exit 4; }
modprobe opencrypto_stream || { echo "1..0 # SKIP opencrypto_stream.ko not built"; exit 4; }
echo "1..8"
L=/sys/kernel/debug/opencrypto/linux
algs() { awk -v m="$M" '$2 == m { print $3 }' $L | sort | tr '\n' ' '; }
algs0=$(algs)
has_drv
result $? "$M is an opencrypto driver"
echo "start $M" >$S/control
wait_for 20 sh -c "[ \"\$(sed -n 's/^done //p' $S/status)\" -gt 20 ]"
result $? "a session on $M streams"
! rmmod $M 2>/dev/null
result $? "$M cannot be unloaded while the session holds it"
before=$(get done)
sleep 1
echo stop >$S/control
sed 's/^/# /' $S/status
[ "$(get done)" -gt "$before" ] && [ "$(get wrong)" = 0 ] && [ "$(get errors)" = 0 ]
result $? "the session kept working, right answers only"
# the transforms of freed sessions are kept a moment (linux_idle.c: 20 ms)
wait_for 5 rmmod $M 2>/dev/null
result $? "$M unloads once the session is gone" || grep "^$M " /proc/modules | sed 's/^/# /'
! has_drv
result $? "its driver is withdrawn"
modprobe $M && wait_for 20 has_drv
result $? "loaded again, it is found again"
# templates on it (ccm(aes), gcm(aes)...) must be built again, not only its own
wait_for 20 sh -c "[ \"\$(awk -v m=$M '\$2 == m { print \$3 }' $L | sort | tr '\n' ' ')\" = \"$algs0\" ]"
result $? "it serves what it served before ($(echo $algs0 | wc -w) algorithms)" ||
	echo "# before: $algs0; after: $(algs)"
rmmod opencrypto_stream
exit $fail
