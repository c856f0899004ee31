#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tools/cryptocheck (built statically beside this script) on every driver and
# every algorithm it offers, compared with OpenSSL: one KTAP line per
# algorithm and driver. CRYPTOCHECK_SIZES (a -z list) overrides the tool's
# default sizes, 0 B to 256 KiB.
cd "$(dirname "$0")" || exit 1
out=/tmp/.cryptocheck.out
[ -e /dev/crypto ] || { echo "KTAP version 1"; echo "1..0 # SKIP no /dev/crypto"; exit 4; }
start=$(date +%s)
./cryptocheck ${CRYPTOCHECK_SIZES:+-z "$CRYPTOCHECK_SIZES"} >$out 2>&1
rc=$?
end=$(date +%s)
echo "KTAP version 1"
# rows: ALGORITHM DRIVER SIZES pass|FAIL, a failure's reason indented below
awk -v rc=$rc -v secs=$((end - start)) '
	NR == 1 { next }
	/^[a-z0-9]/ && NF == 4 && ($4 == "pass" || $4 == "FAIL") {
		t++
		line[++n] = ($4 == "pass" ? "ok " : "not ok ") t " " $1 " on " $2 ", sizes " $3
		next
	}
	{ sub(/^[# ]*/, ""); line[++n] = "# " $0 }
	END {
		print "1.." t
		for (i = 1; i <= n; i++) print line[i]
		print "# cryptocheck exit " rc ", " secs " s"
	}' $out
rm -f $out
exit $rc
