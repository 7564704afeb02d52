# Newsroom: `make run` serves the site with demo content, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Absolute links (canonicals, feeds, share links, emails) point at the server `make run` starts,
# unless SITE_URL is set (in the environment or as `make run SITE_URL=...`).
SITE_URL ?= http://$(HOST):$(PORT)

.PHONY: run test lint install browser migrate demo bench screenshots clean

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e ".[test]"
	touch $@

install: $(VENV)/.installed

migrate: install
	DEBUG=1 $(PY) manage.py migrate --no-input

demo: migrate
	DEBUG=1 SITE_URL=$(SITE_URL) $(PY) manage.py load_demo_content

run: demo
	DEBUG=1 SITE_URL=$(SITE_URL) $(PY) manage.py runserver $(HOST):$(PORT)

# The browser journeys (tests/e2e) drive Debian's Chromium: installed here when it is missing.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
browser:
	@command -v chromium >/dev/null || { \
	  echo "== Installing Debian's Chromium for the browser journeys (tests/e2e)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

test: install browser
	$(PY) -m ruff check .
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	SECRET_KEY=$${SECRET_KEY:-insecure-key-for-tests-only} $(PY) -m pytest $(PYTEST_ARGS)

# Reader pages under load on generated archives (PostgreSQL; see README, "Performance").
# BENCH_SIZES=1000 for a quick run; BENCH_ARGS="--seconds 5 --workers 8" and so on.
BENCH_SIZES ?= 1000,10000,100000
bench: install
	$(PY) -m pip install --quiet -c requirements.lock -e ".[bench]"
	DEBUG=1 $(PY) manage.py bench --sizes $(BENCH_SIZES) $(BENCH_ARGS)

screenshots: install browser
	SECRET_KEY=$${SECRET_KEY:-insecure-key-for-screenshots-only} $(PY) manage.py screenshots

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
