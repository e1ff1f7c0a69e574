# SPDX-License-Identifier: GPL-2.0
# allocator: libdmaref, the reference DMA API with a simulated cache.
#
#   build/libdmaref.a                       the static library
#   build/libdmaref.so.$(ALLOC_VERSION)     the shared library, SONAME
#                                           libdmaref.so.0, with the links
#                                           libdmaref.so.0 and libdmaref.so
#   build/tests/allocator/*                 its cmocka tests (make check)
#   build/san-asan/...                      the same under ASan/UBSan (make check
#                                           runs them too: they take seconds)
#   build/san-tsan/...                      the threaded tests under TSan
#                                           (make check-sanitize)
#   build/bench/dmaref-bench                make bench
#
# Driver code compiles with -I include (add -DDMAREF_API_5_9 for the old
# API) and links build/libdmaref.a -lpthread.  Installed, it is
# `pkg-config --cflags --libs libdmaref`.

# The shared library's version: the first number is the SONAME's, raised
# when a binary built against the previous one would break.
ALLOC_VERSION	:= 0.1.0
ALLOC_SONAME	:= libdmaref.so.$(firstword $(subst ., ,$(ALLOC_VERSION)))

LIBDMAREF_A	:= $(BUILD)/libdmaref.a
LIBDMAREF_SO_REAL := $(BUILD)/libdmaref.so.$(ALLOC_VERSION)
LIBDMAREF_SO_MAJOR := $(BUILD)/$(ALLOC_SONAME)
LIBDMAREF_SO	:= $(BUILD)/libdmaref.so
ALLOC_SRCS	:= $(wildcard allocator/*.c)
ALLOC_CFLAGS	= $(CFLAGS) $(WARNINGS) -Wno-missing-field-initializers \
		  -fPIC -pthread -I include

ALLOC_TEST_MAINS := $(wildcard tests/allocator/test_*.c)
ALLOC_TEST_EXTRA := $(wildcard tests/allocator/ring/*.c)
ALLOC_TEST_CFLAGS = $(CFLAGS) $(WARNINGS) -Wno-missing-field-initializers \
		    -pthread -I include -I tests/allocator

# Source files of the tests, without folder and suffix: test_api, ring/ring_hw.
ALLOC_TEST_NAMES := $(patsubst tests/allocator/%.c,%,$(ALLOC_TEST_MAINS))
ALLOC_RING_NAMES := $(patsubst tests/allocator/%.c,%,$(ALLOC_TEST_EXTRA))

ALLOC_WRAP_ALLOC := -Wl,--wrap=calloc,--wrap=malloc,--wrap=realloc

# The .d files name each object both as given and as an absolute path:
# make may be run with BUILD=build or BUILD=/abs/build (tests/run and the
# install test do), and either must see the headers an object read.
ALLOC_DEPFLAGS	 = $(DEPFLAGS) -MT $@ -MT $(abspath $@)

ALLOC_ASAN	:= $(SANITIZE_ASAN)
ALLOC_TSAN	:= $(SANITIZE_TSAN)

# One flavour of the library and its tests.  Every object records the
# headers it read ($(DEPFLAGS): a .d file beside it), so a header change
# rebuilds exactly what includes it.
#  $(1): output folder, $(2): extra compiler flags
define alloc_flavour
$(1)/obj/allocator/%.o: allocator/%.c
	@echo "  CC      $$@"
	$(Q)mkdir -p $$(dir $$@)
	$(Q)$(CC) $(ALLOC_CFLAGS) $(2) $$(ALLOC_DEPFLAGS) -c -o $$@ $$<

$(1)/libdmaref.a: $(patsubst allocator/%.c,$(1)/obj/allocator/%.o,$(ALLOC_SRCS))
	@echo "  AR      $$@"
	$(Q)rm -f $$@
	$(Q)ar rcs $$@ $$^

$(1)/obj/tests/allocator/%.o: tests/allocator/%.c
	@echo "  CC      $$@"
	$(Q)mkdir -p $$(dir $$@)
	$(Q)$(CC) $(ALLOC_TEST_CFLAGS) $(2) $$(ALLOC_DEPFLAGS) -c -o $$@ $$<

# The ring scenario links the drivers of tests/allocator/ring/ too; the
# out-of-memory test puts its own calloc(), malloc() and realloc() in front
# of the library's calls.
$(1)/tests/allocator/%: $(1)/obj/tests/allocator/%.o \
		$(patsubst %,$(1)/obj/tests/allocator/%.o,$(ALLOC_RING_NAMES)) \
		$(1)/libdmaref.a
	@echo "  LD      $$@"
	$(Q)mkdir -p $$(dir $$@)
	$(Q)$(CC) $(2) -pthread -o $$@ $$< \
		$$(if $$(filter test_ring%,$$*),$(patsubst %,$(1)/obj/tests/allocator/%.o,$(ALLOC_RING_NAMES))) \
		$$(if $$(filter test_boot_oom,$$*),$$(ALLOC_WRAP_ALLOC)) \
		$(1)/libdmaref.a -lcmocka -pthread

.SECONDARY: $(patsubst %,$(1)/obj/tests/allocator/%.o,$(ALLOC_TEST_NAMES) $(ALLOC_RING_NAMES))
-include $(patsubst allocator/%.c,$(1)/obj/allocator/%.d,$(ALLOC_SRCS))
-include $(patsubst %,$(1)/obj/tests/allocator/%.d,$(ALLOC_TEST_NAMES) $(ALLOC_RING_NAMES))
endef

$(eval $(call alloc_flavour,$(BUILD),))
$(eval $(call alloc_flavour,$(BUILD)/san-asan,$(ALLOC_ASAN)))
$(eval $(call alloc_flavour,$(BUILD)/san-tsan,$(ALLOC_TSAN)))

$(LIBDMAREF_SO_REAL): $(patsubst allocator/%.c,$(BUILD)/obj/allocator/%.o,$(ALLOC_SRCS))
	@echo "  LD      $@"
	$(Q)$(CC) -shared -pthread -Wl,-soname,$(ALLOC_SONAME) -o $@ $^

# The usual links: the SONAME for the loader, the bare name for -ldmaref.
$(LIBDMAREF_SO_MAJOR): $(LIBDMAREF_SO_REAL)
	$(Q)ln -sf $(notdir $<) $@

$(LIBDMAREF_SO): $(LIBDMAREF_SO_MAJOR)
	$(Q)ln -sf $(notdir $<) $@

ALLOC_TESTS	 := $(patsubst tests/allocator/%.c,$(BUILD)/tests/allocator/%,$(ALLOC_TEST_MAINS))
ALLOC_ASAN_TESTS := $(patsubst tests/allocator/%.c,$(BUILD)/san-asan/tests/allocator/%,$(ALLOC_TEST_MAINS))
ALLOC_TSAN_TESTS := $(patsubst tests/allocator/%.c,$(BUILD)/san-tsan/tests/allocator/%,$(filter %_threads.c,$(ALLOC_TEST_MAINS)))

.PHONY: libdmaref check-sanitize-allocator bench-allocator install-allocator \
	uninstall-allocator
libdmaref: $(LIBDMAREF_A) $(LIBDMAREF_SO)

# ASan/UBSan over every allocator test, TSan over the threaded ones.
check-sanitize-allocator: $(ALLOC_ASAN_TESTS) $(ALLOC_TSAN_TESTS)
	$(Q)ALLOC_TEST_DIR=$(abspath $(BUILD)/san-asan/tests/allocator) \
		BUILD=$(abspath $(BUILD)) tests/run allocator
	$(Q)ALLOC_TEST_DIR=$(abspath $(BUILD)/san-tsan/tests/allocator) \
		BUILD=$(abspath $(BUILD)) tests/run allocator

ALLOC_BENCH	:= $(BUILD)/bench/dmaref-bench
$(ALLOC_BENCH): bench/allocator/bench.c $(LIBDMAREF_A)
	@echo "  CC+LD   $@"
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(WARNINGS) $(ALLOC_DEPFLAGS) -O2 -pthread -I include \
		-I allocator -o $@ $< $(LIBDMAREF_A) -pthread
-include $(ALLOC_BENCH).d

bench-allocator: $(ALLOC_BENCH)
	$(Q)$(ALLOC_BENCH)

# ---- install / uninstall ----
#
# What install-allocator puts under $(DESTDIR), file by file, so that
# uninstall-allocator removes exactly that and nothing else.
ALLOC_HEADERS	:= $(wildcard include/linux/*.h include/dmaref/*.h)
ALLOC_PC	:= $(BUILD)/libdmaref.pc
ALLOC_INSTALLED	 = $(LIBDIR)/libdmaref.a \
		   $(LIBDIR)/libdmaref.so.$(ALLOC_VERSION) \
		   $(LIBDIR)/$(ALLOC_SONAME) \
		   $(LIBDIR)/libdmaref.so \
		   $(LIBDIR)/pkgconfig/libdmaref.pc \
		   $(patsubst include/%,$(INCDIR)/%,$(ALLOC_HEADERS)) \
		   $(DOCDIR)/allocator.md \
		   $(MANDIR)/man3/libdmaref.3
# Folders only libdmaref fills: removed when uninstall leaves them empty.
ALLOC_OWN_DIRS	 = $(INCDIR)/linux $(INCDIR)/dmaref $(INCDIR)

# The pkg-config file names where this install puts things (PREFIX,
# LIBDIR, INCDIR as given to make install): it is made here, every time.
install-allocator: $(LIBDMAREF_A) $(LIBDMAREF_SO)
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(LIBDIR)|g' \
		-e 's|@INCDIR@|$(INCDIR)|g' -e 's|@VERSION@|$(ALLOC_VERSION)|g' \
		allocator/libdmaref.pc.in >$(ALLOC_PC)
	install -d $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCDIR)/linux \
		$(DESTDIR)$(INCDIR)/dmaref $(DESTDIR)$(DOCDIR) \
		$(DESTDIR)$(MANDIR)/man3
	install -m 644 $(LIBDMAREF_A) $(DESTDIR)$(LIBDIR)/libdmaref.a
	install -m 755 $(LIBDMAREF_SO_REAL) $(DESTDIR)$(LIBDIR)/
	ln -sf libdmaref.so.$(ALLOC_VERSION) $(DESTDIR)$(LIBDIR)/$(ALLOC_SONAME)
	ln -sf $(ALLOC_SONAME) $(DESTDIR)$(LIBDIR)/libdmaref.so
	install -m 644 $(ALLOC_PC) $(DESTDIR)$(LIBDIR)/pkgconfig/libdmaref.pc
	install -m 644 $(filter include/linux/%,$(ALLOC_HEADERS)) \
		$(DESTDIR)$(INCDIR)/linux/
	install -m 644 $(filter include/dmaref/%,$(ALLOC_HEADERS)) \
		$(DESTDIR)$(INCDIR)/dmaref/
	install -m 644 docs/allocator.md $(DESTDIR)$(DOCDIR)/allocator.md
	install -m 644 docs/man/libdmaref.3 $(DESTDIR)$(MANDIR)/man3/

uninstall-allocator:
	rm -f $(addprefix $(DESTDIR),$(ALLOC_INSTALLED))
	for d in $(addprefix $(DESTDIR),$(ALLOC_OWN_DIRS)); do \
		[ ! -d "$$d" ] || rmdir --ignore-fail-on-non-empty "$$d"; \
	done

ALL_TARGETS	+= $(LIBDMAREF_A) $(LIBDMAREF_SO)
CHECK_DEPS	+= $(ALLOC_TESTS) $(ALLOC_ASAN_TESTS)
INSTALL_RULES	+= install-allocator
UNINSTALL_RULES	+= uninstall-allocator
BENCH_RULES	+= bench-allocator
SANITIZE_RULES	+= check-sanitize-allocator
