/* SPDX-License-Identifier: GPL-2.0 */
/* Quoting for the output formats: JSON strings, CSV fields, Prometheus text. */
#ifndef SS_ESCAPE_H
#define SS_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

/* A JSON string with its quotes; control characters as \uXXXX. */
void ss_json_str(FILE *f, const char *s);
/* A CSV field (RFC 4180): quoted when it holds , " CR LF or edge spaces. */
void ss_csv_field(FILE *f, const char *s);
/* A Prometheus label value, without its quotes; backslash, quote, LF escaped */
void ss_prom_label(FILE *f, const char *s);
/* XML text or attribute value (SVG): < > & " escaped */
void ss_xml_text(FILE *f, const char *s);
/* Prometheus HELP text; backslash and LF escaped */
void ss_prom_help(FILE *f, const char *s);
/* "<prefix><name><suffix>" with characters outside [a-zA-Z0-9_:] as '_'. */
void ss_prom_name(char *out, size_t size, const char *prefix,
		  const char *name, const char *suffix);

#endif /* SS_ESCAPE_H */
