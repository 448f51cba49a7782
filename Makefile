# stancegraph: hand-written Makefile (GNU make). See README.md.
# User-overridable: CC, CFLAGS, LDFLAGS, PREFIX, DESTDIR. Required flags live in
# SG_CFLAGS so that a user's CFLAGS cannot drop -std=c11.

CC      ?= cc
CFLAGS  ?= -O2 -g
LDFLAGS ?=
PREFIX  ?= /usr/local
BUILD   ?= build
PKGS    := igraph libcjson libpcre2-8 libgvc libcgraph libutf8proc zlib
# Graphviz's layout and core plugins are linked directly (see src/emit_svg.c) so that
# rendering never depends on the run-time plugin configuration or on fonts.
GVPLUGINDIR := $(shell pkg-config --variable=libdir libgvc 2>/dev/null)/graphviz

SG_CFLAGS  := -std=c11 -pthread -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Wpedantic -Wshadow \
              -Wconversion -Iinclude -Isrc $(shell pkg-config --cflags $(PKGS) 2>/dev/null) \
              -DSG_DATADIR='"$(PREFIX)/share/stancegraph"' -MMD -MP
SG_LDLIBS  := $(shell pkg-config --libs $(PKGS) 2>/dev/null) \
              -L$(GVPLUGINDIR) -Wl,-rpath,$(GVPLUGINDIR) -lgvplugin_dot_layout \
              -lgvplugin_neato_layout -lgvplugin_core -lm -pthread
TEST_LDLIBS := $(shell pkg-config --libs criterion 2>/dev/null)

LIB_SRC  := $(filter-out src/main.c,$(wildcard src/*.c))
LIB_OBJ  := $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
MAIN_OBJ := $(BUILD)/obj/main.o
LIB      := $(BUILD)/libstancegraph.a
BIN      := $(BUILD)/stancegraph
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
# Fuzz targets (tests/fuzz/fuzz_<target>.c), each with a seed corpus in
# tests/fuzz/corpus/<target>/.
FUZZ_TARGETS := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_CFLAGS  := $(filter-out -MMD -MP,$(SG_CFLAGS)) -DSG_FUZZ_ROOT='"$(CURDIR)"'

# Debian packages: to build and run, and in addition to test.
DEB_BUILD := gcc make pkg-config libigraph-dev libcjson-dev libpcre2-dev libgraphviz-dev \
             libutf8proc-dev zlib1g-dev
DEB_TEST  := libcriterion-dev python3 python3-networkx python3-jsonschema libxml2-utils \
             graphviz librsvg2-bin poppler-utils valgrind clang time parallel
# the HTML report in a real browser (make browser-test); DejaVu gives it a font
DEB_BROWSER := chromium fonts-dejavu-core

.PHONY: FORCE all deps deps-test run test check unit e2e asan ubsan tsan valgrind install uninstall \
        clean check-globals format golden-update bench unit-bins install-check eval corpus peer-test lexicons-check \
        browser-test fuzz fuzz-bins fuzz-replay fuzz-replay-bins
.DEFAULT_GOAL := all

all: $(BIN) $(LIB)

# --- dependencies -----------------------------------------------------------------
# Installs what is missing with apt-get when run as root; otherwise prints the exact
# command and stops.
define install_debs
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' \
	    || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	      apt-get install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
	  else \
	    echo "missing Debian packages; run:"; \
	    echo "  sudo apt-get install -y --no-install-recommends$$missing"; exit 1; \
	  fi; \
	fi
endef


deps:
	$(call install_debs,$(DEB_BUILD))

deps-test: deps
	$(call install_debs,$(DEB_TEST))

# --- build ------------------------------------------------------------------------
$(BUILD)/obj/%.o: src/%.c | $(BUILD)/obj
	$(CC) $(SG_CFLAGS) $(CFLAGS) -c $< -o $@

$(BUILD)/obj $(BUILD)/tests:
	mkdir -p $@

# main.c has the data directory built in: rebuild it when PREFIX changes.
$(BUILD)/prefix.stamp: FORCE | $(BUILD)/obj
	@echo '$(PREFIX)' | cmp -s - $@ || echo '$(PREFIX)' >$@
$(MAIN_OBJ): $(BUILD)/prefix.stamp
FORCE:

$(LIB): $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(BIN): $(MAIN_OBJ) $(LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) $^ $(SG_LDLIBS) -o $@

$(BUILD)/tests/%: tests/unit/%.c $(LIB) | $(BUILD)/tests
	$(CC) $(SG_CFLAGS) $(CFLAGS) $(LDFLAGS) $< $(LIB) $(SG_LDLIBS) $(TEST_LDLIBS) -o $@

-include $(wildcard $(BUILD)/obj/*.d $(BUILD)/tests/*.d)

# --- the main job on the bundled example ----------------------------------------
run: deps
	@$(MAKE) --no-print-directory all
	$(BIN) graph tests/data/karabakh.txt -o output/karabakh.svg
	$(BIN) graph tests/data/karabakh.txt -o output/karabakh.png
	@echo "wrote output/karabakh.svg and output/karabakh.png"
	$(BIN) centrality tests/data/karabakh.txt

# --- tests ------------------------------------------------------------------------
test check: deps-test
	@$(MAKE) --no-print-directory all unit-bins
	@$(MAKE) --no-print-directory unit e2e corpus lexicons-check check-globals install-check
	@$(MAKE) --no-print-directory browser-test
	@$(MAKE) --no-print-directory asan
	@$(MAKE) --no-print-directory fuzz-replay
	@$(MAKE) --no-print-directory tsan
	@$(MAKE) --no-print-directory valgrind

unit-bins: $(UNIT_BIN)

unit: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do echo "== $$t"; $$t 2>&1; done

e2e: $(BIN)
	@SG_BIN=$(BIN) sh tests/e2e/run.sh

# The HTML report of the worked example in headless Chromium (installed here when
# missing): no script error, sorting and every drawn edge and node lead to their
# evidence, and a screenshot shows the drawing.
browser-test: deps
	$(call install_debs,$(DEB_BROWSER))
	@$(MAKE) --no-print-directory all
	@SG_BIN=$(BIN) sh tests/browser/check.sh

# The built-in actors lexicon is generated from tools/world/ (tables written for this
# project): it must be up to date and lint without errors.
lexicons-check: $(BIN)
	@python3 tools/world/generate.py --check
	@$(BIN) lexicon check >$(BUILD)/lexicon-check.txt; st=$$?; tail -n 1 $(BUILD)/lexicon-check.txt; exit $$st

# The annotated regression corpus (tests/corpus): exact events per case, pass rates
# per phenomenon.
corpus: $(BIN)
	@python3 tests/corpus/run.py --bin $(BIN)

# The whole suite again under AddressSanitizer and UndefinedBehaviorSanitizer.
SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=all
asan:
	@$(MAKE) --no-print-directory BUILD=build/asan CFLAGS="$(SAN_FLAGS)" \
	  LDFLAGS="$(SAN_FLAGS)" all unit-bins
	@ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  UBSAN_OPTIONS=print_stacktrace=1 \
	  $(MAKE) --no-print-directory BUILD=build/asan CFLAGS="$(SAN_FLAGS)" \
	  LDFLAGS="$(SAN_FLAGS)" unit e2e corpus

ubsan: asan

# Extraction with 4 threads under ThreadSanitizer: the corpus sentences as JSON Lines
# documents, with --explain; no data race, and the same events as one thread.
TSAN_FLAGS := -O1 -g -fsanitize=thread
tsan:
	@$(MAKE) --no-print-directory BUILD=build/tsan CFLAGS="$(TSAN_FLAGS)" \
	  LDFLAGS="$(TSAN_FLAGS)" all
	@python3 -c 'import json, sys, glob; \
	  [print(json.dumps({"id": f + ":" + str(i), "text": l[3:].strip()})) \
	   for f in sorted(glob.glob("tests/corpus/*.txt")) \
	   for i, l in enumerate(open(f, encoding="utf-8")) if l.startswith("## ")]' >build/tsan/corpus.jsonl
	@TSAN_OPTIONS=halt_on_error=1:exitcode=66 build/tsan/stancegraph extract -j 4 --explain \
	  build/tsan/corpus.jsonl >build/tsan/j4.jsonl
	@build/tsan/stancegraph extract -j 1 --explain build/tsan/corpus.jsonl | cmp - build/tsan/j4.jsonl
	@echo "tsan: extract -j 4 on $$(wc -l <build/tsan/corpus.jsonl) documents: no data race, same events as -j 1"

valgrind: all
	@SG_BIN="valgrind -q --error-exitcode=99 --leak-check=full \
	  --suppressions=tests/valgrind.supp $(BIN)" sh tests/e2e/run.sh

# Extraction scored on the development set in ../shared/devset (skipped without it).
DEVSET ?= ../shared/devset
eval: all
	@if [ ! -f $(DEVSET)/score.py ]; then \
	  echo "eval: skipped, $(DEVSET)/score.py is absent (the shared folder is not beside the repository)"; \
	else \
	  $(BIN) extract --actors $(DEVSET)/actors.json $(DEVSET)/texts/*.txt | \
	  python3 $(DEVSET)/score.py --gold $(DEVSET)/gold.jsonl --actors $(DEVSET)/actors.json \
	    --pred /dev/stdin --by-doc; \
	fi

# PETRARCH's validation records, coded with its own validation dictionaries converted
# by `lexicon import` (skipped without ../shared/data/petrarch2): a report, not a gate.
peer-test: all
	@python3 tests/peer/run.py --bin $(BIN)

# Throughput and memory figures (never asserted in tests). BENCH_MB sets the corpus size.
bench: all deps-test
	@SG_BIN=$(BIN) sh tests/bench.sh

golden-update: $(BIN)
	@SG_BIN=$(BIN) SG_GOLDEN_UPDATE=1 sh tests/e2e/run.sh

# No writable global state in the library (STYLE.md section 5): no object symbol in a
# writable section. Tables of string pointers live in .data.rel.ro (read-only after
# relocation), which nm also reports as 'd', so sections are checked by name.
check-globals: $(LIB)
	@out=$$(objdump -t $(LIB) | awk '$$0 ~ / O / && ($$4 ~ /^\.(data|bss)/) && $$4 !~ /^\.data\.rel\.ro/'); \
	if [ -n "$$out" ]; then echo "$$out"; echo "writable globals found"; exit 1; fi; \
	echo "check-globals: no writable data in $(LIB)"

# --- fuzzing ----------------------------------------------------------------------
# make fuzz: each target under libFuzzer (clang, ASan + UBSan) for FUZZ_SECONDS, starting
# from its seed corpus; new inputs go to $(FUZZ_WORK)/<target>/ (never into the
# repository), crashes to $(FUZZ_WORK)/<target>-crash-*, logs to $(FUZZ_WORK)/<target>.log.
# Add an input to tests/fuzz/corpus/<target>/ by hand (minimised with -minimize_crash=1
# when it is a crash) to keep it as a regression case.
FUZZ_SECONDS ?= 60
FUZZ_WORK    ?= build/fuzz-work
FUZZ_FLAGS   := -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer \
                -fno-sanitize-recover=all
# input sizes and the per-input time limit (seconds) of each target
FUZZ_ARGS_pipeline := -max_len=4096 -timeout=10
FUZZ_ARGS_lexicon  := -max_len=4096 -timeout=10 -dict=tests/fuzz/json.dict
FUZZ_ARGS_events   := -max_len=4096 -timeout=10 -dict=tests/fuzz/json.dict
# Graphviz keeps a few hundred bytes per context (tests/lsan.supp): with leak detection
# libFuzzer would run LeakSanitizer after every input; make fuzz-replay checks for leaks
FUZZ_ARGS_render   := -max_len=2048 -timeout=10 -detect_leaks=0
FUZZ_ENV := ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
            LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0

fuzz: deps-test
	@$(MAKE) --no-print-directory BUILD=build/fuzz CC=clang CFLAGS="$(FUZZ_FLAGS)" \
	  LDFLAGS="$(FUZZ_FLAGS)" fuzz-bins
	@set -e; $(foreach t,$(FUZZ_TARGETS),$(FUZZ_ENV) sh tests/fuzz/run.sh $(t) \
	  build/fuzz/fuzz/fuzz_$(t) $(FUZZ_WORK) $(FUZZ_SECONDS) $(FUZZ_ARGS_$(t));) true

fuzz-bins: $(FUZZ_TARGETS:%=$(BUILD)/fuzz/fuzz_%)

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h tests/fuzz/xml_check.h $(LIB)
	@mkdir -p $(@D)
	$(CC) $(FUZZ_CFLAGS) $(CFLAGS) $(LDFLAGS) -fsanitize=fuzzer $< $(LIB) $(SG_LDLIBS) -o $@

# make fuzz-replay (part of make test): every seed corpus through its target, built with
# the normal compiler and a plain main() (tests/fuzz/replay.c) instead of libFuzzer,
# under ASan + UBSan with the library of make asan.
fuzz-replay:
	@$(MAKE) --no-print-directory BUILD=build/asan CFLAGS="$(SAN_FLAGS)" \
	  LDFLAGS="$(SAN_FLAGS)" fuzz-replay-bins
	@set -e; for t in $(FUZZ_TARGETS); do \
	  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  build/asan/fuzz-replay/replay_$$t tests/fuzz/corpus/$$t; done

fuzz-replay-bins: $(FUZZ_TARGETS:%=$(BUILD)/fuzz-replay/replay_%)

$(BUILD)/fuzz-replay/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz.h \
                               tests/fuzz/xml_check.h $(LIB)
	@mkdir -p $(@D)
	$(CC) $(FUZZ_CFLAGS) $(CFLAGS) $(LDFLAGS) $< tests/fuzz/replay.c $(LIB) $(SG_LDLIBS) -o $@

format:
	clang-format -i src/*.c src/*.h include/*.h tests/unit/*.c tests/fuzz/*.c tests/fuzz/*.h

# --- install ----------------------------------------------------------------------
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include \
	  $(DESTDIR)$(PREFIX)/share/stancegraph/lexicons
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/stancegraph
	install -m 644 $(LIB) $(DESTDIR)$(PREFIX)/lib/libstancegraph.a
	install -m 644 include/*.h $(DESTDIR)$(PREFIX)/include/
	install -m 644 lexicons/*.json $(DESTDIR)$(PREFIX)/share/stancegraph/lexicons/
	install -m 644 include/stancegraph-graph.schema.json $(DESTDIR)$(PREFIX)/share/stancegraph/

# Installs into a scratch DESTDIR and runs the installed binary from elsewhere: it must
# find its lexicons under share/stancegraph, beside the graph JSON's schema.
install-check:
	@d=$$(mktemp -d); trap 'rm -rf "$$d"' EXIT; \
	$(MAKE) --no-print-directory install BUILD=$$d/build PREFIX=/opt/stancegraph DESTDIR=$$d >/dev/null && \
	cp tests/data/karabakh.txt $$d/k.txt && \
	n=$$(cd $$d && env -u STANCEGRAPH_LEXICONS ./opt/stancegraph/bin/stancegraph extract k.txt | wc -l) && \
	test "$$n" -gt 0 && test -f $$d/opt/stancegraph/include/stancegraph.h && \
	test -f $$d/opt/stancegraph/lib/libstancegraph.a && \
	cmp -s include/stancegraph-graph.schema.json \
	  $$d/opt/stancegraph/share/stancegraph/stancegraph-graph.schema.json && \
	echo "install-check: the installed binary found its lexicons ($$n events); schema installed"

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/stancegraph $(DESTDIR)$(PREFIX)/lib/libstancegraph.a
	cd $(DESTDIR)$(PREFIX)/include && rm -f stancegraph.h sg_*.h
	rm -rf $(DESTDIR)$(PREFIX)/share/stancegraph

clean:
	rm -rf build
