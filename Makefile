# The two commands for a fresh Debian 12 machine:
#   make run    install dependencies, build, and run satupintu
#   make test   install dependencies, build, and run every test
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)

.PHONY: all deps configure build run test bench clean

all: build

deps:
	scripts/install-deps

configure: deps
	@if [ ! -f $(BUILD_DIR)/build.ninja ]; then \
	  cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE); fi

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

# The main job, until the server lands: validate the SOPs, list them, and show how long each
# takes in real working time from the same start.
run: build
	$(BUILD_DIR)/bin/satupintu sop validate sop/
	$(BUILD_DIR)/bin/satupintu sop list
	$(BUILD_DIR)/bin/satupintu sop simulate --all --start 2026-03-13T09:00+07:00

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

bench: build
	scripts/run-benchmarks

clean:
	rm -rf $(BUILD_DIR)
