# SPDX-License-Identifier: GPL-2.0
# model: the driver-wide DMA buffer model, the planner and facts.json.
#
#   build/libdmamodel.a          the library dmacheck links (with libsparse)
#   build/tests/model/dmamodel   the model on its own (--dump, --facts=FILE)
#   build/tests/model/unit-model the cmocka unit tests (tests/model/run.sh)
#   build/tests/model/unit-units the driver units' cmocka tests (model/unit.c alone)

MODEL_LIB	:= $(BUILD)/libdmamodel.a
MODEL_SRCS	:= $(filter-out model/dmamodel.c,$(wildcard model/*.c))
MODEL_HDRS	:= $(wildcard model/*.h model/*.def checker/api/*.def)
MODEL_OBJS	:= $(patsubst model/%.c,$(BUILD)/obj/model/%.o,$(MODEL_SRCS))
MODEL_CFLAGS	= $(CFLAGS) $(WARNINGS) -Wno-missing-field-initializers \
		  -I model -I checker/api -I $(SPARSE_DIR)
DMAMODEL	:= $(BUILD)/tests/model/dmamodel
MODEL_UNIT	:= $(BUILD)/tests/model/unit-model
MODEL_UNIT_SRCS	:= $(wildcard tests/model/unit/*.c)

$(BUILD)/obj/model/%.o: model/%.c $(MODEL_HDRS) $(SPARSE_LIB)
	@echo "  CC      $@"
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(MODEL_CFLAGS) $(DEPFLAGS) -c -o $@ $<

$(MODEL_LIB): $(MODEL_OBJS)
	@echo "  AR      $@"
	$(Q)rm -f $@
	$(Q)ar rcs $@ $^

$(DMAMODEL): model/dmamodel.c $(MODEL_LIB) $(SPARSE_LIB)
	@echo "  CC+LD   $@"
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(MODEL_CFLAGS) -o $@ $< $(MODEL_LIB) $(SPARSE_LIB)

$(MODEL_UNIT): $(MODEL_UNIT_SRCS) tests/model/unit/unit.h $(MODEL_LIB) $(SPARSE_LIB)
	@echo "  CC+LD   $@"
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(MODEL_CFLAGS) -I tests/model/unit -o $@ $(MODEL_UNIT_SRCS) \
		$(MODEL_LIB) $(SPARSE_LIB) -lcmocka

# model/unit.c needs no libsparse: its tests link it alone.
MODEL_UNITS	:= $(BUILD)/tests/model/unit-units
$(MODEL_UNITS): tests/model/units/test_units.c model/unit.c model/unit.h
	@echo "  CC+LD   $@"
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(WARNINGS) -I model -o $@ $< model/unit.c -lcmocka

# The same under ASan/UBSan, in their own folder (libsparse is not instrumented).
SAN_MODEL	:= $(BUILD)/san-model
$(SAN_MODEL)/dmamodel $(SAN_MODEL)/unit-model: $(MODEL_SRCS) model/dmamodel.c $(MODEL_UNIT_SRCS) $(MODEL_HDRS) $(SPARSE_LIB)
	@echo "  CC+LD   $(SAN_MODEL) (ASan/UBSan)"
	$(Q)mkdir -p $(SAN_MODEL)
	$(Q)$(CC) $(MODEL_CFLAGS) $(SANITIZE_ASAN) -o $(SAN_MODEL)/dmamodel \
		model/dmamodel.c $(MODEL_SRCS) $(SPARSE_LIB)
	$(Q)$(CC) $(MODEL_CFLAGS) $(SANITIZE_ASAN) -I tests/model/unit -o $(SAN_MODEL)/unit-model \
		$(MODEL_UNIT_SRCS) $(MODEL_SRCS) $(SPARSE_LIB) -lcmocka

.PHONY: model check-sanitize-model
model: $(MODEL_LIB) $(DMAMODEL)

check-sanitize-model: $(SAN_MODEL)/dmamodel $(SAN_MODEL)/unit-model
	$(Q)ASAN_OPTIONS=detect_leaks=0 DMAMODEL=$(abspath $(SAN_MODEL)/dmamodel) \
		MODEL_UNIT=$(abspath $(SAN_MODEL)/unit-model) \
		BUILD=$(abspath $(BUILD)) tests/run model

-include $(MODEL_OBJS:.o=.d)

ALL_TARGETS	+= $(MODEL_LIB) $(DMAMODEL)
CHECK_DEPS	+= $(MODEL_UNIT) $(MODEL_UNITS)
SANITIZE_RULES	+= check-sanitize-model
