// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs: /sys/kernel/debug/shadowstat/<pid>-<fd>/<stat> per VM, the same
 * names at the top for the sum over all VMs, and status. Every file is 0444
 * with no ioctl or mmap, so it stays readable under lockdown=integrity.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include "ss_config.h"
#include "ss_debugfs.h"
#include "ss_query.h"
#include "ss_snapshot.h"
#include "ss_stat_defs.h"
#include "ss_status.h"
#include "ss_view.h"

static struct dentry *ss_debugfs_root;

/*
 * Each stat file's private data points at its entry in ss_stat_defs, so the
 * stat id is the entry's index; the VM (NULL for totals) is the parent
 * directory's i_private. debugfs removal waits for readers, and a VM is freed
 * only after its directory is removed.
 */
static int ss_stat_format(const struct file *file, const struct ss_stat_def *def,
			  char *buf, size_t size)
{
	enum ss_stat_id id = def - ss_stat_defs;
	/* one file needs the page walk only if its stat comes from it */
	unsigned int flags = ss_stat_needs_walk(id) ? 0 : SS_SNAP_NO_WALK;
	struct ss_vm *vm;
	s64 *values;
	int ret;

	values = kmalloc_array(SS_NR_STATS, sizeof(*values), GFP_KERNEL);
	if (!values)
		return -ENOMEM;
	vm = d_inode(file->f_path.dentry->d_parent)->i_private;
	if (vm)
		ret = ss_query_vm(vm, values, flags);
	else
		ret = ss_query_totals(values, flags);
	if (!ret && values[id] == SS_VALUE_UNAVAILABLE)
		ret = -ENODATA;
	if (!ret)
		ret = scnprintf(buf, size, "%lld\n", values[id]);
	kfree(values);
	return ret;
}

#ifdef SS_HAVE_DEBUGFS_SHORT_FOPS
/*
 * Short fops (6.13+): debugfs's proxy guards each call with its removal
 * protection and takes no module reference at open. So a reader never holds
 * off rmmod, and no open can fall into the window of rmmod where the module's
 * last reference is gone but its state is not yet GOING: with full fops,
 * fs/debugfs WARNs "debugfs file owner did not clean up at exit" there, which
 * panics a panic_on_warn host. Without an open there is no per-reader state,
 * so every read formats the value afresh.
 */
static ssize_t ss_stat_read(struct file *file, char __user *ubuf, size_t count,
			    loff_t *ppos)
{
	char buf[24];
	int len = ss_stat_format(file, file->private_data, buf, sizeof(buf));

	if (len < 0)
		return len;
	return simple_read_from_buffer(ubuf, count, ppos, buf, len);
}

static const struct debugfs_short_fops ss_stat_fops = {
	.read = ss_stat_read,
	.llseek = default_llseek,
};

static ssize_t ss_status_read(struct file *file, char __user *ubuf, size_t count,
			      loff_t *ppos)
{
	char *buf = kvmalloc(SS_STATUS_SIZE, GFP_KERNEL);
	ssize_t ret;

	if (!buf)
		return -ENOMEM;
	ss_status_text(buf, SS_STATUS_SIZE);
	ret = simple_read_from_buffer(ubuf, count, ppos, buf, strlen(buf));
	kvfree(buf);
	return ret;
}

static const struct debugfs_short_fops ss_status_fops = {
	.read = ss_status_read,
	.llseek = default_llseek,
};
#else
static int ss_stat_show(struct seq_file *m, void *unused)
{
	char buf[24];
	int len = ss_stat_format(m->file, m->private, buf, sizeof(buf));

	if (len < 0)
		return len;
	seq_puts(m, buf);
	return 0;
}

static int ss_stat_open(struct inode *inode, struct file *file)
{
	return single_open(file, ss_stat_show, inode->i_private);
}

static const struct file_operations ss_stat_fops = {
	.owner = THIS_MODULE,
	.open = ss_stat_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
};

static int ss_status_show(struct seq_file *m, void *unused)
{
	char *buf = kvmalloc(SS_STATUS_SIZE, GFP_KERNEL);

	if (!buf)
		return -ENOMEM;
	ss_status_text(buf, SS_STATUS_SIZE);
	seq_puts(m, buf);
	kvfree(buf);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(ss_status);
#endif

static void ss_debugfs_add_stats(struct dentry *dir)
{
	int i;

	for (i = 0; i < SS_NR_STATS; i++)
		debugfs_create_file(ss_stat_defs[i].name, 0444, dir,
				    (void *)&ss_stat_defs[i], &ss_stat_fops);
}

/* A VM's directory; the name is refused while an old VM's is still there. */
static bool ss_debugfs_vm_added(struct ss_vm *vm, void **data)
{
	struct dentry *dir;

	if (IS_ERR_OR_NULL(ss_debugfs_root))
		return true;
	dir = debugfs_create_dir(vm->info.name, ss_debugfs_root);
	if (IS_ERR(dir))
		return false;
	d_inode(dir)->i_private = vm;
	ss_debugfs_add_stats(dir);
	*data = dir;
	return true;
}

/* Waits for the readers of its files; the VM is freed only after. */
static void ss_debugfs_vm_removed(void *data)
{
	debugfs_remove_recursive(data);
}

static const struct ss_view ss_debugfs_view = {
	.name = "debugfs",
	.vm_added = ss_debugfs_vm_added,
	.vm_removed = ss_debugfs_vm_removed,
};

int ss_debugfs_init(void)
{
	int ret = ss_view_register(&ss_debugfs_view);

	if (ret)
		return ret;
	ss_debugfs_root = debugfs_create_dir("shadowstat", NULL);
	if (IS_ERR(ss_debugfs_root))
		return PTR_ERR(ss_debugfs_root);
	ss_debugfs_add_stats(ss_debugfs_root);
	debugfs_create_file("status", 0444, ss_debugfs_root, NULL, &ss_status_fops);
	return 0;
}

void ss_debugfs_exit(void)
{
	debugfs_remove_recursive(ss_debugfs_root);
	ss_debugfs_root = NULL;
}
