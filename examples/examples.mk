# SPDX-License-Identifier: GPL-2.0
# examples: targets added to ALL_TARGETS, CHECK_DEPS, INSTALL_RULES, BENCH_RULES.
demo: all
