# zongzhi: two commands for a newcomer on a fresh machine.
#   make run   installs everything, builds the demo county, prints the logins and serves http://127.0.0.1:8000
#   make test  lint, migration check, translation check, tests on SQLite and PostgreSQL, browser tests
SHELL := /bin/bash
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PYTHON := $(BIN)/python
MANAGE := $(PYTHON) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := zongzhi.settings
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run install messages migrate demo test lint check-migrations check-translations test-sqlite test-pg \
        test-browser bench loadtest system-deps update-messages verify-assets clean

$(VENV)/.installed: requirements.txt
	@test -n "$(PY)" || { echo "Python 3.11 is needed (python3.11 or python3)."; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

install: $(VENV)/.installed messages

messages: $(VENV)/.installed
	@$(PYTHON) scripts/compile_translations.py

migrate: install
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) build_demo

run: demo
	@$(MANAGE) demo_logins --url http://$(HOST):$(PORT)/
	$(MANAGE) runserver $(HOST):$(PORT)

# --- tests ----------------------------------------------------------------------------------------------
# Debian packages the checks need (gettext for the translation check, Chromium and a CJK font for the
# browser tests, poppler for PDF checks, nginx for the deployment test). Installed when missing and we are root;
# otherwise say how.
system-deps:
	@missing=""; \
	command -v xgettext >/dev/null || missing="$$missing gettext"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	fc-list 2>/dev/null | grep -qi "CJK" || missing="$$missing fonts-noto-cjk"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing:$$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Missing Debian packages:$$missing (sudo apt-get install$$missing)"; fi; \
	fi

lint: install
	$(BIN)/ruff check .

check-migrations: install
	$(MANAGE) makemigrations --check --dry-run

check-translations: install
	$(PYTHON) scripts/check_translations.py

test-sqlite: install
	$(BIN)/pytest -m "not browser" -q

test-pg: install
	@if [ -n "$$ZONGZHI_TEST_PG_URL" ]; then \
	  DATABASE_URL="$$ZONGZHI_TEST_PG_URL" $(BIN)/pytest -m "not browser" -q; \
	elif [ -n "$$CI" ]; then echo "CI needs ZONGZHI_TEST_PG_URL: the PostgreSQL suite must run."; exit 1; \
	else echo "ZONGZHI_TEST_PG_URL is not set: PostgreSQL suite skipped."; fi

test-browser: install
	@if command -v chromium >/dev/null; then \
	  DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -m browser -q; \
	elif [ -n "$$CI" ]; then echo "CI needs Chromium: the browser suite must run."; exit 1; \
	else echo "Chromium is not installed: browser suite skipped (apt-get install chromium)."; fi

test: system-deps lint check-migrations check-translations test-sqlite test-pg test-browser

update-messages: install
	$(PYTHON) scripts/check_translations.py --update

bench: install
	$(PYTHON) scripts/bench.py

# 50 users against gunicorn + PostgreSQL on the demo county, a backup under load, PostgreSQL restarted and a worker
# killed under writes, SQLite under concurrent writers; figures to docs/benchmarks.md. Restarts the local
# PostgreSQL (as root): never part of `make test`.
loadtest: install
	$(PYTHON) scripts/loadtest.py

verify-assets:
	scripts/verify_assets.sh

clean:
	rm -rf $(VENV) var
