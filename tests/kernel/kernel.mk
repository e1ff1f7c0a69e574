# SPDX-License-Identifier: GPL-2.0
# Real-kernel checks (make check-kernel) and the dmacheck benchmarks.
#
#   make check-kernel                      x86_64, MIPS ip22 and parisc
#   make check-kernel KERNEL_ARCHES=mips   one architecture
#   make check-kernel KCHECK=/path/sparse  another checker, same command line
#
# Logs, warnings and timings go to $(BUILD)/check-kernel/<arch>/; the
# kernel builds to $(BUILD)/kbuild-<arch> (reused when already prepared).

KERNEL_ARCHES	?=
KCHECK		?=
KCHECK_TOOL_DEP	:= $(if $(KCHECK),,$(BUILD)/dmacheck)

check-kernel: $(KCHECK_TOOL_DEP)
	$(Q)BUILD=$(abspath $(BUILD)) \
	  KCHECK=$(abspath $(or $(KCHECK),$(BUILD)/dmacheck)) \
	  tests/kernel/check-kernel.sh $(KERNEL_ARCHES)

# Benchmarks: dmacheck against plain sparse on real kernel command lines,
# and on generated functions of 5k/10k/20k lines.
BENCH_GEN	:= $(BUILD)/bench/gen-function

$(BENCH_GEN): bench/checker/gen-function.c
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(WARNINGS) -o $@ $<

.PHONY: bench-checker
bench-checker: $(BUILD)/dmacheck $(SPARSE_LIB) $(BENCH_GEN)
	$(Q)BUILD=$(abspath $(BUILD)) bench/checker/run.sh

BENCH_RULES += bench-checker
