// SPDX-License-Identifier: GPL-2.0
/*
 * The guest name, as /proc/<pid>/cmdline would show it to the CLI: the
 * first SS_GUEST_CMDLINE_MAX bytes of the arguments (libvirt and most VMMs
 * give -name early), parsed by the CLI's own rules (shadowstat_guestname.h).
 */
#include <linux/mm.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/sched/mm.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include "../include/shadowstat_guestname.h"
#include "../include/uapi/shadowstat.h"
#include "ss_guest.h"

#define SS_GUEST_CMDLINE_MAX 4096

/* The task of KVM's pid for the VM: a pid of the initial namespace. */
static struct task_struct *ss_guest_task(pid_t nr)
{
	struct task_struct *task;

	rcu_read_lock();
	task = pid_task(find_pid_ns(nr, &init_pid_ns), PIDTYPE_PID);
	if (task)
		get_task_struct(task);
	rcu_read_unlock();
	return task;
}

void ss_guest_read(pid_t pid, char *guest, size_t size)
{
	char name[SHADOWSTAT_GUEST_NAME_SIZE];
	unsigned long start, end;
	struct task_struct *task;
	struct mm_struct *mm;
	char *buf;
	int len;

	guest[0] = '\0';
	if (pid <= 0)
		return;
	task = ss_guest_task(pid);
	if (!task)
		return;
	mm = get_task_mm(task);
	if (!mm)
		goto out_task;
	spin_lock(&mm->arg_lock);
	start = mm->arg_start;
	end = mm->arg_end;
	spin_unlock(&mm->arg_lock);
	buf = end > start ? kmalloc(SS_GUEST_CMDLINE_MAX, GFP_KERNEL) : NULL;
	if (buf) {
		len = min_t(unsigned long, end - start, SS_GUEST_CMDLINE_MAX);
		/* what get_cmdline() does for /proc/<pid>/cmdline */
		len = access_process_vm(task, start, buf, len, FOLL_FORCE);
		/* the destroy hook may copy @guest meanwhile: no half-parsed name */
		if (len > 0 && !shadowstat_guest_from_cmdline(buf, len, name, sizeof(name)))
			strscpy(guest, name, size);
		kfree(buf);
	}
	mmput(mm);
out_task:
	put_task_struct(task);
}
