#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tools/cryptobench (built statically beside this script) in its quick mode
# on aes-128-cbc and sha256: every path checks one operation against OpenSSL
# before it is timed, and each row becomes one KTAP line (a wrong answer or a
# failed path: not ok; a path that cannot run here, such as the kernel
# benchmark module's when opencrypto_bench.ko is not there: SKIP). Then the
# same check made to see a wrong value (--corrupt) must fail the tool, the
# kernel benchmark module must refuse malformed commands with EINVAL, and
# unload.
cd "$(dirname "$0")" || exit 1
out=/tmp/.cryptobench.out
run=/sys/kernel/debug/opencrypto_bench/run
[ -e /dev/crypto ] || { echo "KTAP version 1"; echo "1..0 # SKIP no /dev/crypto"; exit 4; }
kmod=0
[ -e $run ] || modprobe opencrypto_bench 2>/dev/null && kmod=1
start=$(date +%s)
./cryptobench --quick -a aes-128-cbc,sha256 >$out 2>&1
rc=$?
./cryptobench --quick -a sha256 -s 64 -p sync --corrupt sync >$out.neg 2>&1
nrc=$?
end=$(date +%s)

# One command to the kernel benchmark module: its result line.
kbench() {
	exec 3<>$run || return 1
	echo "$*" >&3
	read -r line <&3
	exec 3>&-
	echo "$line"
}
: >$out.kmod
for cmd in "tfm nosuch 64 100" "ocf aes-128-cbc 17 100" "tfm aes-128-cbc 64 5" \
	   "tfm sha256 0 100" "ocf sha256 64 100 depth=0" "tfm sha256 64 100 crid=1" \
	   "call aes-128-cbc 64 100 depth=2" "call modexp-2048 256 100"; do
	if [ $kmod = 1 ]; then
		got=$(kbench $cmd)
		[ "$got" = "error=22" ] && r=ok || r="not ok"
		echo "$r|the kernel benchmark module refuses \"$cmd\": $got" >>$out.kmod
	else
		echo "ok|the kernel benchmark module refuses \"$cmd\" # SKIP opencrypto_bench.ko not there" >>$out.kmod
	fi
done
if [ $kmod = 1 ]; then
	rmmod opencrypto_bench && [ ! -e $run ] && r=ok || r="not ok"
	echo "$r|opencrypto_bench unloads" >>$out.kmod
else
	echo "ok|opencrypto_bench unloads # SKIP opencrypto_bench.ko not there" >>$out.kmod
fi

echo "KTAP version 1"
awk -v rc=$rc -v nrc=$nrc -v secs=$((end - start)) -v neg=$out.neg -v kmodf=$out.kmod '
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
		nk = 0
		while ((getline l < kmodf) > 0) {
			k[++nk] = l
			if (l ~ /^not ok/) kbad = 1
		}
		print "1.." t + 2 + nk
		for (i = 1; i <= n; i++) print line[i]
		print (t && rc == 0 ? "ok " : "not ok ") t + 1 " cryptobench --quick: exit " rc ", " t " rows, " secs " s"
		print (nrc == 1 && wrong ? "ok " : "not ok ") t + 2 \
			" cryptobench --corrupt sync: a wrong check value is an error row and exit 1 (exit " nrc ")"
		for (i = 1; i <= nk; i++) {
			split(k[i], f, "|")
			print f[1] " " t + 2 + i " " substr(k[i], length(f[1]) + 2)
		}
		exit !(t && rc == 0 && nrc == 1 && wrong && !kbad)
	}' $out
r=$?
rm -f $out $out.neg $out.kmod
exit $r
