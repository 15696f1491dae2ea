#!/usr/bin/env bash
# Runs the benchmarks (`make bench`): builds the release binaries, sets up the Python venv, checks the
# other tools are installed, generates the data set, then runs each benchmark script in Scripts/bench/.
#
# Usage: bash Scripts/bench/run.sh [--install] [BENCHMARK...]     (default: every benchmark in BENCHMARKS)
#   benchmarks: headers cstore imports gradual scaling (Docs/Benchmarks.md says what each measures)
#   --install / BENCH_INSTALL=1   install missing system tools (dcmtk; orthanc, the gradual baseline) with apt-get
#   SLUICE_BENCH_BIN=path         use this sluice-bench binary (sluice beside it) and skip the build
#   BENCH_SCRATCH_PATH=dir        build in this scratch path (swift build --scratch-path) instead of .build
#   BENCH_RUNS=N                  timed runs per measurement (default 5; headers adds a warm-up run)
#   BENCH_SIZE=F                  data set F times the default 2,000 files (default 1; bench-data/xF/mr)
#   BENCH_SCALE="1 4 16"          the sizes the scaling benchmark imports (16x: ~4.4 GB of files plus a 3 GB zip)
#   BENCH_SCALE_RUNS=N            runs per size in the scaling benchmark (default 3)
#   BENCH_SCALE_AXIS=studies      grow the data by studies (default) or by instances per series (slow to generate)
#   BENCH_ORTHANC_SYNC=1          Orthanc with an fsync per stored file (SyncStorageArea, Orthanc's default; here off)
#   BENCH_WORK=dir                temporary data folders of the servers and baselines (default bench-data/work)
#   SWIFT, PYTHON                 the swift and python3 to use
# Results: a table on stdout per benchmark, and bench-results/<benchmark>-<time>.json.

set -euo pipefail
cd "$(dirname "$0")/../.."

# One script per benchmark: Scripts/bench/<name>.py, run with the venv's Python.
BENCHMARKS=(headers cstore imports gradual scaling)
# Benchmarks that read the data set's mr.zip and mr.tar.gz (the import benchmarks).
NEEDS_ARCHIVES=(imports)
PRODUCTS=(sluice-bench sluice)

SWIFT=${SWIFT:-swift}
PYTHON=${PYTHON:-python3}
VENV=.venv
INSTALL=${BENCH_INSTALL:-0}
selected=()
for argument in "$@"; do
    case "$argument" in
        --install) INSTALL=1 ;;
        -h | --help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
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

# dcmtk, the baseline for header reads and C-STORE; unzip, the import baseline; Orthanc, the gradual baseline
# (optional: without it gradual measures Sluice alone).
missing=()
command -v dcmdump >/dev/null || missing+=(dcmtk)
command -v unzip >/dev/null || missing+=(unzip)
[[ $INSTALL == 1 ]] && ! command -v Orthanc >/dev/null && [[ ! -x /usr/sbin/Orthanc ]] && missing+=(orthanc)
if [[ ${#missing[@]} -gt 0 ]]; then
    if [[ $INSTALL == 1 ]]; then
        step "apt-get install ${missing[*]}"
        sudo=()
        [[ $(id -u) == 0 ]] || sudo=(sudo)
        "${sudo[@]}" apt-get update -qq
        # Orthanc's package enables a system service; policy-rc.d (containers) or systemd may start it. The
        # benchmark runs a private Orthanc of its own and never uses that one.
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
    else
        echo "run.sh: ${missing[*]} not installed. Install (apt-get install ${missing[*]}, or brew install dcmtk)," >&2
        echo "or rerun with --install (or BENCH_INSTALL=1) to have this script install it with apt-get." >&2
        exit 1
    fi
fi

archives=()
for name in "${selected[@]}"; do
    for needing in "${NEEDS_ARCHIVES[@]+"${NEEDS_ARCHIVES[@]}"}"; do
        [[ $name == "$needing" ]] && archives=(--zip --tar)
    done
done
step "data set, ${BENCH_SIZE:-1}x (Scripts/bench/data.py${archives[*]+ ${archives[*]}})"
data=$("$VENV/bin/python" Scripts/bench/data.py --out bench-data --factor "${BENCH_SIZE:-1}" \
    "${archives[@]+"${archives[@]}"}")

for name in "${selected[@]}"; do
    step "benchmark $name (load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime))"
    "$VENV/bin/python" "Scripts/bench/$name.py" --data "$data" --results bench-results
done
