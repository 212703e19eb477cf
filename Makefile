# Everyday commands for tlx. `make help` lists them.
GO       ?= go
FUZZTIME ?= 30s
BENCH    ?= .

# Packages whose tests take -update to rewrite their golden files.
GOLDEN_PKGS = $(sort $(dir $(shell grep -rlF --include='*_test.go' -e '"update", false' -e 'charmbracelet/x/exp/golden' .)))

.PHONY: help build run test race e2e fuzz bench lint golden release-check capture ci clean

help: ## list the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

build: ## build ./tlx (version "dev")
	$(GO) build -o tlx .

run: ## open the explorer on the built-in timeline
	$(GO) run .

test: ## run the tests
	$(GO) test ./...

race: ## run the tests with the race detector, as CI does
	$(GO) test -race ./...

e2e: ## run the tmux end-to-end tests (the root package) without the cache
	$(GO) test -race -count=1 -v .

fuzz: ## fuzz every target for FUZZTIME each (default 30s)
	bash .ci/fuzz $(FUZZTIME)

bench: ## run the benchmarks (BENCH=regexp to pick)
	$(GO) test -run='^$$' -bench='$(BENCH)' -benchmem ./...

lint: ## gofmt and go vet
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "not gofmt'ed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

golden: ## rewrite the golden files from the current output; review with git diff
	@if [ -z "$(GOLDEN_PKGS)" ]; then echo "no package has golden files yet"; else $(GO) test $(GOLDEN_PKGS) -update; fi

release-check: ## goreleaser check and a snapshot build of every target
	bash .ci/release-check

capture: ## rewrite docs/screen.txt and docs/screen.png from the real binary
	bash docs/capture.sh

ci: ## everything CI runs
	bash .ci/run

clean: ## remove what the build and release leave behind
	rm -rf tlx dist completions manpages
