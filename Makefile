# The two commands of the README, plus the sanitizer build. Each installs missing Debian
# packages first (scripts/install-deps), then configures and builds with CMake.
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=
RUN_ARGS ?=

.PHONY: run test test-asan build deps screenshots bench clean

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

bench: build
	bench/idle_cpu.sh $(BUILD)/src/app/medsec-kiosk
	$(BUILD)/bench/kiosk_bench_matrix

clean:
	rm -rf $(BUILD) $(BUILD)-asan
