# The front door: `make timeline` and `make test` do all the set-up on Debian 12.
BUILD ?= build
TYPE ?= RelWithDebInfo
STRIKELINE := $(BUILD)/strikeline

.PHONY: all deps configure build timeline examples test check clean bench-graph

all: build

deps:
	@tools/install-deps

$(BUILD)/CMakeCache.txt:
	@$(MAKE) --no-print-directory deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=$(TYPE)

configure: $(BUILD)/CMakeCache.txt

build: deps configure
	cmake --build $(BUILD)

# Regenerates everything under examples/ from events/ (a test fails when they are stale).
examples: build
	$(STRIKELINE) render events -o examples/timeline.md
	$(STRIKELINE) brief examples/questions.txt events -o examples/queries.md --timeline timeline.md

timeline: examples
	@echo "timeline written to examples/timeline.md, answers to examples/questions.txt in examples/queries.md"

check: build
	$(STRIKELINE) check events

test: build
	cd $(BUILD) && ctest --output-on-failure

# Time per event of the link and reason stages from 1e4 to 1e6 synthetic events.
bench-graph: build
	$(BUILD)/graph_bench 10000 100000 1000000

clean:
	rm -rf $(BUILD)
