// SPDX-License-Identifier: GPL-2.0
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ctlfile.h"
#include "stats.h"

int ctl_write(const char *dir, const char *file, const char *text)
{
	char path[300], tmp[310];
	int fd, ok;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	ok = write(fd, text, strlen(text)) == (ssize_t)strlen(text);
	close(fd);
	return ok ? rename(tmp, path) : -1;
}

bool ctl_exists(const char *dir, const char *file)
{
	char path[300];

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	return path_exists(path);
}

void ctl_remove(const char *dir, const char *file)
{
	char path[300];

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	unlink(path);
}
