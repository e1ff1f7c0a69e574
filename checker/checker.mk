# SPDX-License-Identifier: GPL-2.0
# checker: dmacheck, a libsparse client.
#
#   build/dmacheck                  the checker
#   build/obj/checker/...           its objects, one per source file, each
#                                   with the headers it read (.d)
#   build/tests/checker/unit-api    the API table's unit tests (cmocka)
#   build/san-dmacheck/dmacheck     the same under ASan/UBSan (make
#                                   check-sanitize), objects in
#                                   build/san-dmacheck/obj/checker/

DMACHECK	:= $(BUILD)/dmacheck
DMACHECK_SRCS	:= $(wildcard checker/*.c checker/*/*.c)
DMACHECK_GEN	:= $(BUILD)/checker/version.h
DMACHECK_VERSION := 0.1
DMACHECK_CFLAGS	= $(CFLAGS) $(WARNINGS) -Wno-missing-field-initializers \
		  -I checker -I $(BUILD)/checker -I model -I $(SPARSE_DIR)
# The driver model (model/model.mk builds it; that fragment comes later).
DMACHECK_MODEL	:= $(BUILD)/libdmamodel.a

# The version header names the sparse build dmacheck was linked with, the
# git revision it was built from (when built from git), and where the
# source tree keeps legacy-dma.h and the docs (used when not installed).
# Rewritten only when its text changes, so a new commit rebuilds main.o
# and nothing else.
$(DMACHECK_GEN): $(SPARSE_LIB) checker/checker.mk FORCE
	$(Q)mkdir -p $(dir $@)
	$(Q){ printf '#define DMACHECK_VERSION "%s"\n#define SPARSE_VERSION "%s"\n' \
		'$(DMACHECK_VERSION)' "$$(cat $(BUILD)/sparse/VERSION)"; \
	  printf '#define DMACHECK_GIT "%s"\n' \
		"$$(git describe --always --dirty --exclude='*' 2>/dev/null)"; \
	  printf '#define DMACHECK_LEGACY_HEADER "%s"\n#define DMACHECK_DOCS_DIR "%s"\n' \
		'$(abspath include/dmaconv/legacy-dma.h)' '$(abspath docs)'; } >$@.tmp
	$(Q)if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

.PHONY: FORCE
FORCE:

# One build of dmacheck: $(1) its folder, $(2) extra compiler and linker
# flags, $(3) the model library it links.  Objects wait for sparse (its
# headers) and the version header; after the first build the .d files
# name the headers each one needs.
define dmacheck_flavour
$(1)/obj/checker/%.o: checker/%.c checker/checker.mk | $(DMACHECK_GEN)
	@echo "  CC      $$@"
	$(Q)mkdir -p $$(dir $$@)
	$(Q)$(CC) $$(DMACHECK_CFLAGS) $(2) $(DEPFLAGS) -c -o $$@ $$<

$(1)/dmacheck: $(patsubst %.c,$(1)/obj/%.o,$(DMACHECK_SRCS)) $(3) $(SPARSE_LIB)
	@echo "  LD      $$@"
	$(Q)mkdir -p $$(dir $$@)
	$(Q)$(CC) $(2) -Wl,--wrap=open -o $$@ $$^ -lpthread

-include $(patsubst %.c,$(1)/obj/%.d,$(DMACHECK_SRCS))
endef

SAN_DMACHECK	:= $(BUILD)/san-dmacheck/dmacheck

$(eval $(call dmacheck_flavour,$(BUILD),,$(DMACHECK_MODEL)))
$(eval $(call dmacheck_flavour,$(BUILD)/san-dmacheck,$(SANITIZE_ASAN),$(BUILD)/san-dmacheck/libdmamodel.a))

# The sanitized dmacheck links the model built the same way.
SAN_DMACHECK_MODEL_OBJS := $(patsubst model/%.c,$(BUILD)/san-dmacheck/obj/model/%.o,\
			   $(filter-out model/dmamodel.c,$(wildcard model/*.c)))

$(BUILD)/san-dmacheck/obj/model/%.o: model/%.c $(SPARSE_LIB)
	@echo "  CC      $@"
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(WARNINGS) -Wno-missing-field-initializers -I model \
		-I checker/api -I $(SPARSE_DIR) $(SANITIZE_ASAN) $(DEPFLAGS) -c -o $@ $<

$(BUILD)/san-dmacheck/libdmamodel.a: $(SAN_DMACHECK_MODEL_OBJS)
	@echo "  AR      $@"
	$(Q)rm -f $@
	$(Q)ar rcs $@ $^

-include $(SAN_DMACHECK_MODEL_OBJS:.o=.d)

# Unit tests of the API table (cmocka), run by tests/checker/run.sh: the
# test and the table's reader, nothing else of dmacheck.
DMACHECK_UNIT	:= $(BUILD)/tests/checker/unit-api
DMACHECK_UNIT_OBJS := $(BUILD)/obj/tests/checker/unit/api_table.o \
		      $(BUILD)/obj/checker/api/api.o

$(BUILD)/obj/tests/checker/unit/%.o: tests/checker/unit/%.c checker/checker.mk | $(DMACHECK_GEN)
	@echo "  CC      $@"
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(DMACHECK_CFLAGS) $(DEPFLAGS) -c -o $@ $<

$(DMACHECK_UNIT): $(DMACHECK_UNIT_OBJS) $(SPARSE_LIB)
	@echo "  LD      $@"
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) -o $@ $^ -lcmocka

-include $(DMACHECK_UNIT_OBJS:.o=.d)

# The fuzz target (tests/fuzz/, make check-fuzz): dmacheck's front end and
# writers under libFuzzer with ASan and UBSan, built with Debian's clang
# (scripts/deps.sh fuzz installs it).  libsparse is linked as built.
DMACHECK_FUZZ	:= $(BUILD)/fuzz/dmacheck-fuzz
DMACHECK_FUZZ_SRCS := $(filter-out checker/main.c,$(DMACHECK_SRCS)) \
		      $(filter-out model/dmamodel.c,$(wildcard model/*.c)) \
		      tests/fuzz/fuzz_front.c tests/fuzz/jsoncheck.c

$(DMACHECK_FUZZ): $(DMACHECK_FUZZ_SRCS) $(wildcard checker/*.h checker/*/*.h checker/*/*.def \
		  model/*.h model/*.def tests/fuzz/*.h) $(SPARSE_LIB) | $(DMACHECK_GEN) \
		  $(BUILD)/.deps-fuzz
	@echo "  CLANG   $@ (libFuzzer, ASan, UBSan)"
	$(Q)mkdir -p $(dir $@)
	$(Q)clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
		-Wno-missing-field-initializers -Wno-unused-parameter \
		-I checker -I $(BUILD)/checker -I model -I checker/api -I tests/fuzz \
		-I $(SPARSE_DIR) -Wl,--wrap=open -o $@ $(DMACHECK_FUZZ_SRCS) \
		$(SPARSE_LIB) -lpthread

.PHONY: dmacheck check-sanitize-checker install-checker uninstall-checker
dmacheck: $(DMACHECK)

# The checker suite with the sanitized binary (libsparse itself is not
# instrumented; its leaks are sparse's arena allocator by design).
check-sanitize-checker: $(SAN_DMACHECK) $(DMACHECK_UNIT)
	$(Q)ASAN_OPTIONS=detect_leaks=0 DMACHECK=$(abspath $(SAN_DMACHECK)) \
		BUILD=$(abspath $(BUILD)) tests/run checker

# The user's pages: docs/checks/TEMPLATE.md is for whoever adds a check.
DMACHECK_DOCS	:= $(filter-out docs/checks/TEMPLATE.md,$(wildcard docs/checks/*.md))

install-checker: $(DMACHECK)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DOCDIR)/checks \
		$(DESTDIR)$(INCDIR)
	install -m 755 $(DMACHECK) $(DESTDIR)$(BINDIR)/dmacheck
	install -m 644 include/dmaconv/legacy-dma.h $(DESTDIR)$(INCDIR)/legacy-dma.h
	install -m 644 docs/man/dmacheck.1 $(DESTDIR)$(MANDIR)/man1/dmacheck.1
	install -m 644 docs/checker.md $(DESTDIR)$(DOCDIR)/checker.md
	install -m 644 $(DMACHECK_DOCS) $(DESTDIR)$(DOCDIR)/checks/

uninstall-checker:
	rm -f $(DESTDIR)$(BINDIR)/dmacheck $(DESTDIR)$(MANDIR)/man1/dmacheck.1 \
		$(DESTDIR)$(INCDIR)/legacy-dma.h \
		$(DESTDIR)$(DOCDIR)/checker.md \
		$(addprefix $(DESTDIR)$(DOCDIR)/checks/,$(notdir $(DMACHECK_DOCS)))

ALL_TARGETS	+= $(DMACHECK)
CHECK_DEPS	+= $(DMACHECK) $(DMACHECK_UNIT) $(DMACHECK_FUZZ)
INSTALL_RULES	+= install-checker
UNINSTALL_RULES	+= uninstall-checker
SANITIZE_RULES	+= check-sanitize-checker
