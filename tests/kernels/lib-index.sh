# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Which Debian kernels exist, from the archive's own package indices (the mirror of this
# machine's apt sources): the Packages files of bookworm, trixie, their security and
# backports suites, reduced to the amd64 kernel packages and cached under $KC_CACHE/index.
# Sourced (bash) by tests/kernels/run.sh, which defines msg and die.
#
#   kc_index_update            download the indices (once per run)
#   kc_resolve TOKEN           print the kernel releases (KVER) TOKEN names, one per line
#   kc_pkg FIELD PACKAGE       print FIELD (version|url|depends|sha256) of the newest PACKAGE
#
# TOKEN is a suite (bookworm, bookworm-backports, trixie, trixie-backports: the kernel
# that suite's linux-image-amd64 installs, security updates included), "lines" (the newest
# kernel of each trixie-backports line whose headers are in the index), a line such as 7.1
# or a version such as 6.17.13 (newest build of it that the indices name, headers taken
# from the pool if the index has dropped them), a full release such as 6.1.0-57-amd64, or
# one of the sets "default" (every suite and the lines: what CI runs), "pool" (the
# trixie-backports lines that are only in the pool) and "all".

KC_CACHE=${SS_KERNEL_CACHE:-/var/cache/shadowstat/kernels}
KC_INDEX=$KC_CACHE/index/kernels.tsv

# kc_mirror: the Debian mirror of this machine's apt sources (default deb.debian.org)
kc_mirror() {
	local m
	if [ -n "${SS_DEBIAN_MIRROR:-}" ]; then
		echo "${SS_DEBIAN_MIRROR%/}"
		return
	fi
	m=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources \
		2>/dev/null | grep -oE 'https?://[^ ]+/debian/?( |$)' | grep -v security | head -1 | tr -d ' ')
	echo "${m:-http://deb.debian.org/debian}" | sed 's:/*$::'
}

# kc_security_mirror: where the security suites live, next to the mirror
kc_security_mirror() {
	echo "${SS_DEBIAN_SECURITY_MIRROR:-$(kc_mirror)-security}"
}

# _kc_suite_url SUITE: the archive root serving SUITE
_kc_suite_url() {
	case "$1" in
	*-security) kc_security_mirror ;;
	*) kc_mirror ;;
	esac
}

KC_SUITES="bookworm bookworm-security bookworm-backports trixie trixie-security trixie-backports"

# _kc_index_suite SUITE: its amd64 kernel packages as tab-separated lines
# suite, package, version, url, depends, sha256
_kc_index_suite() {
	local suite=$1 base
	base=$(_kc_suite_url "$suite")
	curl -sSfL "$base/dists/$suite/main/binary-amd64/Packages.xz" | xz -dc |
		awk -v suite="$suite" -v base="$base" '
		BEGIN { RS = ""; FS = "\n" }
		{
			pkg = ver = fn = dep = sum = ""
			for (i = 1; i <= NF; i++) {
				if ($i ~ /^Package: /) pkg = substr($i, 10)
				else if ($i ~ /^Version: /) ver = substr($i, 10)
				else if ($i ~ /^Filename: /) fn = substr($i, 11)
				else if ($i ~ /^Depends: /) dep = substr($i, 10)
				else if ($i ~ /^SHA256: /) sum = substr($i, 9)
			}
			if (pkg !~ /^linux-(image|binary|modules|headers|kbuild|base)-/) next
			if (pkg ~ /(cloud|rt)-amd64|common-rt|-dbg$/) next
			if (pkg !~ /^linux-(image|headers)-amd64$/ && pkg !~ /^linux-[a-z]+-[0-9]/) next
			print suite "\t" pkg "\t" ver "\t" base "/" fn "\t" dep "\t" sum
		}'
}

kc_index_update() {
	local s tmp
	mkdir -p "$KC_CACHE/index" || die "cannot create $KC_CACHE/index"
	tmp=$KC_INDEX.tmp
	: >"$tmp"
	for s in $KC_SUITES; do
		_kc_index_suite "$s" >>"$tmp" || die "cannot read the $s index from $(_kc_suite_url "$s")"
	done
	mv "$tmp" "$KC_INDEX"
}

# _kc_newest: of "version<TAB>rest" lines on stdin, print the rest of the newest version
_kc_newest() {
	local best='' bestrest='' v rest
	while IFS=$'\t' read -r v rest; do
		if [ -z "$best" ] || dpkg --compare-versions "$v" gt "$best"; then
			best=$v
			bestrest=$rest
		fi
	done
	[ -n "$best" ] && printf '%s\n' "$bestrest"
}

# kc_pkg FIELD PACKAGE [SUITE...]: FIELD of PACKAGE's newest version (in the SUITEs)
kc_pkg() {
	local field=$1 pkg=$2 col
	shift 2
	case "$field" in
	version) col=3 ;;
	url) col=4 ;;
	depends) col=5 ;;
	sha256) col=6 ;;
	*) return 1 ;;
	esac
	awk -F '\t' -v p="$pkg" -v c="$col" -v suites=" $* " \
		'$2 == p && (suites == "  " || index(suites, " " $1 " ")) { print $3 "\t" $c }' \
		"$KC_INDEX" | _kc_newest
}

# _kc_suite_kernel SUITE...: the kernel release linux-image-amd64 installs there
_kc_suite_kernel() {
	kc_pkg depends linux-image-amd64 "$@" |
		grep -oE 'linux-image-[0-9][^ ,]*-amd64' | head -1 | sed 's/^linux-image-//'
}

# _kc_release_of VERSION: the newest release (KVER) of upstream VERSION (6.17.13) or line (7.1)
_kc_release_of() {
	local v=$1
	awk -F '\t' -v v="$v" '
		$2 ~ /^linux-(image|headers)-[0-9].*-amd64$/ {
			k = $2; sub(/^linux-(image|headers)-/, "", k)
			u = k; sub(/[-+].*/, "", u)
			if (u == v || index(u, v ".") == 1) print $3 "\t" k
		}' "$KC_INDEX" | _kc_newest
}

# _kc_lines: the newest kernel of each trixie-backports line with headers in the index
_kc_lines() {
	awk -F '\t' '$1 == "trixie-backports" && $2 ~ /^linux-headers-[0-9].*-amd64$/ {
			k = $2; sub(/^linux-headers-/, "", k)
			split(k, p, "."); print p[1] "." p[2] }' "$KC_INDEX" |
		sort -u -V | while read -r l; do _kc_release_of "$l"; done
}

# _kc_pool_lines: trixie-backports lines with images in the index but no headers there
_kc_pool_lines() {
	local l have
	have=$(_kc_lines | sed -E 's/^([0-9]+\.[0-9]+).*/\1/')
	awk -F '\t' '$1 == "trixie-backports" && $2 ~ /^linux-image-[0-9].*-amd64$/ {
			k = $2; sub(/^linux-image-/, "", k); split(k, p, "."); print p[1] "." p[2] }' \
		"$KC_INDEX" | sort -u -V | while read -r l; do
		echo "$have" | grep -qx "$l" || _kc_release_of "$l"
	done
}

kc_resolve() {
	local t=$1
	case "$t" in
	default) for t in bookworm bookworm-backports trixie lines; do kc_resolve "$t"; done ;;
	pool) _kc_pool_lines ;;
	all) kc_resolve default; kc_resolve pool ;;
	lines) _kc_lines ;;
	bookworm | trixie) _kc_suite_kernel "$t" "$t-security" ;;
	bookworm-backports | trixie-backports) _kc_suite_kernel "$t" ;;
	*-amd64) echo "$t" ;;
	[0-9]*) _kc_release_of "$t" ;;
	*) return 1 ;;
	esac
}
