#!/usr/bin/env bash
# Runs the benchmarks (`make bench`): builds the release binaries, sets up the Python venv, checks the
# other tools are installed, generates the data set, then runs each benchmark script in Scripts/bench/.
#
# Usage: bash Scripts/bench/run.sh [--install] [BENCHMARK...]     (default: every benchmark in BENCHMARKS)
#   --install / BENCH_INSTALL=1   install missing system tools (dcmtk) with apt-get instead of stopping
#   SLUICE_BENCH_BIN=path         use this sluice-bench binary and skip the build
#   BENCH_SCRATCH_PATH=dir        build in this scratch path (swift build --scratch-path) instead of .build
#   BENCH_RUNS=N                  timed runs per tool (default 5, after one warm-up run)
#   SWIFT, PYTHON                 the swift and python3 to use
# Results: a table on stdout per benchmark, and bench-results/<benchmark>-<time>.json.

set -euo pipefail
cd "$(dirname "$0")/../.."

# One script per benchmark: Scripts/bench/<name>.py, run with the venv's Python.
BENCHMARKS=(headers cstore)
# Benchmarks that read bench-data/mr.zip and bench-data/mr.tar.gz (the import benchmarks).
NEEDS_ARCHIVES=()
PRODUCTS=(sluice-bench sluice)

SWIFT=${SWIFT:-swift}
PYTHON=${PYTHON:-python3}
VENV=.venv
INSTALL=${BENCH_INSTALL:-0}
selected=()
for argument in "$@"; do
    case "$argument" in
        --install) INSTALL=1 ;;
        -h | --help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "run.sh: unknown option $argument" >&2; exit 2 ;;
        *)
            if [[ " ${BENCHMARKS[*]} " != *" $argument "* ]]; then
                echo "run.sh: no benchmark $argument (there are: ${BENCHMARKS[*]})" >&2
                exit 2
            fi
            selected+=("$argument")
            ;;
    esac
done
[[ ${#selected[@]} -gt 0 ]] || selected=("${BENCHMARKS[@]}")

step() { echo "--- $*" >&2; }

# Release build (benchmarks of debug builds mean nothing).
if [[ -z "${SLUICE_BENCH_BIN:-}" ]]; then
    scratch=()
    [[ -n "${BENCH_SCRATCH_PATH:-}" ]] && scratch=(--scratch-path "$BENCH_SCRATCH_PATH")
    for product in "${PRODUCTS[@]}"; do
        step "swift build -c release --product $product"
        "$SWIFT" build -c release "${scratch[@]}" --product "$product"
    done
    SLUICE_BENCH_BIN="$("$SWIFT" build -c release "${scratch[@]}" --show-bin-path)/sluice-bench"
fi
export SLUICE_BENCH_BIN

# The venv, as `make venv` makes it (same stamp file): rebuilt when tests/requirements.txt changes.
stamp=$VENV/.requirements-installed
if ! "$VENV/bin/python" -c '' 2>/dev/null || [[ ! -f $stamp || tests/requirements.txt -nt $stamp ]]; then
    step "python venv ($VENV, tests/requirements.txt)"
    "$VENV/bin/python" -c '' 2>/dev/null || { rm -rf "$VENV"; "$PYTHON" -m venv "$VENV"; }
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r tests/requirements.txt
    touch "$stamp"
fi

# dcmtk, the baseline for header reads.
if ! command -v dcmdump >/dev/null; then
    if [[ $INSTALL == 1 ]]; then
        step "apt-get install dcmtk"
        sudo=()
        [[ $(id -u) == 0 ]] || sudo=(sudo)
        "${sudo[@]}" apt-get update -qq
        "${sudo[@]}" apt-get install -y -qq dcmtk
    else
        echo "run.sh: dcmdump (dcmtk) is not installed. Install it (apt-get install dcmtk, or brew install dcmtk)," >&2
        echo "or rerun with --install (or BENCH_INSTALL=1) to have this script install it with apt-get." >&2
        exit 1
    fi
fi

archives=()
for name in "${selected[@]}"; do
    for needing in "${NEEDS_ARCHIVES[@]+"${NEEDS_ARCHIVES[@]}"}"; do
        [[ $name == "$needing" ]] && archives=(--archives)
    done
done
step "data set (Scripts/bench/generate_mr_series.py${archives[*]+ ${archives[*]}})"
"$VENV/bin/python" Scripts/bench/generate_mr_series.py --out bench-data "${archives[@]+"${archives[@]}"}"

for name in "${selected[@]}"; do
    step "benchmark $name (load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime))"
    "$VENV/bin/python" "Scripts/bench/$name.py" --data bench-data/mr --results bench-results
done
