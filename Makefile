# The whole developer workflow. `make demo` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
WORKSPACE ?= workspaces/quang-ninh

.PHONY: demo test bench lint install clean smoke templates

$(STAMP): pyproject.toml package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev,bench]"
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	$(BIN)/python -m transition.io.dashboard > /dev/null
	touch $(STAMP)

install: $(STAMP)

# Real polygons and official figures from ../shared/data when it is there; else approximated, labelled so.
QN := ../shared/data/quang-ninh
DEMO_INPUTS := $(if $(wildcard $(QN)/new_units_2025.geojson),--new-units $(QN)/new_units_2025.geojson) \
	$(if $(wildcard $(QN)/new_units_2025_attributes.csv),--attributes $(QN)/new_units_2025_attributes.csv)

AMENDMENTS := $(if $(wildcard ../shared/data/national/amendments_after_2025.csv),--amendments ../shared/data/national/amendments_after_2025.csv)

demo: $(STAMP)
	$(BIN)/transition import vn2025 --province "Quảng Ninh" --out $(WORKSPACE) $(DEMO_INPUTS)
	$(BIN)/transition generate registers $(WORKSPACE) --seed 2025
	$(BIN)/transition check $(WORKSPACE)
	$(BIN)/transition assign $(WORKSPACE)
	$(BIN)/transition standards $(WORKSPACE) --assume-class proxy $(AMENDMENTS)
	$(BIN)/transition draft $(WORKSPACE) --assume-class proxy --exclude-unknown $(AMENDMENTS)
	$(BIN)/transition handover $(WORKSPACE)
	$(BIN)/transition generate status $(WORKSPACE) --seed 2025
	$(BIN)/transition readiness $(WORKSPACE) --date 2025-06-26 || test $$? -eq 1  # exit 1 = no-go
	$(BIN)/transition monitor $(WORKSPACE) --log $(WORKSPACE)/inputs/processing_log.csv
	$(BIN)/transition service-index $(WORKSPACE) --log $(WORKSPACE)/inputs/processing_log.csv --period 2025-08
	$(BIN)/transition generate par-scores $(WORKSPACE) --seed 2025
	$(BIN)/transition par $(WORKSPACE) --period 2025-Q3
	$(BIN)/transition dashboard $(WORKSPACE)
	@echo "Workspace: $(WORKSPACE) (plan/, inputs/ generated registers, results/transition.gpkg opens in QGIS,"
	@echo "  results/report.md, results/assign/, results/units/ one XLSX per new unit,"
	@echo "  documents/ handover minutes, annexes, summaries and the signing register,"
	@echo "  results/readiness/ and results/monitor/: JSON, XLSX, trend.png, bao_cao.docx)"

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benches/run.py

# The .docx templates of templates/docx/, built from the layout profile (reproducible; edit in Word after).
templates: $(STAMP)
	$(BIN)/python -m transition.render.docx_build

lint: $(STAMP)
	$(BIN)/ruff check transition tests benches
	$(BIN)/ruff format --check transition tests benches
	$(BIN)/mypy

clean:
	rm -rf $(VENV) workspaces bench-results.json node_modules templates/dashboard/vendor

# The installed package, not the checkout: build the wheel, install it in a fresh venv, run it elsewhere.
SMOKE := $(abspath build/smoke)
smoke: $(STAMP)
	rm -rf $(SMOKE) && mkdir -p $(SMOKE)
	$(BIN)/pip wheel --quiet --no-deps --wheel-dir $(SMOKE)/dist .
	$(PYTHON) -m venv $(SMOKE)/venv
	$(SMOKE)/venv/bin/pip install --quiet $(SMOKE)/dist/*.whl
	cd $(SMOKE) && venv/bin/transition --version
	cd $(SMOKE) && venv/bin/transition import vn2025 --province 22 --out ws
	cd $(SMOKE) && venv/bin/transition check ws; test $$? -le 1
	test -f $(SMOKE)/ws/results/report.md
