#!/usr/bin/env bash
# Builds the libFuzzer targets (Fuzz/README.md) and runs each for a while, one after the other.
#
#   Scripts/fuzz/run.sh [--seconds N] [--smoke] [--debug] [--jobs N] TARGET... | all
#
#   --seconds N  how long each target runs (default 600; 20 with --smoke)
#   --smoke      CI mode: a throwaway corpus (seeds only, nothing kept), a fixed seed and FUZZ_SMOKE_RUNS inputs
#                per target (default 5000; at most 20 s unless --seconds says otherwise); any crash fails the run
#   --debug      build -Onone instead of release (cheaper to build, slower to run)
#   --jobs N     libFuzzer processes per target (-jobs=N -workers=N; default 1)
#
# Kept between runs: the working corpus in Fuzz/corpus-work/<target>/ (not in git). Findings (crash-*, timeout-*,
# oom-*, slow-unit-*) are copied to Fuzz/crashes/<target>/ and make the script exit 1 after the last target.
# FUZZ_TIMEOUT (default 2) is libFuzzer's -timeout in wall-clock seconds: raise it on a loaded machine, then re-run
# any timeout-* alone to see whether it is real. Each target prints one summary line: executions, corpus size, coverage and CPU seconds.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."

ALL_TARGETS=(FuzzDICOMFile FuzzDICOMDataSet FuzzECAT FuzzArchiveEntries FuzzSessionXML FuzzDestination FuzzPDU)
SWIFT=${SWIFT:-swift}
SCRATCH=${FUZZ_SCRATCH:-.build-fuzz}
seconds=""
smoke=0
configuration=release
jobs=1
targets=()

while (($#)); do
    case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --smoke) smoke=1; shift ;;
    --debug) configuration=debug; shift ;;
    --jobs) jobs=$2; shift 2 ;;
    all) targets+=("${ALL_TARGETS[@]}"); shift ;;
    Fuzz*) targets+=("$1"); shift ;;
    *) echo "usage: $0 [--seconds N] [--smoke] [--debug] [--jobs N] TARGET... | all" >&2; exit 2 ;;
    esac
done
((${#targets[@]})) || { echo "usage: $0 [--seconds N] [--smoke] [--debug] [--jobs N] TARGET... | all" >&2; exit 2; }
[[ -n $seconds ]] || seconds=$((smoke ? 20 : 600))

# Per target: dictionary and longest input.
dictionary() {
    case $1 in
    FuzzDICOMFile | FuzzDICOMDataSet) echo dicom ;;
    FuzzECAT) echo ecat ;;
    FuzzArchiveEntries) echo archive ;;
    FuzzSessionXML) echo xml ;;
    FuzzDestination) echo destination ;;
    FuzzPDU) echo pdu ;;
    esac
}
# FoundationXML leaks a CFString for every XML error it reports (swift-corelibs-foundation, not Sluice code).
extra_flags() {
    case $1 in
    FuzzSessionXML) echo -detect_leaks=0 ;;
    esac
}
# Any -jobs value, even 1, makes libFuzzer fork workers that log to fuzz-<n>.log: pass it only for 2 or more.
parallel_flags() {
    if ((jobs > 1)); then echo "-jobs=$jobs -workers=$jobs"; fi
}
max_length() {
    case $1 in
    FuzzDestination) echo 1024 ;;
    FuzzArchiveEntries) echo 65536 ;;
    *) echo 16384 ;;
    esac
}

# `fuzzer` must come last among --sanitize flags, or the code is built without coverage (Fuzz/README.md).
build_flags=(-c "$configuration" --scratch-path "$SCRATCH" -Xswiftc -sanitize=fuzzer,address --sanitize=fuzzer)
build_start=$SECONDS
for target in "${targets[@]}"; do
    nice -n 15 "$SWIFT" build "${build_flags[@]}" --product "$target" 2>&1 | grep -Ev '^\[|warning: |^ +/|Cannot export local symbol' || true
done
bin=$("$SWIFT" build "${build_flags[@]}" --show-bin-path)
echo "--- fuzz build ($configuration): $((SECONDS - build_start)) s"

work=$(mktemp -d "${TMPDIR:-/tmp}/sluice-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
failed=0
# The smoke is repeatable: a fixed seed and a fixed number of inputs (the time limit only caps a slow machine, which
# then runs a prefix of the same inputs), so CI never turns red on a finding that a rerun would not show.
smoke_flags() {
    ((smoke)) && echo "-seed=1 -runs=${FUZZ_SMOKE_RUNS:-5000}"
}

for target in "${targets[@]}"; do
    [[ -x $bin/$target ]] || { echo "FAIL $target: $bin/$target was not built"; failed=1; continue; }
    if ((smoke)); then corpus=$work/corpus/$target; else corpus=Fuzz/corpus-work/$target; fi
    mkdir -p "$corpus" "$work/artifacts/$target"
    log=$work/$target.log
    start=$SECONDS
    cpu_before=$(awk '{print $14 + $15 + $16 + $17}' /proc/$$/stat)
    status=0
    asan_options=""
    [[ $target == FuzzSessionXML ]] && asan_options=detect_leaks=0  # the FoundationXML leak, also at exit
    ASAN_OPTIONS=$asan_options SWIFT_BACKTRACE=enable=no nice -n 15 "$bin/$target" "$corpus" "Fuzz/seeds/$target" \
        -dict="Fuzz/dictionaries/$(dictionary "$target").dict" -max_len="$(max_length "$target")" \
        -timeout="${FUZZ_TIMEOUT:-2}" -rss_limit_mb=2048 -max_total_time="$seconds" -print_final_stats=1 \
        -artifact_prefix="$work/artifacts/$target/" $(extra_flags "$target") $(parallel_flags) $(smoke_flags) \
        >"$log" 2>&1 || status=$?
    # With -jobs, libFuzzer writes each job's log to fuzz-<n>.log in the current folder.
    if ((jobs > 1)); then cat fuzz-*.log >>"$log" 2>/dev/null || true; rm -f fuzz-*.log; fi
    cpu_after=$(awk '{print $14 + $15 + $16 + $17}' /proc/$$/stat)
    ticks=$(getconf CLK_TCK)
    cpu=$(((cpu_after - cpu_before) / ticks))
    loaded=$(grep -m1 -o 'Loaded 1 modules *([0-9]* inline 8-bit counters)' "$log" || true)
    runs=$( (grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" || true) | awk '{s += $2} END {print s + 0}')
    coverage=$( (grep -Eo '(DONE|pulse|NEW|REDUCE|INITED)[[:space:]]+cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$log" || true) |
        tail -1 | sed -E 's/^[A-Z]+[[:space:]]+//')
    artifacts=("$work/artifacts/$target"/*)
    if [[ -e ${artifacts[0]} ]]; then
        mkdir -p "Fuzz/crashes/$target"
        cp "${artifacts[@]}" "Fuzz/crashes/$target/"
        echo "FAIL $target: ${#artifacts[@]} finding(s) copied to Fuzz/crashes/$target/"
        grep -E 'Fatal error|ERROR: |SUMMARY: |deadly signal|timeout after' "$log" | head -5 | sed 's/^/    /'
        failed=1
    elif [[ -z $loaded || $loaded == *"(0 inline"* ]]; then
        echo "FAIL $target: not instrumented for coverage ($(grep -m1 'INFO: Loaded' "$log" || echo 'no INFO line'))"
        failed=1
    elif ((status != 0)); then
        echo "FAIL $target: libFuzzer exited with status $status"
        tail -5 "$log" | sed 's/^/    /'
        failed=1
    else
        echo "ok   $target: $runs runs in $((SECONDS - start)) s, ${cpu} s CPU, $coverage, $loaded"
    fi
done
exit "$failed"
