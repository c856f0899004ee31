#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# A client nobody here wrote: OpenSSL 3.0's devcrypto engine (e_devcrypto.c
# from Debian's source package, built against our <crypto/cryptodev.h> by
# tools/openssl-engine/build) with the host's own openssl, from the bundle
# that build makes (tools/vm run --add BUNDLE; found in /root/openssl-engine,
# or $OPENSSL_BUNDLE). Skipped when the bundle is absent.
#
# - with USE_SOFTDRIVERS=1 (every driver): openssl enc/dgst through the
#   engine give the same bytes as OpenSSL's own software, for 0 B to 1 MiB;
#   every run must make /dev/crypto drivers do operations (their ops
#   counters in debugfs), so that a silent fallback to software fails; and
#   dgst of 20 MiB, more than /dev/crypto's max_request, hashed in parts;
# - with the engine's default (USE_SOFTDRIVERS=2: no driver that says it is
#   software), only the virtio-crypto accelerator's AES-CBC is offered and
#   it serves `openssl enc -engine devcrypto` (its counter moves, no other);
#   after device_del crypto0 nothing is offered and nothing runs on
#   /dev/crypto; device_add brings it back;
# - openssl speed -evp aes-128-cbc -engine devcrypto runs (figures printed).
n=0 fail=0
result() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n $2"; else echo "not ok $n $2"; fail=1; fi; }
skip() { n=$((n + 1)); echo "ok $n $1 # SKIP $2"; }
skip_all() { echo "1..0 # SKIP $*"; exit 4; }
D=/sys/kernel/debug/opencrypto/drivers
has_dev() { grep -qs 0x1054 /sys/bus/pci/devices/*/device; }
vc_live() { grep -q 'virtio_crypto[0-9]* .*hardware .*live' $D; }
wait_for() {	# wait_for SECONDS COMMAND...: poll until COMMAND succeeds
	t=$1; shift
	while [ "$t" -gt 0 ]; do "$@" && return 0; sleep 1; t=$((t - 1)); done
	return 1
}
# ops done by each driver, as "name ops" lines (column 7; the header has no
# title for the state column)
ops() { awk 'NR > 1 { print $2, $7 }' $D | sort; }
total() { awk 'NR > 1 { s += $7 } END { print s + 0 }' $D; }
moved() { awk 'NR == FNR { a[$1] = $2; next } $2 != a[$1] { printf "%s+%d ", $1, $2 - a[$1] }' "$1" "$2"; }
vc_ops() { awk '$2 ~ /^virtio_crypto/ { s += $7 } END { print s + 0 }' $D; }

echo "KTAP version 1"
here=$(cd "$(dirname "$0")" && pwd)
B=
for d in "${OPENSSL_BUNDLE:-}" "$here/../openssl-engine" /root/openssl-engine; do
	[ -n "$d" ] && [ -x "$d/openssl" ] && [ -f "$d/engines/devcrypto.so" ] && { B=$(cd "$d" && pwd); break; }
done
[ -n "$B" ] || skip_all "no OpenSSL engine bundle (tools/openssl-engine/build, then tools/vm --add the bundle)"
[ -c /dev/crypto ] || skip_all "no /dev/crypto"
[ -r $D ] || skip_all "no $D (debugfs)"
O=$B/openssl
T=/tmp/openssl_engine
rm -rf $T && mkdir -p $T
sed 's/^/# /' "$B/VERSION"

# OpenSSL's software: no engine at all. The engine with every driver
# allowed: a configuration that loads it (listed, so that -engine finds
# this instance), sets USE_SOFTDRIVERS=1 and makes it the default.
sw() { OPENSSL_CONF=$T/empty.cnf "$O" "$@"; }
: >$T/empty.cnf
cat >$T/soft.cnf <<EOF
openssl_conf = openssl_init
[openssl_init]
engines = engines_sect
[engines_sect]
devcrypto = devcrypto_sect
[devcrypto_sect]
dynamic_path = $B/engines/devcrypto.so
USE_SOFTDRIVERS = 1
default_algorithms = ALL
init = 1
EOF
soft() { OPENSSL_CONF=$T/soft.cnf "$O" "$@"; }
hw() { OPENSSL_CONF=$T/empty.cnf "$O" "$@"; }	# the engine's defaults

echo "1..15"
sw version | sed 's/^/# /'
# The first session of each (driver, algorithm) calibrates it (requests
# the counters leave out): let the engine's probe do that first.
hw engine -pre USE_SOFTDRIVERS:1 devcrypto >/dev/null 2>&1

# 1-2: what the engine offers, and who serves it
soft engine -t -c devcrypto >$T/list 2>&1
sed 's/^/# /' $T/list
missing=
for a in AES-128-CBC AES-192-CBC AES-256-CBC AES-128-CTR AES-128-ECB DES-EDE3-CBC \
	CAMELLIA-128-CBC MD5 SHA1 SHA224 SHA256 SHA384 SHA512 RIPEMD160; do
	grep -q "[[ ]$a[],]" $T/list || missing="$missing $a"
done
[ -z "$missing" ] && grep -q '\[ available \]' $T/list
result $? "engine -t -c with USE_SOFTDRIVERS=1 offers the ciphers and digests tested here${missing:+ (missing:$missing)}"
hw engine -pre USE_SOFTDRIVERS:1 -pre DUMP_INFO devcrypto >$T/dump 2>&1
sed 's/^/# /' $T/dump
! grep -E '^(Cipher|Digest) (AES-128-CBC|AES-128-CTR|AES-128-ECB|DES-EDE3-CBC|CAMELLIA-128-CBC|MD5|SHA1|SHA224|SHA256|SHA384|SHA512|RIPEMD160),' $T/dump |
	grep -v 'driver=[^ ]' | grep -q . &&
	grep -q '^Cipher AES-128-CBC,.*driver=' $T/dump && grep -q '^Digest SHA256,.*driver=' $T/dump
result $? "DUMP_INFO names the driver of every tested algorithm"

# 3-4: enc and dgst through the engine (every driver allowed) = software
head -c 1048576 /dev/urandom >$T/in.1048576
for s in 0 1 15 16 4099; do head -c $s $T/in.1048576 >$T/in.$s; done
SIZES="0 1 15 16 4099 1048576"
key() { case $1 in *128*) echo 00112233445566778899aabbccddeeff ;;
	*192*) echo 00112233445566778899aabbccddeeff0123456789abcdef ;;
	*256*) echo 00112233445566778899aabbccddeeff0123456789abcdeffedcba9876543210 ;;
	des-ede3*) echo 0123456789abcdeffedcba987654321089abcdef01234567 ;; esac; }
iv() { case $1 in *ecb) ;; des*) echo "-iv 0f1e2d3c4b5a6978" ;;
	*) echo "-iv 0f1e2d3c4b5a69788796a5b4c3d2e1f0" ;; esac; }
bad= c0=$(total)
for c in aes-128-cbc aes-192-cbc aes-256-cbc aes-128-ctr aes-128-ecb des-ede3-cbc camellia-128-cbc; do
	for s in $SIZES; do
		f=$T/in.$s k="-K $(key $c) $(iv $c)"
		sw enc -$c $k -in $f -out $T/ct.sw || { bad="$bad $c/$s(sw)"; continue; }
		a=$(total)
		soft enc -engine devcrypto -$c $k -in $f -out $T/ct.eng 2>$T/err
		r1=$?
		b=$(total)
		soft enc -engine devcrypto -d -$c $k -in $T/ct.sw -out $T/pt.eng 2>>$T/err
		r2=$?
		e=$(total)
		if [ $r1 != 0 ] || [ $r2 != 0 ]; then
			bad="$bad $c/$s(exit)"; sed 's/^/# /' $T/err
		elif ! cmp -s $T/ct.sw $T/ct.eng; then bad="$bad $c/$s(encrypt)"
		elif ! cmp -s $f $T/pt.eng; then bad="$bad $c/$s(decrypt)"
		elif [ "$c.$s" = aes-128-ctr.0 ]; then	# nothing to encrypt: no op is right
			[ $e = $a ] || bad="$bad $c/$s(ops for nothing)"
		elif [ $b -le $a ] || [ $e -le $b ]; then bad="$bad $c/$s(no /dev/crypto op)"
		fi
	done
	echo "# enc -$c: sizes $SIZES, encrypt and decrypt, $(($(total) - c0)) /dev/crypto ops so far"
done
[ -z "$bad" ]
result $? "openssl enc through the engine = software (7 ciphers x 6 sizes, both ways, each on /dev/crypto)${bad:+:$bad}"
bad=
for m in md5 sha1 sha224 sha256 sha384 sha512 ripemd160; do
	for s in $SIZES; do
		f=$T/in.$s
		want=$(sw dgst -$m -r $f 2>&1)
		a=$(total)
		got=$(soft dgst -engine devcrypto -$m -r $f 2>&1 | grep -v '^Engine ')
		b=$(total)
		if [ "$got" != "$want" ]; then bad="$bad $m/$s"; echo "# $m/$s: want $want got $got"
		elif [ $b -le $a ]; then bad="$bad $m/$s(no /dev/crypto op)"
		fi
	done
	echo "# dgst -$m: $(sw dgst -$m -r $T/in.4099)"
done
[ -z "$bad" ]
result $? "openssl dgst through the engine = software (7 digests x 6 sizes, each on /dev/crypto)${bad:+:$bad}"
echo "# ops per driver:"; ops | sed 's/^/#   /'

# 5: a digest of more than max_request (16 MiB): the driver hashes it in parts
head -c $((20 << 20)) /dev/urandom >$T/in.big
want=$(sw dgst -sha256 -r $T/in.big 2>&1)
a=$(total)
got=$(soft dgst -engine devcrypto -sha256 -r $T/in.big 2>&1 | grep -v '^Engine ')
b=$(total)
echo "# want $want"; echo "# got  $got"
[ -n "$want" ] && [ "$got" = "$want" ] && [ $b -gt $a ]
result $? "openssl dgst -sha256 of 20 MiB (past /dev/crypto's max_request) through the engine = software, on /dev/crypto ($((b - a)) ops)"
rm -f $T/in.big

# 6-10: the engine's default (hardware only) with the virtio-crypto device
if has_dev && wait_for 20 vc_live; then
	hw engine -t -c devcrypto >$T/list 2>&1
	sed 's/^/# /' $T/list
	hw engine -pre DUMP_INFO devcrypto >$T/dump 2>&1
	grep -E '^(Cipher|Digest) ' $T/dump | sed 's/^/# /'
	grep -q '^Cipher AES-128-CBC,.*driver=virtio_crypto[0-9]* (hw accelerated)' $T/dump &&
		grep -q '[[ ]AES-128-CBC[],]' $T/list
	result $? "default: AES-128-CBC is offered, served by virtio_crypto (hw accelerated)"
	# everything offered is an accelerated algorithm (no digest: virtio-crypto has none)
	offered=$(sed -n 's/^ *\[\(.*\)\]$/\1/p' $T/list | grep -v available | tr -d ' ' | tr ',' ' ')
	extra=
	for a in $offered; do
		grep -q "^[A-Za-z]* $a,.*(hw accelerated)" $T/dump || extra="$extra $a"
	done
	[ -n "$offered" ] && [ -z "$extra" ]
	result $? "default: only hardware-accelerated algorithms are offered ($offered)${extra:+ not:$extra}"
	for c in aes-128-cbc aes-256-cbc; do
		sw enc -$c -K "$(key $c)" $(iv $c) -in $T/in.4099 -out $T/ct.sw
		ops >$T/ops.a
		hw enc -engine devcrypto -$c -K "$(key $c)" $(iv $c) -in $T/in.4099 -out $T/ct.eng 2>$T/err
		r=$?
		ops >$T/ops.b
		moved=$(moved $T/ops.a $T/ops.b)
		echo "# enc -engine devcrypto -$c (default), 4099 B: exit $r, ops moved: ${moved:-none}"
		[ $r = 0 ] && cmp -s $T/ct.sw $T/ct.eng && [ -n "$moved" ] &&
			[ -z "$(echo "$moved" | tr ' ' '\n' | grep . | grep -v '^virtio_crypto')" ]
		result $? "default: enc -$c -engine devcrypto = software, served by virtio_crypto alone"
	done
	a=$(vc_ops)
	hw speed -elapsed -evp aes-128-cbc -engine devcrypto -seconds 1 >$T/speed 2>&1
	r=$?
	b=$(vc_ops)
	sed -n '/^Doing\|^type\|^AES/s/^/# /p' $T/speed
	echo "# virtio_crypto ops during speed: $((b - a))"
	[ $r = 0 ] && [ $b -gt $a ]
	result $? "speed -evp aes-128-cbc -engine devcrypto runs on virtio_crypto"

	# 11-14: without the device nothing is offered; then it comes back
	echo "# device_del crypto0"
	qemu-monitor device_del crypto0 >/dev/null
	wait_for 30 sh -c '! grep -qs 0x1054 /sys/bus/pci/devices/*/device' &&
		wait_for 20 sh -c "! grep -q 'virtio_crypto[0-9]* .*hardware .*live' $D"
	result $? "the virtio-crypto device is gone"
	hw engine -t -c devcrypto >$T/list 2>&1
	sed 's/^/# /' $T/list
	hw engine -pre DUMP_INFO devcrypto 2>&1 | grep '^Cipher AES-128-CBC' | sed 's/^/# /'
	! grep -q '^ *\[[A-Z]' $T/list && grep -q '\[ available \]' $T/list
	result $? "no device: the engine (default) offers nothing"
	ops >$T/ops.a
	hw enc -engine devcrypto -aes-128-cbc -K "$(key aes-128-cbc)" $(iv aes-128-cbc) -in $T/in.4099 -out $T/ct.eng >$T/err 2>&1
	r=$?
	ops >$T/ops.b
	sed 's/^/# /' $T/err
	moved=$(moved $T/ops.a $T/ops.b)
	echo "# enc -engine devcrypto -aes-128-cbc without the device: exit $r, ops moved: ${moved:-none}"
	[ -z "$moved" ]
	result $? "no device: enc -engine devcrypto runs on no /dev/crypto driver (no software driver behind the engine's back)"
	qemu-monitor device_add virtio-crypto-pci,id=crypto0,cryptodev=cryptodev0 >/dev/null
	wait_for 30 vc_live
	hw engine -t -c devcrypto >$T/list 2>&1
	sed 's/^/# /' $T/list
	grep -q '[[ ]AES-128-CBC[],]' $T/list
	result $? "device_add: AES-128-CBC is offered again"
else
	for t in "default: AES-128-CBC is offered, served by virtio_crypto" \
		"default: only hardware-accelerated algorithms are offered" \
		"default: enc -aes-128-cbc -engine devcrypto served by virtio_crypto" \
		"default: enc -aes-256-cbc -engine devcrypto served by virtio_crypto" \
		"speed -evp aes-128-cbc -engine devcrypto runs on virtio_crypto" \
		"the virtio-crypto device is gone" "no device: the engine (default) offers nothing" \
		"no device: enc -engine devcrypto runs on no /dev/crypto driver" \
		"device_add: AES-128-CBC is offered again"; do
		skip "$t" "no virtio-crypto device (--no-virtio-crypto)"
	done
fi

# 15: without a hardware driver at all (also what --no-virtio-crypto shows)
hw engine -t -c devcrypto >$T/list 2>&1
if vc_live; then
	grep -q '[[ ]AES-128-CBC[],]' $T/list
	result $? "default engine offers AES-CBC while virtio_crypto is live"
else
	sed 's/^/# /' $T/list
	! grep -q '^ *\[[A-Z]' $T/list
	result $? "default engine offers nothing without a hardware driver"
fi
rm -rf $T
exit $fail
