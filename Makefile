# The two commands for a fresh Debian 12 machine:
#   make run    install dependencies, build, and run satupintu
#   make test   install dependencies, build, and run every test
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)

.PHONY: all deps configure build web run test bench fuzz fuzz-build clean

all: build

deps:
	scripts/install-deps

configure: deps
	@if [ ! -f $(BUILD_DIR)/build.ninja ]; then \
	  cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE); fi

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

# The browser app (React, TypeScript, Vite) in web/dist, which `satupintu serve` serves. Rebuilt
# when its sources change; package versions come from web/package-lock.json. `npm install`
# rather than `npm ci`: the registry here serves only this platform's optional binaries
# (rollup, esbuild), so the lock file cannot list the others and `npm ci` refuses it.
WEB_SOURCES := $(shell find web/src web/index.html web/vite.config.ts web/tsconfig.json web/package.json web/package-lock.json -type f 2>/dev/null)
web: web/dist/index.html
web/dist/index.html: $(WEB_SOURCES) | deps
	cd web && npm install --no-fund --no-audit --loglevel=error && npm run build

# The main job: validate the SOPs, then serve the API on a fresh SQLite file with demo data.
# The demo logins are printed before the server starts; stop it with Ctrl-C.
DEMO_DB ?= var/demo.db
LISTEN ?= 127.0.0.1:8080
run: build web
	$(BUILD_DIR)/bin/satupintu sop validate sop/
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BUILD_DIR)/bin/satupintu demo --db sqlite:$(DEMO_DB) --history-months 6
	$(BUILD_DIR)/bin/satupintu serve --db sqlite:$(DEMO_DB) --listen $(LISTEN)

# The fuzzers are built with clang in their own tree (build-fuzz); CTest runs each briefly.
test: build web fuzz-build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

fuzz-build: deps
	@if [ ! -f build-fuzz/build.ninja ]; then \
	  cmake -S fuzz -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ > /dev/null; fi
	cmake --build build-fuzz -j $(JOBS)

# Each fuzzer for FUZZ_SECONDS (default 60), growing the committed corpus in fuzz/corpus/;
# FUZZ_PARALLEL=1 runs them at once.
FUZZ_SECONDS ?= 60
FUZZ_PARALLEL ?= 0
fuzz: fuzz-build
	FUZZ_PARALLEL=$(FUZZ_PARALLEL) scripts/run-fuzzers $(FUZZ_SECONDS)

bench: build web
	scripts/run-benchmarks

clean:
	rm -rf $(BUILD_DIR) build-fuzz
