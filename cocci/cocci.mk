# SPDX-License-Identifier: GPL-2.0
# cocci: targets added to ALL_TARGETS, CHECK_DEPS, INSTALL_RULES, BENCH_RULES.
#
# The semantic patches need no build.  They are tested by tests/cocci/run.sh
# (which uses build/dmacheck and build/libdmaref.a when they exist),
# installed with their order file and their docs, and timed over a Linux
# tree by bench/cocci/bench.sh.

COCCI_SERIES := $(shell sed -e 's/\#.*//' -e '/^[[:space:]]*$$/d' cocci/series)
COCCI_DOCS := $(wildcard docs/cocci/*.md)

.PHONY: install-cocci uninstall-cocci bench-cocci

install-cocci:
	install -d $(DESTDIR)$(DATADIR)/cocci $(DESTDIR)$(DOCDIR)/cocci
	install -m 644 cocci/series $(addprefix cocci/,$(COCCI_SERIES)) \
		$(DESTDIR)$(DATADIR)/cocci/
	$(if $(COCCI_DOCS),install -m 644 $(COCCI_DOCS) $(DESTDIR)$(DOCDIR)/cocci/)

# Exactly the files install-cocci puts there.
uninstall-cocci:
	rm -f $(DESTDIR)$(DATADIR)/cocci/series \
		$(addprefix $(DESTDIR)$(DATADIR)/cocci/,$(notdir $(COCCI_SERIES))) \
		$(addprefix $(DESTDIR)$(DOCDIR)/cocci/,$(notdir $(COCCI_DOCS)))

bench-cocci: | $(DEPS_STAMP)
	$(Q)BUILD=$(abspath $(BUILD)) bench/cocci/bench.sh

INSTALL_RULES += install-cocci
UNINSTALL_RULES += uninstall-cocci
BENCH_RULES += bench-cocci
