/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A bounded ring of stream records with any number of producers and one
 * consumer, after Vyukov's bounded queue: each cell's sequence number says
 * whose turn it is, so a producer claims a cell with one cmpxchg and never
 * waits for another. KVM's fault path is a producer: no lock, no allocation,
 * no sleeping; a full ring drops the record and counts it.
 */
#ifndef SS_REC_RING_H
#define SS_REC_RING_H

#include <linux/atomic.h>
#include "../include/uapi/shadowstat.h"

struct ss_rec_cell {
	unsigned long seq;
	struct shadowstat_sp_record rec;
};

struct ss_rec_ring {
	atomic_long_t head;		/* the next position a producer claims */
	unsigned long tail;		/* the consumer's, under its own lock */
	unsigned long mask;
	atomic64_t lost;
	struct ss_rec_cell cells[];
};

/* @ring holds mask + 1 cells (a power of two). */
static inline void ss_rec_ring_init(struct ss_rec_ring *ring, unsigned long mask)
{
	unsigned long i;

	atomic_long_set(&ring->head, 0);
	ring->tail = 0;
	ring->mask = mask;
	atomic64_set(&ring->lost, 0);
	for (i = 0; i <= mask; i++)
		ring->cells[i].seq = i;
}

/* False if the ring was full: the record is dropped, and counted. */
static inline bool ss_rec_ring_push(struct ss_rec_ring *ring,
				    const struct shadowstat_sp_record *rec)
{
	unsigned long pos = atomic_long_read(&ring->head);
	struct ss_rec_cell *cell;
	long dif;

	for (;;) {
		cell = &ring->cells[pos & ring->mask];
		/* pairs with the consumer's release: the cell is free to write */
		dif = (long)(smp_load_acquire(&cell->seq) - pos);
		if (dif == 0 && atomic_long_try_cmpxchg(&ring->head, (long *)&pos, pos + 1))
			break;
		if (dif < 0) {
			/* the consumer has not freed this cell yet: full */
			atomic64_inc(&ring->lost);
			return false;
		}
		/* another producer took it (try_cmpxchg updated pos) or moved on */
		if (dif > 0)
			pos = atomic_long_read(&ring->head);
	}
	cell->rec = *rec;
	/* the record is whole before the consumer may read it */
	smp_store_release(&cell->seq, pos + 1);
	return true;
}

/* The consumer: the next record into *@rec, or false if there is none yet. */
static inline bool ss_rec_ring_pop(struct ss_rec_ring *ring,
				   struct shadowstat_sp_record *rec)
{
	struct ss_rec_cell *cell = &ring->cells[ring->tail & ring->mask];

	/* pairs with the producer's release: the record is whole */
	if (smp_load_acquire(&cell->seq) != ring->tail + 1)
		return false;
	*rec = cell->rec;
	/* the copy is done before a producer may write the cell again */
	smp_store_release(&cell->seq, ring->tail + ring->mask + 1);
	ring->tail++;
	return true;
}

/* Records accepted so far (lost ones never get a position). */
static inline unsigned long ss_rec_ring_accepted(struct ss_rec_ring *ring)
{
	return atomic_long_read(&ring->head);
}

#endif /* SS_REC_RING_H */
