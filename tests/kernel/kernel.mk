# SPDX-License-Identifier: GPL-2.0
# Real-kernel checks (make check-kernel) and the dmacheck benchmarks.
