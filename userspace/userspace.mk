# SPDX-License-Identifier: GPL-2.0
# The shadowstat CLI, its unit tests, man page and bash completion.
# Included by the top-level Makefile (run from the top directory), which
# sets CC, CFLAGS, WARN_CFLAGS and GUEST_BIN.
#
#   build/shadowstat                host binary (dynamic)
#   $(GUEST_BIN)/shadowstat         static binary for the QEMU guest
#   build/userspace/shadowstat-unit host unit tests (make unit)
#   install-cli / uninstall-cli     PREFIX (default /usr/local), DESTDIR

PREFIX ?= /usr/local
DESTDIR ?=

SS_CLI_SRC := userspace
SS_CLI_OBJ := build/userspace

# Parsing and formatting: no device access, unit-tested on the host.
SS_CLI_CORE := model guestname resolve args commands escape jsonw status_rec status_json listing grid view \
	       format_json format_csv format_prom format_table doctor outfile plot plot_svg \
	       recfile sim sim_svg
# The ioctl layer and the commands.
SS_CLI_DEV := lib/libshadowstat cli_common cmd_list cmd_show cmd_status \
	      cmd_top cmd_doctor cmd_history cmd_log cmd_plot cmd_record cmd_simulate term stopsig cli_main
SS_CLI_TESTS := test_main fixtures test_args test_resolve test_guestname \
		test_escape test_format_json test_format_csv test_format_prom \
		test_format_table test_view test_schema test_status_json test_doctor test_outfile \
		test_plot test_sim

SS_CLI_CORE_OBJS := $(SS_CLI_CORE:%=$(SS_CLI_OBJ)/%.o)
SS_CLI_DEV_OBJS := $(SS_CLI_DEV:%=$(SS_CLI_OBJ)/%.o)
SS_CLI_TEST_OBJS := $(SS_CLI_TESTS:%=$(SS_CLI_OBJ)/tests/%.o)
SS_CLI_OBJS := $(SS_CLI_CORE_OBJS) $(SS_CLI_DEV_OBJS)
SS_CLI_CFLAGS = $(CFLAGS) $(WARN_CFLAGS) -MMD -MP
SS_CLI_UNIT := $(SS_CLI_OBJ)/shadowstat-unit

# PNG plots through cairo where pkg-config finds it (libcairo2-dev); without it, and in
# the static guest binary, plot writes SVG only and says why not PNG
SS_CAIRO := $(shell pkg-config --exists cairo 2>/dev/null && echo yes)
ifeq ($(SS_CAIRO),yes)
SS_PNG_OBJ := $(SS_CLI_OBJ)/plot_png_cairo.o
SS_PNG_LIBS := $(shell pkg-config --libs cairo)
$(SS_CLI_OBJ)/plot_png_cairo.o: SS_CLI_CFLAGS += $(shell pkg-config --cflags cairo)
$(SS_CLI_OBJ)/tests/test_plot.o: SS_CLI_CFLAGS += -DSS_TEST_PNG $(shell pkg-config --cflags cairo)
else
SS_PNG_OBJ := $(SS_CLI_OBJ)/plot_png_none.o
SS_PNG_LIBS :=
endif

HOST_PROGS += build/shadowstat
GUEST_PROGS += $(GUEST_BIN)/shadowstat
UNIT_TESTS += $(SS_CLI_UNIT)

.PHONY: cli install-cli uninstall-cli

cli: build/shadowstat

$(SS_CLI_OBJ)/%.o: $(SS_CLI_SRC)/%.c
	@mkdir -p $(dir $@)
	$(CC) $(SS_CLI_CFLAGS) -c -o $@ $<

build/shadowstat: $(SS_CLI_OBJS) $(SS_PNG_OBJ)
	$(CC) $(CFLAGS) -o $@ $^ -lm $(SS_PNG_LIBS)

$(GUEST_BIN)/shadowstat: $(SS_CLI_OBJS) $(SS_CLI_OBJ)/plot_png_none.o
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -static -o $@ $^ -lm

# the result printer the C test programs share
$(SS_CLI_OBJ)/tests/tap.o: tests/lib/tap.c tests/lib/tap.h
	@mkdir -p $(dir $@)
	$(CC) $(SS_CLI_CFLAGS) -c -o $@ $<

# every piece but main(): the command table names the commands' handlers
$(SS_CLI_UNIT): $(SS_CLI_CORE_OBJS) $(filter-out %/cli_main.o,$(SS_CLI_DEV_OBJS)) \
		$(SS_CLI_TEST_OBJS) $(SS_CLI_OBJ)/tests/tap.o $(SS_PNG_OBJ)
	$(CC) $(CFLAGS) -o $@ $^ -lm $(SS_PNG_LIBS)

install-cli: build/shadowstat
	install -D -m 0755 build/shadowstat $(DESTDIR)$(PREFIX)/sbin/shadowstat
	install -D -m 0644 $(SS_CLI_SRC)/shadowstat.8 \
		$(DESTDIR)$(PREFIX)/share/man/man8/shadowstat.8
	install -D -m 0644 $(SS_CLI_SRC)/shadowstat.bash-completion \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/shadowstat

uninstall-cli:
	rm -f $(DESTDIR)$(PREFIX)/sbin/shadowstat \
		$(DESTDIR)$(PREFIX)/share/man/man8/shadowstat.8 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/shadowstat

-include $(SS_CLI_OBJS:.o=.d) $(SS_CLI_TEST_OBJS:.o=.d)
