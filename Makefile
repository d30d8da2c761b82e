# 免证办 — the two commands of the README: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000
export DEMO_PASSWORD ?= mzb-demo-2026

.PHONY: demo test venv system-deps system-deps-test lint bench

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.txt
	touch $@

venv: $(VENV)/.installed

# Debian packages: the CJK font and HarfBuzz's subsetter for WeasyPrint, poppler for PDF checks.
system-deps:
	@bash scripts/system-deps.sh

system-deps-test:
	@bash scripts/system-deps.sh --test

demo: system-deps venv
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 LOG_LEVEL=WARNING $(PY) manage.py load_demo
	@echo
	@echo "演示账号（密码均为 $$DEMO_PASSWORD）："
	@DEBUG=1 $(PY) manage.py demo_logins
	@echo
	@echo "正在启动：http://$(HOST)/  （Ctrl+C 停止）"
	DEBUG=1 $(PY) manage.py runserver $(HOST)

test: system-deps-test venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# every figure of docs/benchmarks.md (issue 12's table), ~10 minutes; rewrites docs/benchmarks.md
bench: venv
	@bash scripts/system-deps.sh --bench
	$(PY) bench/run_all.py $(BENCH_ARGS)
