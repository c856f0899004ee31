# SPDX-License-Identifier: GPL-2.0-only
# Shared shell helpers for tools/*: paths, logging, the kernel names.

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE=${OPENCRYPTO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/opencrypto}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

log() { printf '%s\n' "$*" >&2; }
die() { printf '%s: %s\n' "${0##*/}" "$*" >&2; exit 1; }

# The kernels we support, by the name users pass as KERNEL=, and the Debian
# suite each comes from.
suite_of() {
	case "$1" in
	6.1|bookworm) echo bookworm ;;
	6.12|trixie) echo trixie ;;
	sid|unstable|latest) echo sid ;;
	*) die "unknown kernel '$1' (use 6.1, 6.12 or sid)" ;;
	esac
}

ALL_KERNELS="6.1 6.12 sid"

# Install Debian packages that are missing; quiet when all are present.
apt_need() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
			missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	log "installing: ${missing[*]}"
	if [ ! -e /var/lib/apt/lists/lock ] || [ -z "$(ls /var/lib/apt/lists/*_Packages 2>/dev/null)" ] ||
	   ! apt-cache show "${missing[0]}" >/dev/null 2>&1; then
		apt-get update -qq >&2 || true
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		"${missing[@]}" >&2
}
