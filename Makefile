# simwatch — two commands for a new user: `make demo` and `make test`.
# Everything the project needs is installed from here: a virtualenv in .venv, Python packages
# from PyPI, and Debian packages (chromium, CJK fonts, redis-server, poppler-utils) when missing.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
STAMP := $(VENV)/.installed
DEBIAN_PACKAGES := chromium fonts-noto-cjk redis-server poppler-utils
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test bench lint install system-deps clean

demo: install
	$(VENV)/bin/simwatch demo

test: install
	$(PY) -m ruff check .
	$(PY) -m pytest -ra --durations=15

bench: install
	$(PY) -m bench

lint: install
	$(PY) -m ruff check .

install: system-deps $(STAMP)

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PIP) install --quiet -e ".[test,bench]"
	touch $(STAMP)

# Debian's chromium is the browser (never a downloaded build); install only what is missing.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	[ -e /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || missing="$$missing fonts-noto-cjk"; \
	command -v redis-server >/dev/null 2>&1 || missing="$$missing redis-server"; \
	command -v pdftoppm >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:$$missing"; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -q && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	fi

clean:
	rm -rf $(VENV) .simwatch out .pytest_cache .ruff_cache build
