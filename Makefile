# The front door: `make timeline` and `make test` do all the set-up on Debian 12.
BUILD ?= build
TYPE ?= RelWithDebInfo
STRIKELINE := $(BUILD)/strikeline

.PHONY: all deps configure build timeline examples test check clean

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

clean:
	rm -rf $(BUILD)
