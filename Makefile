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

# Browser tests drive Debian's chromium (never a downloaded browser); WeasyPrint needs Pango.
SYSTEM_PACKAGES := chromium libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
system-deps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing; \
	  else echo "Install these Debian packages: sudo apt-get install $$missing" >&2; exit 1; fi; fi

# The catalogues have no header (smaller diffs), and Babel reads a headerless catalogue as
# fuzzy: --use-fuzzy compiles it anyway. No message itself is ever fuzzy (extract-messages
# runs with --no-fuzzy-matching, and tests/unit/test_translations.py forbids the flag).
translations: install  ## compile the catalogues (.po -> .mo) that the app reads
	$(VENV)/bin/pybabel -q compile --use-fuzzy -d translations

# Refresh messages.pot from the code and templates, merge it into nb/nn/en and copy the English
# msgids into en. Then fill in every empty msgstr in nb and nn (tests/unit/test_translations.py
# fails until you have). tests/unit/test_translations.py reads the -k keywords from here.
extract-messages: install  ## refresh messages.pot and the nb/nn/en catalogues
	$(VENV)/bin/pybabel extract -F translations/babel.cfg --no-location --sort-output --omit-header \
	  --add-comments=TRANSLATORS: -k _l -k lazy_gettext -k lazy_ngettext:1,2 \
	  -o translations/messages.pot .
	for lang in nb nn en; do \
	  $(VENV)/bin/pybabel update -i translations/messages.pot -d translations -l $$lang \
	    --init-missing --omit-header --no-fuzzy-matching --ignore-obsolete || exit 1; \
	done
	$(PY) translations/fill_english.py translations/en/LC_MESSAGES/messages.po

migrate: install
	$(FLASK) db upgrade

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: install
	$(MAKE) system-deps SYSTEM_PACKAGES=wrk
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) instance .pytest_cache
