# SPDX-License-Identifier: GPL-2.0
# tools: dmaconv, the front end (build/dmaconv), and its man page.
#
#   build/dmaconv               the front end
#   build/san-asan/tools/dmaconv  the same under ASan/UBSan
#                               (make check-sanitize-dmaconv)

DMACONV_SRCS := $(wildcard tools/*/*.c)
# model/unit.c, the driver units, needs no libsparse: built in here.
DMACONV_OBJS := $(patsubst tools/%.c,$(BUILD)/obj/tools/%.o,$(DMACONV_SRCS)) \
		$(BUILD)/obj/tools/model/unit.o
# checker/api: the DMA API tables the keyword filter is made from.
DMACONV_CFLAGS := -std=gnu11 -I tools -I checker/api -I model
# Where the executable looks for cocci/, dmacheck and include/
# (pipeline/locate.c).
DMACONV_DEFS := -DDMACONV_SRCDIR='"$(abspath .)"' \
		-DDMACONV_BUILDDIR='"$(abspath $(BUILD))"' \
		-DDMACONV_DATADIR='"$(DATADIR)"' \
		-DDMACONV_INCDIR='"$(INCDIR)"'

$(BUILD)/obj/tools/%.o: tools/%.c
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(WARNINGS) $(DEPFLAGS) $(DMACONV_CFLAGS) \
		$(DMACONV_DEFS) -c $< -o $@

$(BUILD)/obj/tools/model/unit.o: model/unit.c
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(WARNINGS) $(DEPFLAGS) -I model -c $< -o $@

$(BUILD)/dmaconv: $(DMACONV_OBJS)
	$(Q)$(CC) $(CFLAGS) -o $@ $^

-include $(DMACONV_OBJS:.o=.d)

ALL_TARGETS += $(BUILD)/dmaconv
CHECK_DEPS += $(BUILD)/dmaconv

# The semantic patches dmaconv runs are installed by install-cocci.
DMACONV_DOCS := docs/dmaconv.md docs/review-checklist.md

.PHONY: install-dmaconv uninstall-dmaconv
install-dmaconv: $(BUILD)/dmaconv
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DOCDIR)
	install -m 755 $(BUILD)/dmaconv $(DESTDIR)$(BINDIR)/dmaconv
	install -m 644 docs/man/dmaconv.1 $(DESTDIR)$(MANDIR)/man1/dmaconv.1
	install -m 644 $(DMACONV_DOCS) $(DESTDIR)$(DOCDIR)/
INSTALL_RULES += install-dmaconv

# Exactly the files install-dmaconv puts there; the folders are shared.
uninstall-dmaconv:
	rm -f $(DESTDIR)$(BINDIR)/dmaconv $(DESTDIR)$(MANDIR)/man1/dmaconv.1 \
		$(addprefix $(DESTDIR)$(DOCDIR)/,$(notdir $(DMACONV_DOCS)))
UNINSTALL_RULES += uninstall-dmaconv

.PHONY: bench-dmaconv
bench-dmaconv: $(BUILD)/dmaconv
	$(Q)BUILD=$(abspath $(BUILD)) tools/bench.sh
BENCH_RULES += bench-dmaconv

# The end-to-end suite against dmaconv built with ASan/UBSan, its objects
# in their own folder.  DMACONV_BUILDDIR tells the executable it sits in
# this checkout.  Leak detection is off: a one-shot command leaves its
# memory to exit().
DMACONV_SAN_DIR := $(BUILD)/san-asan/tools
DMACONV_SAN_OBJS := $(patsubst tools/%.c,$(BUILD)/san-asan/obj/tools/%.o,$(DMACONV_SRCS)) \
		    $(BUILD)/san-asan/obj/tools/model/unit.o

$(BUILD)/san-asan/obj/tools/model/unit.o: model/unit.c
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) -O1 -g $(SANITIZE_ASAN) $(WARNINGS) $(DEPFLAGS) -I model -c $< -o $@

$(BUILD)/san-asan/obj/tools/%.o: tools/%.c
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) -O1 -g $(SANITIZE_ASAN) $(WARNINGS) $(DEPFLAGS) \
		$(DMACONV_CFLAGS) -DDMACONV_SRCDIR='"$(abspath .)"' \
		-DDMACONV_BUILDDIR='"$(abspath $(DMACONV_SAN_DIR))"' \
		-c $< -o $@

$(DMACONV_SAN_DIR)/dmaconv: $(DMACONV_SAN_OBJS)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) -O1 -g $(SANITIZE_ASAN) -o $@ $^

-include $(DMACONV_SAN_OBJS:.o=.d)

.PHONY: check-sanitize-dmaconv
check-sanitize-dmaconv: $(DMACONV_SAN_DIR)/dmaconv
	$(Q)if [ -x $(BUILD)/dmacheck ]; then \
		ln -sf $(abspath $(BUILD))/dmacheck $(DMACONV_SAN_DIR)/dmacheck; fi
	$(Q)ASAN_OPTIONS=detect_leaks=0 TOP=$(abspath .) \
		BUILD=$(abspath $(DMACONV_SAN_DIR)) tests/e2e/run.sh
SANITIZE_RULES += check-sanitize-dmaconv

# The review HTML is checked in headless chromium (tests/e2e/review.sh):
# make check installs it like the other test dependencies.
CHECK_DEPS += $(if $(MAY_INSTALL),$(BUILD)/.deps-browser)
