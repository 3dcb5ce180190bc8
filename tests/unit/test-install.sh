#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make install / make uninstall of the CLI into a scratch DESTDIR: every file lands
# where a packager expects it, the installed binary runs, and uninstall leaves nothing.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
pass=0
fail=0
t() { # t WHAT CMD...
	what=$1
	shift
	if "$@" >/dev/null 2>&1; then
		echo "ok - $what"
		pass=$((pass + 1))
	else
		echo "not ok - $what"
		fail=$((fail + 1))
	fi
}
t_file() { t "installed $1" test -f "$dest/usr/$1"; }

make -s -C "$top" install DESTDIR="$dest" PREFIX=/usr >/dev/null 2>&1
t_file sbin/shadowstat
t_file share/man/man8/shadowstat.8
t_file share/bash-completion/completions/shadowstat
t "installed binary is executable" test -x "$dest/usr/sbin/shadowstat"
t "installed binary answers --help" "$dest/usr/sbin/shadowstat" --help
t "man page has a .TH SHADOWSTAT 8 header" grep -q '^\.TH SHADOWSTAT 8' \
	"$dest/usr/share/man/man8/shadowstat.8"
t "man page has a SYNOPSIS section" grep -q '^\.SH SYNOPSIS' "$dest/usr/share/man/man8/shadowstat.8"
t "completion script parses (bash -n)" bash -n "$dest/usr/share/bash-completion/completions/shadowstat"
make -s -C "$top" uninstall DESTDIR="$dest" PREFIX=/usr >/dev/null 2>&1
t "uninstall leaves no file" sh -c "[ -z \"\$(find '$dest' -type f)\" ]"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
