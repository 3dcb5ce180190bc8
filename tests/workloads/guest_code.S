/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The guest program, copied to CODE_GPA.  Position independent, fits in one
 * page, uses no stack and no memory reads.  The VMM selects an operation in
 * %rbx and its arguments in other registers; when the operation is done the
 * guest writes the op number to DONE_PORT and, once resumed, dispatches again.
 *
 * GOP_NESTED runs op_touch as a nested guest (AMD SVM, vmm_nested.c): the
 * VMCB's RIP is guest_l3_entry, the argument registers pass through VMRUN
 * unchanged, and %r15 = 1 tells the nested copy to leave by VMMCALL where
 * the VM's own would report to the VMM.
 */
#include "layout.h"

	.section .rodata
	.globl	guest_code_start
	.globl	guest_code_end
	.code64
guest_code_start:
dispatch:
	cmp	$GOP_TOUCH, %rbx
	je	op_touch
	cmp	$GOP_PTWRITE, %rbx
	je	op_ptwrite
	cmp	$GOP_CR3, %rbx
	je	op_cr3
	cmp	$GOP_NESTED, %rbx
	je	op_nested
	hlt
	jmp	dispatch

/* Store each page's own address into it: rsi regions of rdx pages each. */
	.globl	guest_l3_entry
guest_l3_entry:
op_touch:
	mov	%rdi, %r9
	mov	%rsi, %r10
1:	test	%r10, %r10
	jz	done
	mov	%r9, %rax
	mov	%rdx, %r11
2:	test	%r11, %r11
	jz	3f
	mov	%rax, (%rax)
	add	%r8, %rax
	dec	%r11
	jmp	2b
3:	add	%rcx, %r9
	dec	%r10
	jmp	1b

/* Write one guest page-table entry (the VMM passes its current value). */
op_ptwrite:
	mov	%rdx, (%rdi)
	jmp	done

op_cr3:
	mov	%cr3, %rax
	mov	%rax, %cr3
	jmp	done

/* VMRUN returns after the nested guest's VMMCALL, with GIF clear. */
op_nested:
	mov	$1, %r15d
	mov	$VMCB_GPA, %eax
	vmrun
	stgi
	xor	%r15d, %r15d
	jmp	done

done:
	test	%r15, %r15
	jnz	l3_exit
	mov	%bl, %al
	out	%al, $DONE_PORT
	jmp	dispatch

l3_exit:
	vmmcall
	hlt
guest_code_end:
	.section .note.GNU-stack, "", @progbits
