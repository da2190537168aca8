# Startlånportalen. `make run` and `make test` are all a newcomer needs (see README).
VENV ?= .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app portal
PYTHON ?= python3

.PHONY: run test test-only install system-deps translations extract-messages migrate lint format bench clean

run: install translations migrate  ## install, migrate, seed demo data, serve on 127.0.0.1:5000
	$(FLASK) seed-demo
	$(FLASK) run --host 127.0.0.1 --port 5000

test: install system-deps translations lint test-only  ## install everything and run the whole suite

test-only:
	$(PY) -m pytest

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	touch $@

# Browser tests drive Debian's chromium (never a downloaded browser).
system-deps:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	  else echo "Install Debian's chromium: sudo apt-get install chromium" >&2; exit 1; fi; }

translations: install
	$(VENV)/bin/pybabel compile -d translations

extract-messages: install  ## refresh messages.pot and the nb/nn/en catalogues
	$(VENV)/bin/pybabel extract -F translations/babel.cfg --no-location --sort-output \
	  --omit-header -k _l -k lazy_gettext -o translations/messages.pot .
	$(VENV)/bin/pybabel update -i translations/messages.pot -d translations --no-location \
	  --omit-header --no-fuzzy-matching

migrate: install
	$(FLASK) db upgrade

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: install
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) instance .pytest_cache
