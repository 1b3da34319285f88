# Pathways: the two commands of the README, and what they need.
# `deps` installs LAPACK (liblapack-dev), zlib (zlib1g-dev, for .xlsx workbooks) and pkg-config with apt-get when they are missing,
# using sudo when not root.

SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

.PHONY: run test bench deps golden

deps:
	@dpkg -s liblapack-dev zlib1g-dev pkg-config >/dev/null 2>&1 || { \
	  echo "Installing liblapack-dev, zlib1g-dev and pkg-config with apt-get"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq liblapack-dev zlib1g-dev pkg-config; }

run: deps
	swift run -c release pathways run

test: deps
	swift build
	swift test

bench: deps
	swift run -c release pathways-bench all

# Regenerates the committed outputs of the bundled study (the golden files of CommittedOutputsTests) after a
# change meant to move them; commit them in a commit of their own saying why.
golden: deps
	swift run pathways run Scenarios/linhai-2025 --out Notebooks-out/linhai-2025
