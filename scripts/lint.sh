#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Style gates: checkpatch --strict on every C file we own, a W=1 and sparse
# (C=2) build of the module, the module's include graph (no loop), and
# the shell scripts (shellcheck). Any finding fails.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
kver=$(sh "$top/scripts/kver.sh")
tarball=/usr/src/linux-source-6.1.tar.xz
cache=${SS_CACHE:-$top/build/cache}
cp=$cache/linux-source-6.1/scripts/checkpatch.pl
if [ ! -f "$cp" ]; then
	[ -f "$tarball" ] || { echo "lint: $tarball missing (apt-get install linux-source-6.1)" >&2; exit 1; }
	mkdir -p "$cache"
	tar -C "$cache" -xf "$tarball" linux-source-6.1/scripts
fi
fail=0
files=$(cd "$top" && git ls-files 'module/*.c' 'module/*.h' 'userspace/*.c' 'userspace/*.h' \
	'include/uapi/*.h' 'tests/*.c' 'tests/*.h')
# userspace may use the C library's spellings that checkpatch reserves for the kernel
user_ignore=PREFER_DEFINED_ATTRIBUTE_MACRO,EMBEDDED_FUNCTION_NAME,PREFER_KERNEL_TYPES,SPLIT_STRING
for f in $files; do
	case "$f" in
	module/*) ignore=none ;;
	*) ignore=$user_ignore ;;
	esac
	out=$(cd "$top" && perl "$cp" --no-tree --strict --terse --show-types \
		--ignore "$ignore" -f "$f" | grep -v '^total:' || true)
	if [ -n "$out" ]; then
		echo "$out"
		fail=1
	fi
done
rm -f "$top/.checkpatch-camelcase.git."
log=$(mktemp)
if ! make -C "$top" modules KDIR="/lib/modules/$kver/build" W=1 C=2 >"$log" 2>&1; then
	cat "$log"
	fail=1
fi
if grep -E 'warning:|error:' "$log"; then
	fail=1
fi
rm -f "$log"
# the module's layers: no include loop, and the hook list matches hooks/*.c
if ! python3 "$top/scripts/check-includes.py" "$top/module"; then
	fail=1
fi
# shell scripts: warnings and errors (the guest scripts source /tests/lib.sh, absent here)
sh_files=$(cd "$top" && git ls-files '*.sh')
if ! command -v shellcheck >/dev/null; then
	echo "lint: no shellcheck (apt-get install shellcheck)"
	fail=1
elif ! (cd "$top" && shellcheck -x -S warning $sh_files); then
	fail=1
fi
if [ $fail = 0 ]; then
	echo "lint: 1 passed, 0 failed"
else
	echo "lint: 0 passed, 1 failed"
fi
exit $fail
