// SPDX-License-Identifier: GPL-2.0
/* Quoting for the output formats. Guest names come from users: trust none. */
#include <stdbool.h>
#include <string.h>

#include "escape.h"

void ss_json_str(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', f);
	for (; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);
		}
	}
	fputc('"', f);
}

void ss_csv_field(FILE *f, const char *s)
{
	size_t len = strlen(s);
	bool quote = strpbrk(s, ",\"\r\n") ||
		     (len && (s[0] == ' ' || s[len - 1] == ' '));

	if (!quote) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void ss_prom_escape(FILE *f, const char *s, bool quotes)
{
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\\\", f);
		else if (*s == '\n')
			fputs("\\n", f);
		else if (quotes && *s == '"')
			fputs("\\\"", f);
		else
			fputc(*s, f);
	}
}

void ss_prom_label(FILE *f, const char *s)
{
	ss_prom_escape(f, s, true);
}

void ss_prom_help(FILE *f, const char *s)
{
	ss_prom_escape(f, s, false);
}

static bool ss_prom_ok(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == ':';
}

void ss_prom_name(char *out, size_t size, const char *prefix,
		  const char *name, const char *suffix)
{
	char *p;

	snprintf(out, size, "%s%s%s", prefix, name, suffix);
	for (p = out; *p; p++)
		if (!ss_prom_ok(*p))
			*p = '_';
}

void ss_xml_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '&':
			fputs("&amp;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		default:
			fputc(*s, f);
		}
	}
}
