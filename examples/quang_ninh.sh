#!/usr/bin/env bash
# Build the Quảng Ninh 2025 workspace from vietnamadminunits, with the real polygons and official
# figures from ../shared/data when they are there (else approximated, and labelled so), then check it.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-workspaces/quang-ninh}
QN=../shared/data/quang-ninh
ARGS=()
[ -f "$QN/new_units_2025.geojson" ] && ARGS+=(--new-units "$QN/new_units_2025.geojson")
[ -f "$QN/new_units_2025_attributes.csv" ] && ARGS+=(--attributes "$QN/new_units_2025_attributes.csv")
transition import vn2025 --province "Quảng Ninh" --out "$OUT" "${ARGS[@]}"
transition generate registers "$OUT" --seed 2025
transition check "$OUT"
transition assign "$OUT"
