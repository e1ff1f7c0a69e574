# SPDX-License-Identifier: GPL-2.0
# checker: dmacheck, a libsparse client.
#
#   build/dmacheck            the checker
#   build/san-dmacheck        the same under ASan/UBSan (make check-sanitize)

DMACHECK	:= $(BUILD)/dmacheck
DMACHECK_SRCS	:= $(wildcard checker/*.c checker/api/*.c)
DMACHECK_HDRS	:= $(wildcard checker/*.h checker/*.def checker/api/*.def)
DMACHECK_GEN	:= $(BUILD)/checker/version.h
DMACHECK_VERSION := 0.1
DMACHECK_CFLAGS	= $(CFLAGS) $(WARNINGS) -Wno-missing-field-initializers \
		  -I checker -I checker/api -I $(BUILD)/checker -I $(SPARSE_DIR)

# The version header names the sparse build dmacheck was linked with.
$(DMACHECK_GEN): $(SPARSE_LIB) checker/checker.mk
	$(Q)mkdir -p $(dir $@)
	$(Q)printf '#define DMACHECK_VERSION "%s"\n#define SPARSE_VERSION "%s"\n' \
		'$(DMACHECK_VERSION)' "$$(cat $(BUILD)/sparse/VERSION)" >$@.tmp
	$(Q)mv $@.tmp $@

$(DMACHECK): $(DMACHECK_SRCS) $(DMACHECK_HDRS) $(DMACHECK_GEN) $(SPARSE_LIB)
	@echo "  CC+LD   $@"
	$(Q)$(CC) $(DMACHECK_CFLAGS) -o $@ $(DMACHECK_SRCS) $(SPARSE_LIB)

# Unit tests of the API table (cmocka), run by tests/checker/run.sh.
DMACHECK_UNIT	:= $(BUILD)/tests/checker/unit-api

$(DMACHECK_UNIT): tests/checker/unit/api_table.c checker/api/api.c $(DMACHECK_HDRS) $(DMACHECK_GEN) $(SPARSE_LIB)
	@echo "  CC+LD   $@"
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(DMACHECK_CFLAGS) -o $@ tests/checker/unit/api_table.c checker/api/api.c \
		$(SPARSE_LIB) -lcmocka

SAN_DMACHECK	:= $(BUILD)/san-dmacheck/dmacheck

$(SAN_DMACHECK): $(DMACHECK_SRCS) $(DMACHECK_HDRS) $(DMACHECK_GEN) $(SPARSE_LIB)
	@echo "  CC+LD   $@ (ASan/UBSan)"
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(DMACHECK_CFLAGS) $(SANITIZE_ASAN) -o $@ $(DMACHECK_SRCS) $(SPARSE_LIB)

.PHONY: dmacheck check-sanitize-checker install-checker
dmacheck: $(DMACHECK)

# The checker suite with the sanitized binary (libsparse itself is not
# instrumented; its leaks are sparse's arena allocator by design).
check-sanitize-checker: $(SAN_DMACHECK) $(DMACHECK_UNIT)
	$(Q)ASAN_OPTIONS=detect_leaks=0 DMACHECK=$(abspath $(SAN_DMACHECK)) \
		BUILD=$(abspath $(BUILD)) tests/run checker

install-checker: $(DMACHECK)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DOCDIR)/checks
	install -m 755 $(DMACHECK) $(DESTDIR)$(BINDIR)/dmacheck
	install -m 644 docs/man/dmacheck.1 $(DESTDIR)$(MANDIR)/man1/dmacheck.1
	install -m 644 docs/checker.md $(DESTDIR)$(DOCDIR)/checker.md
	install -m 644 docs/checks/*.md $(DESTDIR)$(DOCDIR)/checks/

ALL_TARGETS	+= $(DMACHECK)
CHECK_DEPS	+= $(DMACHECK) $(DMACHECK_UNIT)
INSTALL_RULES	+= install-checker
SANITIZE_RULES	+= check-sanitize-checker
