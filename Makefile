# The two commands of the README, plus the sanitizer build. Each installs missing Debian
# packages first (scripts/install-deps), then configures and builds with CMake.
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=
RUN_ARGS ?=
RUNS ?= 100

FUZZ_SECONDS ?= 600

# Facilities of the regional bench (make bench REGION_FACILITIES=200 for a quicker run).
REGION_FACILITIES ?= 2000

.PHONY: run test test-asan build deps screenshots bench torture fuzz clean

deps:
	@scripts/install-deps

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j $(JOBS)

run: build
	$(BUILD)/src/app/medsec-kiosk $(RUN_ARGS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-asan: deps
	cmake -S . -B $(BUILD)-asan -DCMAKE_BUILD_TYPE=Debug -DKIOSK_SANITIZE=ON -DKIOSK_WERROR=ON $(CMAKE_FLAGS)
	cmake --build $(BUILD)-asan -j $(JOBS)
	cd $(BUILD)-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

screenshots: build
	scripts/screenshots $(BUILD)/src/app/medsec-kiosk docs

# Every figure of bench/README.md, then one table of them all (bench/table.sh); fails when a goal
# is missed. REGION_FACILITIES=0 leaves out the regional import (it needs PostgreSQL and takes long).
bench: export KIOSK_BENCH_TABLE := $(abspath $(BUILD))/bench-table.tsv
bench: build
	@rm -f "$$KIOSK_BENCH_TABLE"
	bench/launch.sh $(BUILD)
	$(BUILD)/bench/kiosk_bench_answers
	bench/idle_cpu.sh $(BUILD)/src/app/medsec-kiosk
	$(BUILD)/bench/kiosk_bench_matrix
	bench/export_csv.sh $(BUILD)/src/app/medsec-kiosk
	$(BUILD)/bench/kiosk_bench_advisors
	@if [ "$(REGION_FACILITIES)" != 0 ]; then bench/region_import.sh $(BUILD)/src/app/medsec-kiosk $(REGION_FACILITIES); fi
	@echo; echo "medsec-kiosk bench, $$(date +%F), $$(nproc) cores, $$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
	@bench/table.sh print "$$KIOSK_BENCH_TABLE"

# Crash torture: RUNS starts of the kiosk under Xvfb, each killed with SIGKILL while answering.
torture: build
	tests/torture/torture.sh $(BUILD)/src/app/medsec-kiosk $(CURDIR) $(RUNS)

# libFuzzer over every parser: FUZZ_SECONDS per target (default 10 minutes), in build-fuzz.
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz $(CURDIR)/$(BUILD)-fuzz

clean:
	rm -rf $(BUILD) $(BUILD)-asan
