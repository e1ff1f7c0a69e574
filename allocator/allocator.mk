# SPDX-License-Identifier: GPL-2.0
# allocator: libdmaref, the reference DMA API with a simulated cache.
#
#   build/libdmaref.a, build/libdmaref.so   the library
#   build/tests/allocator/*                 its cmocka tests (make check)
#   build/san-asan/...                      the same under ASan/UBSan (make check
#                                           runs them too: they take seconds)
#   build/san-tsan/...                      the threaded tests under TSan
#                                           (make check-sanitize)
#   build/bench/dmaref-bench                make bench
#
# Driver code compiles with -I include (add -DDMAREF_API_5_9 for the old
# API) and links build/libdmaref.a -lpthread.

LIBDMAREF_A	:= $(BUILD)/libdmaref.a
LIBDMAREF_SO	:= $(BUILD)/libdmaref.so
ALLOC_SRCS	:= $(wildcard allocator/*.c)
ALLOC_HDRS	:= allocator/internal.h $(wildcard include/linux/*.h include/dmaref/*.h)
ALLOC_CFLAGS	= $(CFLAGS) $(WARNINGS) -Wno-missing-field-initializers \
		  -fPIC -pthread -I include

ALLOC_TEST_MAINS := $(wildcard tests/allocator/test_*.c)
ALLOC_TEST_HDRS	:= $(wildcard tests/allocator/*.h)
ALLOC_TEST_EXTRA := $(wildcard tests/allocator/ring/*.c)
ALLOC_TEST_CFLAGS = $(CFLAGS) $(WARNINGS) -Wno-missing-field-initializers \
		    -pthread -I include -I tests/allocator

ALLOC_WRAP_ALLOC := -Wl,--wrap=calloc,--wrap=malloc,--wrap=realloc

ALLOC_ASAN	:= $(SANITIZE_ASAN)
ALLOC_TSAN	:= $(SANITIZE_TSAN)

# One flavour of the library and its tests.
#  $(1): output folder, $(2): extra compiler flags
define alloc_flavour
$(1)/obj/allocator/%.o: allocator/%.c $(ALLOC_HDRS)
	@echo "  CC      $$@"
	$(Q)mkdir -p $$(dir $$@)
	$(Q)$(CC) $(ALLOC_CFLAGS) $(2) -c -o $$@ $$<

$(1)/libdmaref.a: $(patsubst allocator/%.c,$(1)/obj/allocator/%.o,$(ALLOC_SRCS))
	@echo "  AR      $$@"
	$(Q)rm -f $$@
	$(Q)ar rcs $$@ $$^

# The ring scenario links the drivers of tests/allocator/ring/ too; the
# out-of-memory test puts its own calloc(), malloc() and realloc() in front
# of the library's calls.
$(1)/tests/allocator/%: tests/allocator/%.c $(ALLOC_TEST_HDRS) \
		$(ALLOC_TEST_EXTRA) $(1)/libdmaref.a
	@echo "  CC+LD   $$@"
	$(Q)mkdir -p $$(dir $$@)
	$(Q)$(CC) $(ALLOC_TEST_CFLAGS) $(2) -o $$@ $$< \
		$$(if $$(filter test_ring%,$$*),$(ALLOC_TEST_EXTRA)) \
		$$(if $$(filter test_boot_oom,$$*),$$(ALLOC_WRAP_ALLOC)) \
		$(1)/libdmaref.a -lcmocka -pthread
endef

$(eval $(call alloc_flavour,$(BUILD),))
$(eval $(call alloc_flavour,$(BUILD)/san-asan,$(ALLOC_ASAN)))
$(eval $(call alloc_flavour,$(BUILD)/san-tsan,$(ALLOC_TSAN)))

$(LIBDMAREF_SO): $(patsubst allocator/%.c,$(BUILD)/obj/allocator/%.o,$(ALLOC_SRCS))
	@echo "  LD      $@"
	$(Q)$(CC) -shared -pthread -Wl,-soname,libdmaref.so -o $@ $^

ALLOC_TESTS	 := $(patsubst tests/allocator/%.c,$(BUILD)/tests/allocator/%,$(ALLOC_TEST_MAINS))
ALLOC_ASAN_TESTS := $(patsubst tests/allocator/%.c,$(BUILD)/san-asan/tests/allocator/%,$(ALLOC_TEST_MAINS))
ALLOC_TSAN_TESTS := $(patsubst tests/allocator/%.c,$(BUILD)/san-tsan/tests/allocator/%,$(filter %_threads.c,$(ALLOC_TEST_MAINS)))

.PHONY: libdmaref check-sanitize-allocator bench-allocator install-allocator
libdmaref: $(LIBDMAREF_A) $(LIBDMAREF_SO)

# ASan/UBSan over every allocator test, TSan over the threaded ones.
check-sanitize-allocator: $(ALLOC_ASAN_TESTS) $(ALLOC_TSAN_TESTS)
	$(Q)ALLOC_TEST_DIR=$(abspath $(BUILD)/san-asan/tests/allocator) \
		BUILD=$(abspath $(BUILD)) tests/run allocator
	$(Q)ALLOC_TEST_DIR=$(abspath $(BUILD)/san-tsan/tests/allocator) \
		BUILD=$(abspath $(BUILD)) tests/run allocator

ALLOC_BENCH	:= $(BUILD)/bench/dmaref-bench
$(ALLOC_BENCH): bench/allocator/bench.c allocator/internal.h $(LIBDMAREF_A)
	@echo "  CC+LD   $@"
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(WARNINGS) -O2 -pthread -I include -I allocator \
		-o $@ $< $(LIBDMAREF_A) -pthread

bench-allocator: $(ALLOC_BENCH)
	$(Q)$(ALLOC_BENCH)

install-allocator: $(LIBDMAREF_A) $(LIBDMAREF_SO)
	install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCDIR)/linux \
		$(DESTDIR)$(INCDIR)/dmaref $(DESTDIR)$(DOCDIR)
	install -m 644 $(LIBDMAREF_A) $(DESTDIR)$(LIBDIR)/libdmaref.a
	install -m 755 $(LIBDMAREF_SO) $(DESTDIR)$(LIBDIR)/libdmaref.so
	install -m 644 include/linux/*.h $(DESTDIR)$(INCDIR)/linux/
	install -m 644 include/dmaref/*.h $(DESTDIR)$(INCDIR)/dmaref/
	install -m 644 docs/allocator.md $(DESTDIR)$(DOCDIR)/allocator.md
	$(if $(wildcard docs/man/libdmaref.3),install -d $(DESTDIR)$(MANDIR)/man3 && \
		install -m 644 docs/man/libdmaref.3 $(DESTDIR)$(MANDIR)/man3/)

ALL_TARGETS	+= $(LIBDMAREF_A) $(LIBDMAREF_SO)
CHECK_DEPS	+= $(ALLOC_TESTS) $(ALLOC_ASAN_TESTS)
INSTALL_RULES	+= install-allocator
BENCH_RULES	+= bench-allocator
SANITIZE_RULES	+= check-sanitize-allocator
