#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Run every test named in tests.list (beside this script) and print one KTAP
# report: each test's own output indented, then its result line.
# TEST_TIMEOUT (seconds, default 300) bounds each test.
cd "$(dirname "$0")" || exit 1
tests=$(cat tests.list)
[ $# -gt 0 ] && tests="$*"
total=$(echo $tests | wc -w)
n=0 fail=0
echo "KTAP version 1"
echo "1..$total"
for t in $tests; do
	n=$((n + 1))
	echo "# selftests: opencrypto: $t"
	timeout "${TEST_TIMEOUT:-300}" "./$t" >/tmp/.selftest.out 2>&1
	rc=$?
	sed 's/^/  /' /tmp/.selftest.out
	case $rc in
	0) echo "ok $n selftests: opencrypto: $t" ;;
	4) echo "ok $n selftests: opencrypto: $t # SKIP" ;;
	124|143) echo "not ok $n selftests: opencrypto: $t # TIMEOUT ${TEST_TIMEOUT:-300} seconds"; fail=1 ;;
	*) echo "not ok $n selftests: opencrypto: $t # exit=$rc"; fail=1 ;;
	esac
done
rm -f /tmp/.selftest.out
exit $fail
