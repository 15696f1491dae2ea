#!/usr/bin/env bash
# Crash-consistency loop (Docs/Reliability.md, goal R3): SIGKILLs `sluice serve` ITERATIONS times (default 200) at
# random, seeded moments while 6 clients upload and archive, restarting it and running `sluice verify` after each
# kill, and checking that no acknowledged upload was lost. It runs tests/interop/test_crash_consistency.py with
# more iterations; a failure prints the iteration, the differences and the seed.
#
#   Scripts/reliability/crash_loop.sh [ITERATIONS] [SEED]
#
# Environment: SLUICE_BIN (a built `sluice`; else this builds one in .build-reliability), PYTHON (default
# .venv/bin/python, made from tests/requirements.txt when missing).
set -euo pipefail

cd "$(dirname "$0")/../.."
iterations="${1:-200}"
seed="${2:-$(date +%s)}"

if [[ -z "${SLUICE_BIN:-}" ]]; then
    swift build --scratch-path .build-reliability --product sluice
    SLUICE_BIN="$(swift build --scratch-path .build-reliability --show-bin-path)/sluice"
fi
python="${PYTHON:-.venv/bin/python}"
if [[ ! -x "$python" ]]; then
    python3 -m venv .venv
    .venv/bin/pip install -q -r tests/requirements.txt
    python=.venv/bin/python
fi

echo "crash loop: $iterations iterations, seed $seed, binary $SLUICE_BIN"
started=$(date +%s)
SLUICE_BIN="$SLUICE_BIN" SLUICE_CRASH_ITERATIONS="$iterations" SLUICE_CRASH_SEED="$seed" \
    "$python" -m pytest -q -s -p no:cacheprovider tests/interop/test_crash_consistency.py
echo "crash loop: $iterations iterations passed in $(( $(date +%s) - started )) s (seed $seed)"
