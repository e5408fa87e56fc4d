# Kilombero ICT Portal. Two commands from a fresh clone: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed

.PHONY: run test install db migrate demo lint messages check-messages clean-venv help bench screenshots

help:
	@echo "make run    - set up (venv, PostgreSQL, migrations, demo data) and serve http://127.0.0.1:8000"
	@echo "make test   - set up, then lint, checks, migrations check and the whole test suite"
	@echo "make messages - refresh the Swahili catalogues from the code and compile them"
	@echo "make screenshots - pictures of the main pages (both languages, desktop and phone) in docs/screenshots/"
	@echo "make bench  - performance run of issue 11 (not part of make test); BENCH_SCALE=0.05 for a quick one"

$(PY):
	@python=""; for candidate in python3 python3.13 python3.12 python3.11; do \
	  if command -v $$candidate >/dev/null 2>&1 && $$candidate -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then \
	    python=$$candidate; break; fi; done; \
	if [ -z "$$python" ]; then echo "Python 3.11 or newer is needed (python3 --version)."; exit 1; fi; \
	echo "[setup] creating $(VENV) with $$python"; $$python -m venv $(VENV)

$(STAMP): requirements.txt | $(PY)
	@echo "[setup] installing requirements"
	@$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $(STAMP)

install: $(STAMP)

db: install
	@$(PY) scripts/ensure_db.py

migrate: db
	@$(MANAGE) migrate --no-input -v 0

demo: migrate
	@$(MANAGE) seed_demo --if-empty

run: demo
	@$(MANAGE) collectstatic --no-input -v 0
	@echo ""
	@echo "  Kilombero ICT Portal: http://127.0.0.1:8000  (English: http://127.0.0.1:8000/en/)"
	@echo "  Demo accounts (password kilombero-demo): ictofficer, technician, hod.health, staff.health,"
	@echo "  staff.finance, manager, auditor. ICT accounts also need a code: $(PY) manage.py demo_totp technician"
	@echo ""
	@$(MANAGE) runserver 127.0.0.1:8000

lint: install
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check .

test: db lint
	@$(MANAGE) check
	@$(MANAGE) makemigrations --check --dry-run
	@$(VENV)/bin/pytest

# The performance harness (bench/): scaled data, gunicorn, django-helpdesk beside it; writes bench/RESULTS.md.
bench: db
	@$(PY) -m bench $(if $(BENCH_SCALE),--scale $(BENCH_SCALE))

# Screenshots for the README, taken in Chromium on a fresh demo council (tests/e2e/test_screenshots.py).
screenshots: db
	@KILOMBERO_SCREENSHOTS=$(CURDIR)/docs/screenshots $(VENV)/bin/pytest tests/e2e/test_screenshots.py -q -p no:cacheprovider
	@echo "Screenshots written to docs/screenshots/"

messages: install
	@$(MANAGE) messages
	@$(PY) scripts/po_compile.py

clean-venv:
	rm -rf $(VENV)
