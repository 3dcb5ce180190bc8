/* SPDX-License-Identifier: GPL-2.0 */
/* A text grid printed with aligned columns, for the table format. */
#ifndef SS_GRID_H
#define SS_GRID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define SS_GRID_MAX_COLS 32

struct ss_grid {
	size_t ncols;
	size_t nrows;		/* the first row is the header */
	size_t cap;
	bool right[SS_GRID_MAX_COLS];	/* right-aligned (numbers) */
	char **cells;			/* nrows x ncols, owned */
};

void ss_grid_init(struct ss_grid *g, size_t ncols);
/* Add a row of ncols cells (copied); NULL cells print as "-". */
int ss_grid_add(struct ss_grid *g, const char *const *cells);
/* Columns two spaces apart, no trailing blanks. */
void ss_grid_print(FILE *f, const struct ss_grid *g);
void ss_grid_free(struct ss_grid *g);

#endif /* SS_GRID_H */
