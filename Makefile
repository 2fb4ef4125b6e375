# The front door: `make timeline` and `make test` do all the set-up on Debian 12.
BUILD ?= build
TYPE ?= RelWithDebInfo
STRIKELINE := $(BUILD)/strikeline

.PHONY: all deps configure build timeline examples install test test-sanitize update-golden screenshot fuzz check clean bench bench-graph

all: build

deps:
	@tools/install-deps

$(BUILD)/CMakeCache.txt:
	@$(MAKE) --no-print-directory deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=$(TYPE)

configure: $(BUILD)/CMakeCache.txt

build: deps configure
	cmake --build $(BUILD)

# The datasets shipped in events/, one folder each (events/NAME/sources.yaml).
DATASETS := $(patsubst events/%/sources.yaml,%,$(wildcard events/*/sources.yaml))

# Regenerates everything under examples/ from events/: for each dataset NAME, the
# timeline examples/NAME/timeline.md and as a web page timeline.html, its tables events.csv, links.csv and
# citations.csv, its calendar timeline.ics, its graph graph.dot (drawn as graph.svg where Graphviz is
# installed), its TimelineJS file timelinejs.json and Mermaid diagrams diagrams.md, and the answers to
# examples/NAME/questions.txt in examples/NAME/queries.md (a test fails when they are stale).
examples: build
	@for d in $(DATASETS); do \
	  mkdir -p examples/$$d && \
	  $(STRIKELINE) render events/$$d -o examples/$$d/timeline.md && \
	  $(STRIKELINE) render --format html events/$$d -o examples/$$d/timeline.html && \
	  $(STRIKELINE) export --format csv events/$$d -o examples/$$d/events.csv && \
	  $(STRIKELINE) export --format csv-links events/$$d -o examples/$$d/links.csv && \
	  $(STRIKELINE) export --format csv-citations events/$$d -o examples/$$d/citations.csv && \
	  $(STRIKELINE) export --format ics events/$$d -o examples/$$d/timeline.ics && \
	  $(STRIKELINE) export --format dot events/$$d -o examples/$$d/graph.dot && \
	  { ! command -v dot >/dev/null || dot -Tsvg examples/$$d/graph.dot -o examples/$$d/graph.svg; } && \
	  $(STRIKELINE) export --format timelinejs events/$$d -o examples/$$d/timelinejs.json && \
	  $(STRIKELINE) export --format mermaid events/$$d -o examples/$$d/diagrams.md && \
	  $(STRIKELINE) brief examples/$$d/questions.txt events/$$d -o examples/$$d/queries.md --timeline timeline.md || exit 1; \
	done
	@command -v dot >/dev/null || echo "make examples: no Graphviz (tools/install-deps test installs it): examples/*/graph.svg not redrawn"

# The picture of the HTML timeline in the README, taken in headless chromium by the
# browser test's own script (not checked for staleness: pixels vary with fonts).
screenshot: build
	@tools/install-deps test
	$(STRIKELINE) export --format json events/nhs-junior-doctors-2023 > $(BUILD)/nhs.json
	node tests/browser/check_page.mjs examples/nhs-junior-doctors-2023/timeline.html $(BUILD)/nhs.json \
	  --screenshot examples/nhs-junior-doctors-2023/timeline.png

timeline: examples
	@for d in $(DATASETS); do echo "examples/$$d/timeline.md (and .html): the timeline of events/$$d; examples/$$d/queries.md: its briefing"; done

check: build
	@for d in $(DATASETS); do $(STRIKELINE) check events/$$d || exit 1; done

# The program to PREFIX/bin and the schemas to PREFIX/share/strikeline/schemas
# (PREFIX defaults to /usr/local; DESTDIR is honoured).
PREFIX ?= /usr/local
install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

test: build
	@tools/install-deps test
	cd $(BUILD) && ctest --output-on-failure

# Rewrites every pinned output (tests/golden, tests/bad and the generated cases) from
# what the code prints now, after a deliberate change; read the diff before committing.
update-golden: build
	STRIKELINE_UPDATE_GOLDEN=1 $(BUILD)/strikeline_tests

# The whole suite again under AddressSanitizer and UndefinedBehaviorSanitizer.
test-sanitize: deps
	@tools/install-deps test
	@test -f build-sanitize/CMakeCache.txt || cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSTRIKELINE_SANITIZE=ON
	cmake --build build-sanitize
	cd build-sanitize && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure

# libFuzzer for FUZZ_SECONDS each (default 60): load_fuzzer over the loader and
# checks, seeded with the curated datasets and every fixture; query_fuzzer over
# questions files and queries, seeded with the shipped questions; lsp_message_fuzzer
# over the language server's message reader, seeded with framed messages. Findings
# land in build-fuzz/findings/.
FUZZ_SECONDS ?= 60
FUZZ_FLAGS = -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -artifact_prefix=build-fuzz/findings/ -print_final_stats=1
fuzz:
	@tools/install-deps fuzz
	@test -f build-fuzz/CMakeCache.txt || CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSTRIKELINE_FUZZ=ON
	cmake --build build-fuzz --target load_fuzzer query_fuzzer lsp_message_fuzzer
	mkdir -p build-fuzz/corpus build-fuzz/query-corpus build-fuzz/lsp-corpus build-fuzz/findings
	for f in $$(find events tests/golden tests/bad -name '*.yaml' -size -64k); do cp "$$f" "build-fuzz/corpus/$$(echo "$$f" | tr / _)"; done
	for f in examples/*/questions.txt; do cp "$$f" "build-fuzz/query-corpus/$$(echo "$$f" | tr / _)"; done
	build-fuzz/load_fuzzer build-fuzz/corpus -max_len=65536 $(FUZZ_FLAGS)
	build-fuzz/query_fuzzer build-fuzz/query-corpus -max_len=8192 $(FUZZ_FLAGS)
	printf 'Content-Length: 58\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}' > build-fuzz/lsp-corpus/initialize
	printf 'Content-Length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}Content-Length: 3\n\n[1]' > build-fuzz/lsp-corpus/two
	printf 'content-length: 99999999999999999999\r\n\r\n' > build-fuzz/lsp-corpus/huge
	build-fuzz/lsp_message_fuzzer build-fuzz/lsp-corpus -max_len=4096 $(FUZZ_FLAGS)

# Wall time, peak memory and stages of check and render against the parse floor,
# for 1,000 to 100,000 synthetic events (BENCH_SIZES to change).
bench: build
	BUILD=$(BUILD) bench/run

# Time per event of the link and reason stages from 1e4 to 1e6 synthetic events.
bench-graph: build
	$(BUILD)/graph_bench 10000 30000 100000 300000 1000000

clean:
	rm -rf $(BUILD) build-sanitize build-fuzz
