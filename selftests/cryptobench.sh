#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tools/cryptobench (built statically beside this script) in its quick mode
# on aes-128-cbc and sha256: every path checks one operation against OpenSSL
# before it is timed, and each row becomes one KTAP line (a wrong answer or a
# failed path: not ok; a path that cannot run here, such as the kernel
# benchmark module's when opencrypto_bench.ko is not loaded: SKIP). Then the
# same check made to see a wrong value (--corrupt) must fail the tool.
cd "$(dirname "$0")" || exit 1
out=/tmp/.cryptobench.out
[ -e /dev/crypto ] || { echo "KTAP version 1"; echo "1..0 # SKIP no /dev/crypto"; exit 4; }
start=$(date +%s)
./cryptobench --quick -a aes-128-cbc,sha256 >$out 2>&1
rc=$?
./cryptobench --quick -a sha256 -s 64 -p sync --corrupt sync >$out.neg 2>&1
nrc=$?
end=$(date +%s)
echo "KTAP version 1"
awk -v rc=$rc -v nrc=$nrc -v secs=$((end - start)) -v neg=$out.neg '
	/^(aes-128-cbc|sha256) / && $2 ~ /^[0-9]+$/ && NF >= 7 {
		t++
		d = $1 " " $2 " B " $3 " (" $4 ")"
		if ($5 == "ERROR") {
			line[++n] = "not ok " t " " d
			note = $0; sub(/.*ERROR: /, "", note); line[++n] = "# " note
		} else if ($5 == "n/a") {
			note = $0; sub(/.*# /, "", note)
			line[++n] = "ok " t " " d " # SKIP " note
		} else {
			line[++n] = "ok " t " " d ": " $5 " ops/s"
		}
		next
	}
	{ line[++n] = "# " $0 }
	END {
		while ((getline l < neg) > 0) if (l ~ /WRONG RESULT/) wrong = 1
		print "1.." t + 2
		for (i = 1; i <= n; i++) print line[i]
		print (t && rc == 0 ? "ok " : "not ok ") t + 1 " cryptobench --quick: exit " rc ", " t " rows, " secs " s"
		print (nrc == 1 && wrong ? "ok " : "not ok ") t + 2 \
			" cryptobench --corrupt sync: a wrong check value is an error row and exit 1 (exit " nrc ")"
		exit !(t && rc == 0 && nrc == 1 && wrong)
	}' $out
r=$?
rm -f $out $out.neg
exit $r
