# Tribuna's entry points. `make serve` and `make test` set up what they need.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

# The path the bundle is served under: `/` or e.g. `/tribuna/`.
PUBLIC_URL ?= /
DIST ?= dist

.PHONY: setup serve dist test unit e2e schema content-index check import-wordpress content new import-fixture

setup:
	@scripts/setup.sh

## Build and serve the demo at http://127.0.0.1:8080 with live reload (a
## development build in target/serve/, apart from the release bundle).
serve: setup
	trunk serve --dist target/serve

# The site's public origin for absolute URLs (canonical links, Open Graph,
# sitemap, feeds); empty: site.json's `origin`.
ORIGIN ?=
# The content the pages are pre-rendered from.
CONTENT ?= public/content

## The optimised release bundle in $(DIST)/: the app, every page pre-rendered
## in every language, the sitemap and feeds; with its sizes. One build step
## (scripts/build-dist.mjs); $(DIST) is replaced only when it succeeded.
dist: setup
	node scripts/build-dist.mjs $(DIST) --public-url $(PUBLIC_URL) --content $(CONTENT) --origin "$(ORIGIN)"

## Every test: native unit tests, then browser tests against the release bundle.
test: setup unit
	$(MAKE) --no-print-directory dist
	node scripts/check-budget.mjs dist
	$(MAKE) --no-print-directory dist PUBLIC_URL=/tribuna/ DIST=target/dist-subpath >/dev/null
	cargo run -q -p tribuna-tools -- archive 2000 target/archive-2000
	$(MAKE) --no-print-directory import-fixture >/dev/null
	node --test --test-concurrency=1 tests/e2e/

unit:
	cargo test -p tribuna-core -p tribuna-derive -p tribuna-tools -p tribuna-prerender

## Regenerate public/schema/*.schema.json from the Rust types.
schema:
	cargo run -q -p tribuna-tools -- schema public/schema

## Regenerate public/content/statements/index.json from the statement files.
content-index:
	cargo run -q -p tribuna-tools -- index public/content

## Import the fixture WordPress export and Markdown statements into
## target/import-fixture (the browser test tests/e2e/import.test.mjs opens them).
FIXTURES := crates/tools/tests/fixtures
import-fixture:
	rm -rf target/import-fixture
	cargo run -q -p tribuna-tools -- import wordpress $(FIXTURES)/wordpress/export.xml --out target/import-fixture \
		--uploads $(FIXTURES)/wordpress/uploads --organisation category:coalition=tenants-workers-alliance
	cargo run -q -p tribuna-tools -- import markdown $(FIXTURES)/markdown --out target/import-fixture

## Import a WordPress export (docs/importing.md):
##   make import-wordpress WXR=export.xml [IMPORT_ARGS="--uploads path/to/uploads --language es …"]
WXR ?= export.xml
import-wordpress:
	cargo run -q -p tribuna-tools -- import wordpress $(WXR) --out public/content $(IMPORT_ARGS)

## Start a statement in Markdown (docs/markdown.md): make new SLUG=rent-now-2026
new:
	cargo run -q -p tribuna-tools -- new $(SLUG) --dir markdown --out public/content

## Turn the Markdown statements in markdown/ into statement JSON, then check.
content:
	cargo run -q -p tribuna-tools -- import markdown markdown --out public/content

## Validate every content file and the references between them: every problem
## of every file, each with its field path and what to do.
check:
	cargo run -q -p tribuna-tools -- check public/content

## Benchmarks (docs/benchmarks.md): bundle sizes, throttled cold loads of a
## pre-rendered page against a static floor and the app's takeover, language
## switch, related ranking, Mailbag search, pre-render time over a 2,000-statement
## archive, Lighthouse (installed into target/bench-tools on first use).
## Results: target/bench/results.json.
.PHONY: bench
bench: setup
	$(MAKE) --no-print-directory dist DIST=target/bench-dist
	node bench/run.mjs $(BENCH_ARGS)
