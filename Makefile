# Tribuna's entry points. `make serve` and `make test` set up what they need.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

# The path the bundle is served under: `/` or e.g. `/tribuna/`.
PUBLIC_URL ?= /
DIST ?= dist

.PHONY: setup serve dist test unit e2e schema content-index check

setup:
	@scripts/setup.sh

## Build and serve the demo at http://127.0.0.1:8080 with live reload (a
## development build in target/serve/, apart from the release bundle).
serve: setup
	trunk serve --dist target/serve

# Release builds keep the linker's relocations so scripts/split-wasm.mjs can cut
# the wasm into chunks. (RUSTFLAGS replaces the flags in .cargo/config.toml, so
# they are repeated here.)
SPLIT_RUSTFLAGS := --cfg erase_components -C link-args=--emit-relocs

# The site's public origin for absolute URLs (canonical links, Open Graph,
# sitemap, feeds); empty: site.json's `origin`.
ORIGIN ?=
# The content the pages are pre-rendered from.
CONTENT ?= public/content

## The optimised release bundle in $(DIST)/: the app, every page pre-rendered
## in every language, the sitemap and feeds; with its sizes.
dist: setup
	RUSTFLAGS="$(SPLIT_RUSTFLAGS)" trunk build --release --features split --public-url $(PUBLIC_URL) --dist $(DIST)
	node scripts/split-wasm.mjs $(DIST)
	node scripts/finish-dist.mjs $(DIST)
	cargo run -q --profile prerender -p tribuna-prerender -- $(DIST) --content $(CONTENT) --origin "$(ORIGIN)"
	node scripts/compress-dist.mjs $(DIST)

## Every test: native unit tests, then browser tests against the release bundle.
test: setup unit
	$(MAKE) --no-print-directory dist
	node scripts/check-budget.mjs dist
	$(MAKE) --no-print-directory dist PUBLIC_URL=/tribuna/ DIST=target/dist-subpath >/dev/null
	cargo run -q -p tribuna-tools -- archive 2000 target/archive-2000
	node --test --test-concurrency=1 tests/e2e/

unit:
	cargo test -p tribuna-core -p tribuna-tools

## Regenerate public/schema/*.schema.json from the Rust types.
schema:
	cargo run -q -p tribuna-tools -- schema public/schema

## Regenerate public/content/statements/index.json from the statement files.
content-index:
	cargo run -q -p tribuna-tools -- index public/content

## Validate every content file and the references between them.
check:
	cargo run -q -p tribuna-tools -- check public/content

## Benchmarks (docs/benchmarks.md): bundle sizes, throttled cold loads against a
## static floor, language switch, related ranking. Results: target/bench/results.json.
.PHONY: bench
bench: setup
	$(MAKE) --no-print-directory dist DIST=target/bench-dist
	node bench/run.mjs $(BENCH_ARGS)
