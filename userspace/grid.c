// SPDX-License-Identifier: GPL-2.0
/* Aligned text columns. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "grid.h"

void ss_grid_init(struct ss_grid *g, size_t ncols)
{
	memset(g, 0, sizeof(*g));
	g->ncols = ncols < SS_GRID_MAX_COLS ? ncols : SS_GRID_MAX_COLS;
}

int ss_grid_add(struct ss_grid *g, const char *const *cells)
{
	size_t c;

	if (g->nrows == g->cap) {
		size_t cap = g->cap ? 2 * g->cap : 16;
		char **n = realloc(g->cells, cap * g->ncols * sizeof(*n));

		if (!n)
			return -ENOMEM;
		g->cells = n;
		g->cap = cap;
	}
	for (c = 0; c < g->ncols; c++) {
		char *s = strdup(cells[c] ? cells[c] : "-");

		if (!s) {
			while (c--)
				free(g->cells[g->nrows * g->ncols + c]);
			return -ENOMEM;
		}
		g->cells[g->nrows * g->ncols + c] = s;
	}
	g->nrows++;
	return 0;
}

void ss_grid_print(FILE *f, const struct ss_grid *g)
{
	size_t width[SS_GRID_MAX_COLS] = { 0 };
	size_t r, c;

	for (r = 0; r < g->nrows; r++) {
		for (c = 0; c < g->ncols; c++) {
			size_t len = strlen(g->cells[r * g->ncols + c]);

			if (len > width[c])
				width[c] = len;
		}
	}
	for (r = 0; r < g->nrows; r++) {
		for (c = 0; c < g->ncols; c++) {
			const char *s = g->cells[r * g->ncols + c];
			bool last = c + 1 == g->ncols;

			if (c)
				fputs("  ", f);
			if (g->right[c])
				fprintf(f, "%*s", (int)width[c], s);
			else if (last)
				fputs(s, f);
			else
				fprintf(f, "%-*s", (int)width[c], s);
		}
		fputc('\n', f);
	}
}

void ss_grid_free(struct ss_grid *g)
{
	size_t i;

	for (i = 0; i < g->nrows * g->ncols; i++)
		free(g->cells[i]);
	free(g->cells);
	memset(g, 0, sizeof(*g));
}
