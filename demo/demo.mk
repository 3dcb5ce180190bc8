# SPDX-License-Identifier: GPL-2.0
# `make demo`: shadowstat watching three VMs in a QEMU guest, for a newcomer on a fresh
# machine (demo/run.sh installs what is missing, builds, boots and streams the guest's
# output). Included by the top-level Makefile. It builds its own prerequisites after the
# dependencies are in, so the target depends on nothing.

.PHONY: demo

demo:
	@bash demo/run.sh
