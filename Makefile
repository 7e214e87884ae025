# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SHARED ?= ../shared

.PHONY: install demo test lint format eval bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test]"
	touch $@

install: $(BIN)/.installed

demo: install
	$(BIN)/flashpoint run examples/articles/

lint: install
	$(BIN)/ruff check flashpoint tests scripts
	$(BIN)/ruff format --check flashpoint tests scripts

format: install
	$(BIN)/ruff format flashpoint tests scripts
	$(BIN)/ruff check --fix flashpoint tests scripts

test: install lint
	$(BIN)/pytest -q
	$(BIN)/python scripts/eval_gate.py --shared $(SHARED)

eval: install
	$(BIN)/python scripts/eval_gate.py --shared $(SHARED) --report

bench: install
	$(BIN)/flashpoint bench examples/articles/

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache flashpoint.db
