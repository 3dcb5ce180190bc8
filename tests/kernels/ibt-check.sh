#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# IBT safety of shadowstat's indirect calls into KVM, read off a kernel's own kvm.ko: QEMU's
# TCG does not enforce IBT, so a guest run cannot show a call into a sealed function. For
# each function module/ss_kvm.c calls through a pointer (its ss_kvm_calls[] table) this
# checks, on a kernel built with CONFIG_X86_KERNEL_IBT, that kvm.ko exports it, that it
# starts with ENDBR64 and that objtool did not list it in .ibt_endbr_seal (the ENDBRs the
# kernel overwrites when it loads the module, after which an indirect call faults).
#
#   tests/kernels/ibt-check.sh KVM_KO CONFIG    (kvm.ko, possibly .xz or .zst; the kernel's
#                                               config file)
#
# Prints ok/not ok lines and "N passed, N failed".
set -u
ko=$1
config=$2
REPO=$(cd "$(dirname "$0")/../.." && pwd)
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok - $*"; }
not_ok() { fail=$((fail + 1)); echo "not ok - $*"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

[ -s "$config" ] || { not_ok "no kernel config at '$config'"; echo "$pass passed, $fail failed"; exit 1; }
case "$ko" in
*.xz) xz -dc "$ko" >"$tmp/kvm.ko" ;;
*.zst) zstd -qdc "$ko" >"$tmp/kvm.ko" ;;
*) cp "$ko" "$tmp/kvm.ko" ;;
esac || { not_ok "read $ko"; echo "$pass passed, $fail failed"; exit 1; }
elf=$tmp/kvm.ko

calls=$(sed -n 's/.*\[SS_KVM_CALL_[A-Z_]*\] = { "\([a-z_0-9]*\)" }.*/\1/p' "$REPO/module/ss_kvm.c")
[ -n "$calls" ] && ok "module/ss_kvm.c names the functions it calls: $(echo "$calls" | tr '\n' ' ')" ||
	not_ok "no ss_kvm_calls[] entries found in module/ss_kvm.c"

# sym_field NAME COL: column COL of readelf -s's line for symbol NAME
sym_field() {
	readelf -s -W "$elf" | awk -v n="$1" -v c="$2" '$8 == n { print $c; exit }'
}

# the .text offsets objtool lists for sealing: targets of the .rela.ibt_endbr_seal entries
readelf -r -W "$elf" | awk '
	/^Relocation section/ { on = ($3 == "'"'"'.rela.ibt_endbr_seal'"'"'") ; next }
	on && /R_X86_64/ { print $5 " " $7 }' >"$tmp/seal"
text_idx=$(readelf -S -W "$elf" | sed -n 's/^ *\[ *\([0-9]*\)\] \.text .*/\1/p')

if ! grep -q '^CONFIG_X86_KERNEL_IBT=y' "$config"; then
	ok "kernel built without CONFIG_X86_KERNEL_IBT: no ENDBR is sealed, any call is safe"
	[ -s "$tmp/seal" ] && not_ok "yet kvm.ko has an .ibt_endbr_seal list"
	echo "$pass passed, $fail failed"
	[ $fail = 0 ]
	exit
fi
[ -s "$tmp/seal" ] && ok "kvm.ko lists $(wc -l <"$tmp/seal") ENDBRs to seal" ||
	not_ok "IBT kernel, but kvm.ko has no .ibt_endbr_seal list to check against"

# sealed NAME: is function NAME's entry in the seal list?
sealed() {
	local off
	off=$(sym_field "$1" 2 | sed 's/^0*//')
	grep -qx "\.text ${off:-0}" "$tmp/seal"
}

for f in $calls; do
	ndx=$(sym_field "$f" 7)
	type=$(sym_field "$f" 4)
	if [ "$type" != FUNC ] || [ "$ndx" != "$text_idx" ]; then
		not_ok "$f: a function in kvm.ko's .text (type ${type:-none}, section ${ndx:-none})"
		continue
	fi
	[ -n "$(sym_field "__ksymtab_$f" 2)" ] && ok "$f is exported (__ksymtab_$f)" ||
		not_ok "$f is not exported: nothing keeps its ENDBR from being sealed"
	if sealed "$f"; then
		not_ok "$f is in .ibt_endbr_seal: an indirect call to it faults on an IBT CPU"
	else
		ok "$f is not in .ibt_endbr_seal"
	fi
	sec_off=$(readelf -S -W "$elf" | sed -n 's/^ *\[ *[0-9]*\] \.text  *PROGBITS  *[0-9a-f]*  *\([0-9a-f]*\) .*/\1/p')
	bytes=$(od -An -tx1 -j $((0x$sec_off + 0x$(sym_field "$f" 2))) -N4 "$elf" | tr -d ' \n')
	[ "$bytes" = f30f1efa ] && ok "$f starts with ENDBR64" ||
		not_ok "$f starts with $bytes, not ENDBR64 (f30f1efa)"
done
# the check itself, on a function that must be sealed: what shadowstat used to call
if [ -n "$(sym_field kvm_get_running_vcpus 2)" ]; then
	if sealed kvm_get_running_vcpus; then
		ok "control: the static kvm_get_running_vcpus is found in .ibt_endbr_seal"
	else
		echo "# control: kvm_get_running_vcpus is not sealed in this build"
	fi
fi
echo "$pass passed, $fail failed"
[ $fail = 0 ]
