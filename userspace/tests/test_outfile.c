// SPDX-License-Identifier: GPL-2.0
/* -o FILE: the file is replaced whole, or left as it was. */
#include <errno.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../outfile.h"
#include "test.h"

static char *outfile_dir(void)
{
	char tmpl[] = "/tmp/ss-outfile-XXXXXX", *d = mkdtemp(tmpl);

	TEST_ASSERT(d, "mkdtemp");
	return strdup(d);
}

static char *slurp(const char *path)
{
	static char buf[256];
	FILE *f = fopen(path, "r");
	size_t n;

	TEST_ASSERT(f, "open %s", path);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Files in @dir, dot files too. */
static int entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	TEST_ASSERT(d, "opendir");
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

TEST(outfile_commit_replaces_whole)
{
	char *dir = outfile_dir(), path[128];
	struct ss_outfile o;
	struct stat st;

	snprintf(path, sizeof(path), "%s/shadowstat.prom", dir);
	TEST_ASSERT_EQ(ss_outfile_open(&o, path), 0);
	fputs("old\n", o.f);
	TEST_ASSERT_EQ(ss_outfile_commit(&o), 0);
	TEST_ASSERT_EQ(ss_outfile_open(&o, path), 0);
	fputs("new 1\n", o.f);
	/* while it is written, readers still see the old file */
	TEST_ASSERT_STREQ(slurp(path), "old\n");
	TEST_ASSERT_EQ(entries(dir), 2);
	TEST_ASSERT_EQ(ss_outfile_commit(&o), 0);
	TEST_ASSERT_STREQ(slurp(path), "new 1\n");
	TEST_ASSERT_EQ(entries(dir), 1);
	TEST_ASSERT_EQ(stat(path, &st), 0);
	TEST_ASSERT_EQ(st.st_mode & 0777, 0644);
	unlink(path);
	rmdir(dir);
	free(dir);
}

TEST(outfile_abort_keeps_the_old_file)
{
	char *dir = outfile_dir(), path[128];
	struct ss_outfile o;

	snprintf(path, sizeof(path), "%s/x.prom", dir);
	TEST_ASSERT_EQ(ss_outfile_open(&o, path), 0);
	fputs("kept\n", o.f);
	TEST_ASSERT_EQ(ss_outfile_commit(&o), 0);
	TEST_ASSERT_EQ(ss_outfile_open(&o, path), 0);
	fputs("half", o.f);
	ss_outfile_abort(&o);
	TEST_ASSERT_STREQ(slurp(path), "kept\n");
	TEST_ASSERT_EQ(entries(dir), 1);
	unlink(path);
	rmdir(dir);
	free(dir);
}

TEST(outfile_errors)
{
	struct ss_outfile o;

	TEST_ASSERT_EQ(ss_outfile_open(&o, "/nonexistent-dir/x.prom"), -ENOENT);
	TEST_ASSERT_EQ(ss_outfile_open(&o, "/tmp/"), -EISDIR);
}
