#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The framework's in-kernel tests: opencrypto_test.ko registers fake drivers,
# runs every case when it loads and leaves a KTAP report in debugfs, which is
# this test's output. Unloading it must succeed (all its drivers go away).
res=/sys/kernel/debug/opencrypto_test/results
err=/tmp/.framework.err

fail() {
	echo "KTAP version 1"
	echo "1..1"
	echo "not ok 1 opencrypto_test # $*"
	exit 1
}

grep -q ' /sys/kernel/debug ' /proc/mounts ||
	mount -t debugfs none /sys/kernel/debug 2>/dev/null
# A fresh run: unload a copy left by an earlier run.
grep -q '^opencrypto_test ' /proc/modules && rmmod opencrypto_test

# The framework's live session count, to compare after unloading.
ocf=/sys/kernel/debug/opencrypto
sessions() { sed -n 's/^sessions //p' $ocf/stats 2>/dev/null; }
modprobe opencrypto 2>/dev/null
before=$(sessions)

if ! modprobe opencrypto_test 2>$err; then
	ko=$(ls /lib/modules/*/updates/opencrypto_test.ko 2>/dev/null | head -n 1)
	[ -n "$ko" ] && modprobe opencrypto 2>>$err
	[ -n "$ko" ] && insmod "$ko" 2>>$err ||
		fail "cannot load opencrypto_test: $(tr '\n' ' ' <$err)"
fi
[ -r $res ] || fail "no $res"

out=$(cat $res)
echo "$out"

rc=0
plan=$(echo "$out" | sed -n 's/^1\.\.\([0-9][0-9]*\)$/\1/p' | head -n 1)
count=$(echo "$out" | grep -cE '^(not )?ok [0-9]+ ')
if [ -z "$plan" ] || [ "$plan" != "$count" ]; then
	echo "# plan says ${plan:-nothing}, $count results"
	rc=1
fi
echo "$out" | grep -q '^not ok ' && rc=1

if ! rmmod opencrypto_test 2>$err; then
	echo "# rmmod opencrypto_test failed: $(tr '\n' ' ' <$err)"
	rc=1
elif grep -q '^opencrypto_test ' /proc/modules || [ -e $res ]; then
	echo "# opencrypto_test still loaded after rmmod"
	rc=1
fi
# Once more: a second load must find the framework as clean as the first.
if [ $rc = 0 ]; then
	if modprobe opencrypto_test 2>$err && [ -r $res ]; then
		again=$(cat $res)
		echo "# second load: $(echo "$again" | grep '^# opencrypto_test: ')"
		if echo "$again" | grep -q '^not ok '; then
			echo "$again" | grep -B3 '^not ok ' | sed 's/^/#   /'
			rc=1
		fi
		rmmod opencrypto_test 2>>$err || { echo "# second rmmod failed"; rc=1; }
	else
		echo "# second load failed: $(tr '\n' ' ' <$err)"
		rc=1
	fi
fi

if grep -q ocft_ $ocf/drivers 2>/dev/null; then
	echo "# fake drivers left registered after rmmod:"
	grep ocft_ $ocf/drivers | sed 's/^/#   /'
	rc=1
fi
after=$(sessions)
if [ "$before" != "$after" ]; then
	echo "# framework sessions: $before before the tests, $after after rmmod"
	rc=1
fi
rm -f $err
exit $rc
