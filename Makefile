# rightswatch — build, test, install.
#
#   make              build/rightswatch
#   make sanitize     build/sanitize/rightswatch (ASan + UBSan)
#   make check        every unit and integration test; SANITIZE=1 uses the sanitizer build
#   make layercheck   the dependencies between families point one way (tests/layercheck.py)
#   make run          install missing build dependencies, build, run on config/rightswatch.ini
#   make deps         install missing Debian packages (build and test) with apt-get
#   make fuzz         libFuzzer targets (clang) under build/fuzz/
#   make bench        benchmarks (not tests)
#   make install      honours PREFIX and DESTDIR

PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
MANDIR     ?= $(PREFIX)/share/man
SYSCONFDIR ?= /etc
UNITDIR    ?= $(PREFIX)/lib/systemd/system
DESTDIR    ?=

# The Debian packages the build and the tests need: listed here, and only here.
DEB_BUILD = build-essential pkg-config libcurl4-openssl-dev libxml2-dev \
            libevent-dev libsqlite3-dev libinih-dev libjansson-dev \
            libutf8proc-dev libcmocka-dev
DEB_TEST  = nginx-light sqlite3 python3 python3-aiosmtpd rsyslog curl time \
            clang libclang-rt-14-dev systemd systemd-container mmdebstrap \
            groff-base man-db procps util-linux chromium strace
PKGS      = libcurl libxml-2.0 libevent sqlite3 inih jansson libutf8proc

CC      ?= cc
WARN     = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wpointer-arith -Wcast-qual -Wformat=2
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) -Iinclude $(PKG_CFLAGS) $(CFLAGS)
LDLIBS_ALL = $(PKG_LIBS) -lm

# The daemon's sources, in family folders (daemon/FAMILY/*.c; see README).
SRCS     := $(sort $(wildcard daemon/*.c daemon/*/*.c))
MAIN_SRC := $(filter %/main.c,$(SRCS))
LIB_SRCS := $(filter-out $(MAIN_SRC),$(SRCS))
HDRS     := $(wildcard include/rightswatch/*.h daemon/*.h daemon/*/*.h)
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz_*.c))

ifeq ($(SANITIZE),1)
OUT = build/sanitize
ALL_CFLAGS += -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
else
OUT = build
endif

OBJS      := $(patsubst daemon/%.c,$(OUT)/obj/%.o,$(LIB_SRCS))
UNIT_BINS := $(patsubst tests/unit/%.c,$(OUT)/tests/%,$(UNIT_SRCS))
BIN        = $(OUT)/rightswatch

.PHONY: all sanitize check layercheck unit run deps test-deps fuzz bench install clean demo pkgcheck heldout

all: pkgcheck $(BIN)

pkgcheck:
	@pkg-config --exists $(PKGS) || { echo "missing libraries: run 'make deps'" >&2; \
		pkg-config --print-errors --exists $(PKGS); exit 1; }

$(OUT)/obj/%.o: daemon/%.c $(HDRS) | $(OUT)/obj
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(OUT)/librw.a: $(OBJS)
	rm -f $@ && ar rcs $@ $^

MAIN_OBJ := $(patsubst daemon/%.c,$(OUT)/obj/%.o,$(MAIN_SRC))

$(BIN): $(MAIN_OBJ) $(OUT)/librw.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS_ALL)

$(OUT)/tests/unit_util.o: tests/unit/unit_util.c tests/unit/unit.h $(HDRS) | $(OUT)/tests
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(OUT)/tests/unit_rows.o: tests/unit/unit_rows.c tests/unit/unit.h $(HDRS) | $(OUT)/tests
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

UNIT_HELPERS = $(OUT)/tests/unit_util.o $(OUT)/tests/unit_rows.o

$(OUT)/tests/%: tests/unit/%.c tests/unit/unit.h $(UNIT_HELPERS) $(OUT)/librw.a | $(OUT)/tests
	$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes -Itests/unit $(LDFLAGS) -o $@ $< $(UNIT_HELPERS) $(OUT)/librw.a $(LDLIBS_ALL) -lcmocka

$(OUT)/obj $(OUT)/tests:
	mkdir -p $@

sanitize:
	$(MAKE) SANITIZE=1 all

unit: all $(UNIT_BINS)

# The whole suite; the last line it prints is "N passed, N failed, N skipped".
# A dependency that points the wrong way (layercheck) stops it before the tests.
check:
	@pkg-config --exists $(PKGS) cmocka || $(MAKE) deps
	@$(MAKE) --no-print-directory unit
	@$(MAKE) --no-print-directory layercheck
	@tests/run.sh $(OUT)

# Includes and calls point from a family to the ones below it, never up or
# in a cycle (the table of families is in tests/layercheck.py; README).
layercheck: $(OUT)/librw.a
	@python3 tests/layercheck.py --objects $(OUT)/obj

deps:
	@tests/deps.sh $(DEB_BUILD) $(DEB_TEST)

run:
	@pkg-config --exists $(PKGS) || $(MAKE) deps
	@$(MAKE) --no-print-directory all
	@mkdir -p var
	$(BIN) run -c config/rightswatch.ini

FUZZ_CFLAGS = -std=c11 -D_GNU_SOURCE -g -O1 -Iinclude $(PKG_CFLAGS) -fsanitize=fuzzer,address,undefined
fuzz: $(patsubst tests/fuzz/%.c,build/fuzz/%,$(FUZZ_SRCS))
	@echo "fuzz targets in build/fuzz/; run each with -max_total_time=60"

build/fuzz/%: tests/fuzz/%.c $(LIB_SRCS) $(HDRS)
	@mkdir -p build/fuzz
	clang $(FUZZ_CFLAGS) -o $@ $< $(LIB_SRCS) $(LDLIBS_ALL)

# The extractor scored on three sets of releases written for the project,
# each reported on its own. heldout/: twelve releases labelled before the
# extractor first ran on them; unseen2/: sixteen more (other publishers,
# countries and periods), also labelled first. The kinds of error both showed
# have been fixed as general stage rows, so their scores are regression
# figures, no longer measures on unseen text. unseen3/: sixteen more in the
# devset's own genres and countries, phrased in ways no earlier set uses,
# labelled and committed before the extractor ever ran on them; its first-run
# figure (0.897) was the estimate on unseen text. Most of its kinds of error
# (unseen3/KINDS.md) have since been fixed, so it too is a regression set; the
# next honest estimate needs a new set written and labelled first.
SCORE_EXTRACT ?= ../shared/tools/score-extract
heldout: all
	@echo "== heldout (regression set)"
	@$(SCORE_EXTRACT) --bin $(BIN) tests/fixtures/extract/heldout/en tests/fixtures/extract/heldout/fr
	@echo "== unseen2 (regression set)"
	@$(SCORE_EXTRACT) --bin $(BIN) tests/fixtures/extract/unseen2/en tests/fixtures/extract/unseen2/fr
	@echo "== unseen3 (regression set; 0.897 at its first run)"
	@$(SCORE_EXTRACT) --bin $(BIN) tests/fixtures/extract/unseen3/en tests/fixtures/extract/unseen3/fr

bench: all
	@bench/run.sh $(BIN)

# The alert story on one machine without the internet (see tests/demo.sh).
demo: all
	@tests/demo.sh $(BIN)

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(SYSCONFDIR)/rightswatch $(DESTDIR)$(UNITDIR)
	install -m 0755 $(BIN) $(DESTDIR)$(BINDIR)/rightswatch
	install -m 0644 man/rightswatch.ini.5 $(DESTDIR)$(MANDIR)/man5/rightswatch.ini.5
	install -m 0644 man/rightswatch.8 $(DESTDIR)$(MANDIR)/man8/rightswatch.8
	sed 's|^state = ../var/rightswatch.db|; state = /var/lib/rightswatch/rightswatch.db (the default)|' \
		config/rightswatch.ini \
		> $(DESTDIR)$(SYSCONFDIR)/rightswatch/rightswatch.ini.example
	[ -e $(DESTDIR)$(SYSCONFDIR)/rightswatch/rightswatch.ini ] || \
		install -m 0644 $(DESTDIR)$(SYSCONFDIR)/rightswatch/rightswatch.ini.example \
		$(DESTDIR)$(SYSCONFDIR)/rightswatch/rightswatch.ini
	[ -e $(DESTDIR)$(SYSCONFDIR)/rightswatch/baselines.csv ] || \
		install -m 0644 config/baselines.csv $(DESTDIR)$(SYSCONFDIR)/rightswatch/baselines.csv
	sed -e 's|/usr/local/bin/|$(BINDIR)/|g' -e 's|/etc/rightswatch/|$(SYSCONFDIR)/rightswatch/|g' \
		systemd/rightswatch.service > $(DESTDIR)$(UNITDIR)/rightswatch.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/rightswatch.service

clean:
	rm -rf build
