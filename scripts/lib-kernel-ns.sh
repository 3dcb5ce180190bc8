# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Run the QEMU guest tests (tests/vm/run.sh) on a kernel that is not installed on this
# machine, without installing it: run.sh runs in a private mount namespace (unshare -m) in
# which /boot, /lib/modules and /usr/src also show the files of a directory ROOT that holds
# that kernel as its packages would (ROOT/boot/vmlinuz-KVER, ROOT/lib/modules/KVER with
# modules.dep and build). run.sh only needs those paths, and the namespace ends with it:
# nothing is installed and nothing is loaded into this machine's kernel. Sourced (bash) by
# scripts/test-flavours.sh (Debian's other flavours) and scripts/check-debug-kernel.sh (a
# debug kernel built from source).
#
#   kns_qemu_shim DIR    if APPEND, CPU or MEM is set, write DIR/qemu-system-x86_64: a wrapper
#                        of the real one that adds $APPEND to -append, and takes -cpu $CPU and
#                        -m $MEM instead of run.sh's (put DIR first in PATH for run.sh)
#   kns_run_vm ROOT REPO run REPO/tests/vm/run.sh with ROOT's files overlaid (ROOT empty: the
#                        machine's own /boot and /lib/modules); its environment (KVER, LOGDIR,
#                        TESTS, TIMEOUT, PATH) reaches run.sh; returns run.sh's exit status

# kns_overlay_dir DIR SRC REAL: in this mount namespace, DIR shows its own entries (bound at
# REAL) and those of SRC (called in the namespace, by kns_run_vm)
# shellcheck disable=SC2317
kns_overlay_dir() {
	local dir=$1 src=$2 real=$3 e
	mkdir -p "$real"
	mount --bind "$dir" "$real" || return 1
	mount -t tmpfs -o mode=0755 tmpfs "$dir" || return 1
	for e in "$real"/* "$src"/*; do
		[ -e "$e" ] && ln -sfn "$e" "$dir/$(basename "$e")"
	done
	return 0
}
export -f kns_overlay_dir

kns_qemu_shim() {
	local dir=$1 real_qemu
	[ -n "${APPEND:-}${CPU:-}${MEM:-}" ] || return 0
	real_qemu=$(command -v qemu-system-x86_64) || return 1
	cat >"$dir/qemu-system-x86_64" <<EOF
#!/bin/bash
args=()
while [ \$# -gt 0 ]; do
	if [ "\$1" = -append ]; then args+=("\$1" "\$2 ${APPEND:-}"); shift 2; continue; fi
	if [ "\$1" = -cpu ] && [ -n "${CPU:-}" ]; then args+=("\$1" "${CPU:-}"); shift 2; continue; fi
	if [ "\$1" = -m ] && [ -n "${MEM:-}" ]; then args+=("\$1" "${MEM:-}"); shift 2; continue; fi
	args+=("\$1"); shift
done
exec "$real_qemu" "\${args[@]}"
EOF
	chmod +x "$dir/qemu-system-x86_64"
}

kns_run_vm() {
	local root=$1 repo=$2 t rc
	t=$(mktemp -d) || return 1
	# shellcheck disable=SC2016 # expanded by the inner shell
	unshare -m --propagation private bash -c '
		set -e
		if [ -n "$0" ]; then
			kns_overlay_dir /boot "$0/boot" "$2/boot"
			kns_overlay_dir /lib/modules "$0/lib/modules" "$2/modules"
			kns_overlay_dir /usr/src "$0/usr/src" "$2/src"
		fi
		exec "$1/tests/vm/run.sh"' "$root" "$repo" "$t"
	rc=$?
	# the mount points, empty now that the namespace is gone (rmdir, never rm -r: inside
	# the namespace they showed the real /boot, /lib/modules and /usr/src)
	rmdir "$t"/* "$t" 2>/dev/null
	return $rc
}
