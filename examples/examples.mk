# SPDX-License-Identifier: GPL-2.0
# examples: the legacy-style drivers and `make demo` (examples/demo.sh).
demo: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)BUILD=$(abspath $(BUILD)) CC=$(CC) examples/demo.sh
