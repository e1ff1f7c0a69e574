# SPDX-License-Identifier: GPL-2.0
#
# dmaconv: convert drivers off dma_cache_sync()/DMA_ATTR_NON_CONSISTENT,
# check the result (dmacheck) and run it (libdmaref).
#
#   make                 build libdmaref, dmacheck, dmaconv
#   make check           install test dependencies, build, run every test
#   make check-sanitize  allocator, checker and front-end tests under ASan/UBSan, threads under TSan
#   make check-kernel    dmacheck over real Linux 6.1 builds, with a summary (also run by make check)
#   make check-fuzz      fuzz dmacheck's front end and writers for 5 minutes (FUZZ_SECONDS=)
#   make demo            convert, check and run the examples/ drivers
#   make bench           benchmarks; figures go in docs/performance.md
#   make install PREFIX=/usr/local [DESTDIR=...]; make uninstall (same PREFIX)
#   make check-one T=<suite or test file>   one suite, or the tests of one file
#   make lint            shellcheck, spatch --parse-cocci, checkpatch on our own C
#   make clean           remove what was built (keeps sparse and the Linux tree); distclean: all of build/
#
# Each part has its own fragment (<part>/<part>.mk) that adds its targets
# to the lists below; this file only wires them together.

BUILD	?= build
PREFIX	?= /usr/local
DESTDIR	?=
CC	?= gcc
CFLAGS	?= -O2 -g
WARNINGS := -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare \
	    -Wmissing-prototypes -Wstrict-prototypes
# Every object records the headers it read (.d files next to it), so a
# header change rebuilds exactly what includes it.
DEPFLAGS := -MMD -MP
# The sanitizer builds of every part use these, and only these.
SANITIZE_ASAN := -fsanitize=address,undefined -fno-omit-frame-pointer \
		 -fno-sanitize-recover=undefined
SANITIZE_TSAN := -fsanitize=thread
ifeq ($(V),1)
Q :=
else
Q := @
endif

BINDIR	 := $(PREFIX)/bin
LIBDIR	 := $(PREFIX)/lib
INCDIR	 := $(PREFIX)/include/dmaconv
DATADIR	 := $(PREFIX)/share/dmaconv
MANDIR	 := $(PREFIX)/share/man
DOCDIR	 := $(PREFIX)/share/doc/dmaconv

# Filled in by the fragments.
ALL_TARGETS	:=
CHECK_DEPS	:=
INSTALL_RULES	:=
UNINSTALL_RULES	:=
BENCH_RULES	:=
SANITIZE_RULES	:=

.PHONY: all check check-one check-sanitize check-kernel demo bench install \
	uninstall deps lint sparse clean distclean

all:

# Packages are installed and sparse's source fetched only by the goals
# that promise it (the README's two commands, deps, and the other test and
# install goals); a plain `make` builds and, when something is missing,
# says which command installs it.
INSTALL_GOALS := check check-% demo bench deps lint install
ifneq ($(filter $(INSTALL_GOALS),$(MAKECMDGOALS)),)
MAY_INSTALL := 1
endif

# One stamp per profile of scripts/deps.sh (base, fuzz, browser, ...),
# remade when the script changes.
$(BUILD)/.deps-%: scripts/deps.sh
	$(Q)mkdir -p $(BUILD)
	$(Q)scripts/deps.sh $*
	$(Q)touch $@
DEPS_STAMP := $(BUILD)/.deps-base

# Debian ships no libsparse: build it from Debian's source package.
SPARSE_DIR := $(BUILD)/sparse/src
SPARSE_LIB := $(SPARSE_DIR)/libsparse.a
deps: $(DEPS_STAMP) $(SPARSE_LIB)
$(SPARSE_LIB): $(if $(MAY_INSTALL),| $(DEPS_STAMP))
	$(Q)scripts/fetch-sparse.sh $(if $(MAY_INSTALL),,--no-fetch) $(BUILD)
sparse: $(SPARSE_LIB)

include allocator/allocator.mk
include checker/checker.mk
include model/model.mk
include cocci/cocci.mk
include tools/tools.mk
include examples/examples.mk
include tests/kernel/kernel.mk

all: $(ALL_TARGETS)

check: deps
	$(Q)$(MAKE) --no-print-directory all $(CHECK_DEPS)
	$(Q)BUILD=$(abspath $(BUILD)) tests/run

# One suite or one test file: make check-one T=checker, or
# T=tests/checker/wrong_free.c (the suite runs only that file's tests).
check-one: deps
	$(Q)$(MAKE) --no-print-directory all $(CHECK_DEPS)
	$(Q)BUILD=$(abspath $(BUILD)) tests/run $(if $(T),$(T),$(error give the test: make check-one T=<suite or tests/<suite>/file>))

# shellcheck on the scripts, spatch --parse-cocci on every semantic patch,
# the kernel's checkpatch.pl on the project's own C (scripts/lint.sh).
lint: deps
	$(Q)BUILD=$(abspath $(BUILD)) scripts/lint.sh

# dmacheck's fuzz target for a bounded time (make check runs it for 30 s
# through the checker suite); figures in docs/reliability.md.
FUZZ_SECONDS ?= 300
.PHONY: check-fuzz
check-fuzz: deps
	$(Q)$(MAKE) --no-print-directory $(BUILD)/fuzz/dmacheck-fuzz
	$(Q)BUILD=$(abspath $(BUILD)) tests/fuzz/run.sh $(FUZZ_SECONDS)

# These install what they need first, then build (a sub-make, so that
# nothing compiles before the packages it needs are there).
check-sanitize: deps
	$(Q)$(MAKE) --no-print-directory $(SANITIZE_RULES)

install: deps
	$(Q)$(MAKE) --no-print-directory all $(INSTALL_RULES)

# Removes exactly what install put there (each part lists its files).
uninstall: $(UNINSTALL_RULES)

bench: deps
	$(Q)$(MAKE) --no-print-directory all $(BENCH_RULES)

# Everything built here goes, but not the costly caches fetched or
# prepared from Debian's packages: sparse, the Linux tree and its
# configured kbuild folders (distclean removes those too).
KEEP_ON_CLEAN := sparse linux-6.1 kbuild-* .deps-base .linux-tree.lock
clean:
	$(Q)[ ! -d $(BUILD) ] || find $(BUILD) -mindepth 1 -maxdepth 1 \
		$(foreach k,$(KEEP_ON_CLEAN),! -name '$(k)') -exec rm -rf {} +

distclean:
	rm -rf $(BUILD)
