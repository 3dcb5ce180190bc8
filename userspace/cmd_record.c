// SPDX-License-Identifier: GPL-2.0
/*
 * `shadowstat record VM -o FILE [--duration SEC]`: drain the module's ring
 * of one VM's stream into a record file until SIGINT/SIGTERM, the duration
 * or the VM's end. -o writes a temporary file, renamed once the
 * recording has ended (cli_main.c), so that a file of that name is whole.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>

#include "cli.h"
#include "recfile.h"
#include "stopsig.h"

#define SS_REC_CAPACITY	262144	/* records: 8 MiB in the kernel */
#define SS_REC_BATCH	65536	/* records a read asks for */
#define SS_REC_POLL_MS	50

struct ss_rec_out {
	FILE *f;
	unsigned long long written;	/* stream records in the file */
	struct ss_rec_mark mark;	/* the newest mark not written yet */
	bool mark_pending;
};

static void ss_rec_take_mark(struct ss_rec_out *o, const struct shadowstat_record *a)
{
	if (a->state & (SHADOWSTAT_RECSTATE_VM_GONE | SHADOWSTAT_RECSTATE_STOPPED))
		return;
	o->mark = (struct ss_rec_mark){ a->mark, a->limit, a->used, a->cache_miss,
					a->recycled };
	o->mark_pending = true;
}

static void ss_rec_write(struct ss_rec_out *o, const struct shadowstat_sp_record *recs,
			 uint32_t nr)
{
	uint32_t i;

	for (i = 0; i < nr; i++) {
		if (o->mark_pending && o->written == o->mark.pos) {
			ss_recfile_write_mark(o->f, &o->mark);
			o->mark_pending = false;
		}
		ss_recfile_write_rec(o->f, &recs[i]);
		o->written++;
	}
	if (o->mark_pending && o->written == o->mark.pos) {
		ss_recfile_write_mark(o->f, &o->mark);
		o->mark_pending = false;
	}
}

static int ss_rec_call(struct ss_ctx *ctx, struct shadowstat_record *a, unsigned long long vm_id,
		       uint32_t flags, struct shadowstat_sp_record *buf)
{
	memset(a, 0, sizeof(*a));
	a->flags = flags;
	a->vm_id = vm_id;
	a->capacity = flags & SHADOWSTAT_RECORD_START ? SS_REC_CAPACITY : 0;
	a->nr = SS_REC_BATCH;
	a->recs = (unsigned long long)(uintptr_t)buf;
	return shadowstat_record(ctx->dev, a);
}

static const char *ss_rec_start_error(int err)
{
	switch (err) {
	case -EOPNOTSUPP:
		return "the module cannot record (older, or without shadow-page hooks: see status)";
	case -EBUSY:
		return "the VM is being recorded already";
	case -ENOENT:
		return "the VM went away";
	default:
		return strerror(-err);
	}
}

static int ss_rec_loop(struct ss_ctx *ctx, const struct ss_vm *vm, struct ss_rec_out *o,
		       struct shadowstat_sp_record *buf, const char **reason)
{
	long end = ctx->args->duration_s ? ss_now_ms() + ctx->args->duration_s * 1000L : 0;
	struct shadowstat_record a;
	unsigned long long lost = 0;
	bool gone = false;
	int err;

	for (;;) {
		bool stop = ss_stop_asked() || (end && ss_now_ms() >= end);

		err = ss_rec_call(ctx, &a, vm->id, stop ? SHADOWSTAT_RECORD_STOP : 0, buf);
		if (err) {
			ss_err("recording %s: %s", vm->name, strerror(-err));
			return -1;
		}
		ss_rec_take_mark(o, &a);
		ss_rec_write(o, buf, a.nr);
		lost = a.lost;
		if (a.nr == SS_REC_BATCH)
			continue;
		if (stop) {
			*reason = gone ? "vm-exit" : ss_stop_asked() ? "signal" : "duration";
			break;
		}
		if (a.state & SHADOWSTAT_RECSTATE_VM_GONE) {
			/* the VM's last records are in: stop */
			gone = true;
			end = 1;
			continue;
		}
		poll(NULL, 0, SS_REC_POLL_MS);
	}
	ss_recfile_write_end(o->f, o->written, lost, *reason);
	return lost ? 1 : 0;
}

int ss_cmd_record(struct ss_ctx *ctx)
{
	struct ss_recfile h = {};
	struct ss_rec_out o = {};
	struct shadowstat_sp_record *buf;
	struct shadowstat_record a;
	const char *reason = "signal";
	struct utsname uts;
	struct ss_vm vm;
	int ret, err;

	ret = ss_find_vm(ctx, &vm);
	if (ret)
		return ret;
	buf = calloc(SS_REC_BATCH, sizeof(*buf));
	if (!buf) {
		ss_err("out of memory");
		return SS_EXIT_FAIL;
	}
	o.f = ctx->out;
	ss_stop_catch(false);

	err = ss_rec_call(ctx, &a, vm.id, SHADOWSTAT_RECORD_START, buf);
	if (err) {
		ss_err("cannot record %s: %s", vm.name, ss_rec_start_error(err));
		free(buf);
		return SS_EXIT_FAIL;
	}
	uname(&uts);
	snprintf(h.kernel, sizeof(h.kernel), "%s", uts.release);
	snprintf(h.vm, sizeof(h.vm), "%s", vm.name);
	snprintf(h.guest, sizeof(h.guest), "%s", vm.guest);
	h.start_ns = (unsigned long long)time(NULL) * 1000000000ULL;
	h.start = (struct ss_rec_mark){ a.mark, a.limit, a.used, a.cache_miss, a.recycled };
	ss_recfile_write_header(o.f, &h);
	ss_rec_write(&o, buf, a.nr);
	ret = ss_rec_loop(ctx, &vm, &o, buf, &reason);
	free(buf);
	if (ret < 0)
		return SS_EXIT_FAIL;
	fprintf(stderr, "shadowstat: recorded %llu records of %s to %s (%s)%s\n",
		(unsigned long long)o.written, vm.name,
		ctx->args->output ? ctx->args->output : "standard output", reason,
		ret ? ", some lost: the file says how many" : "");
	return SS_EXIT_OK;
}
