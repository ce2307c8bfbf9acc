# Samordna: `make run` serves the demo, `make test` runs everything CI runs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SQLITE_TEST_URL := sqlite:///$(CURDIR)/var/test.sqlite3
PYTEST_ARGS ?=

.PHONY: install run test lint migrations-check deploy-check pytest-sqlite pytest-postgres clean

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt scripts/install-system-packages.sh
	./scripts/install-system-packages.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-dev.txt
	mkdir -p var
	touch $@

run: install
	env -u DATABASE_URL $(BIN)/python manage.py migrate --noinput -v0
	env -u DATABASE_URL $(BIN)/python manage.py load_demo
	@echo "Samordna körs på http://127.0.0.1:8000/ (avsluta med Ctrl+C)"
	@# The background jobs' worker (huey, its queue in var/jobs.sqlite3) runs beside the server
	@# and stops with it.
	env -u DATABASE_URL sh -c '$(BIN)/python manage.py run_huey \
	  --quiet > var/worker.log 2>&1 & worker=$$!; trap "kill $$worker" EXIT INT TERM; \
	  $(BIN)/python manage.py runserver 127.0.0.1:8000'

test: install lint migrations-check deploy-check pytest-sqlite pytest-postgres

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy .

migrations-check:
	DATABASE_URL=$(SQLITE_TEST_URL) $(BIN)/python manage.py makemigrations --check --dry-run

# A production configuration must pass Django's deployment checks with no warnings.
deploy-check:
	DEBUG=0 SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
	  ALLOWED_HOSTS=samordna.example.se DATABASE_URL=$(SQLITE_TEST_URL) \
	  $(BIN)/python manage.py check --deploy --fail-level WARNING

pytest-sqlite:
	DATABASE_URL=$(SQLITE_TEST_URL) $(BIN)/python -m pytest -n 2 -q $(PYTEST_ARGS)

# The same suite on PostgreSQL when DATABASE_URL points to one (CI sets it).
pytest-postgres:
	@case "$$DATABASE_URL" in \
	  postgres*) $(BIN)/python -m pytest -n 2 -q $(PYTEST_ARGS) ;; \
	  *) echo "DATABASE_URL pekar inte på PostgreSQL: hoppar över PostgreSQL-körningen." ;; \
	esac

clean:
	rm -rf $(VENV) var staticfiles
