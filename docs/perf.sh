#!/usr/bin/env bash
# docs/perf.sh measures every figure in docs/performance.md and writes the raw output, and
# benchstat's medians of it, to docs/perf/. It takes about 15 minutes on the 2-core machine;
# run it on an otherwise idle machine.
#   COUNT=5   how many times each benchmark runs (benchstat reports the median)
#   OUT=dir   where the results go (default docs/perf)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

count=${COUNT:-5}
out=${OUT:-docs/perf}
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

need() {
    if ! command -v "$1" >/dev/null; then
        echo "perf.sh: $1 is missing: $2" >&2
        exit 1
    fi
}
export PATH="$PATH:$(go env GOPATH)/bin"
need hyperfine "apt-get install hyperfine"
need benchstat "go install golang.org/x/perf/cmd/benchstat@latest"
[[ -x /usr/bin/time ]] || { echo "perf.sh: /usr/bin/time is missing: apt-get install time" >&2; exit 1; }

run() { # name, then the go test arguments
    local name=$1
    shift
    echo "==> $name: go test $*"
    go test "$@" -run '^$' -count "$count" | tee "$out/$name.txt" | grep -E '^(Benchmark|ok|FAIL)' || true
    benchstat "$out/$name.txt" >"$out/$name.stat"
}

{
    echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
    go version
    echo "cpus: $(nproc)"
    grep -m1 'model name' /proc/cpuinfo || true
    free -h | sed -n 2p
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$out/machine.txt"
cat "$out/machine.txt"

# Load: the concurrent split loader against a plain single-threaded BurntSushi decode of
# the same bytes into plain structs, in one run so that the ratio can be read off.
run load ./timeline -bench '^Benchmark(Load|LoadAndIndex|DecodePlain)$' -benchtime 3x -benchmem
# Issue 14's goals in one process: reopen, first events, first search, a reload after one
# edit (their baseline is DecodePlain above); from outside, TLX_LIVE_TIMINGS=5 go test
# -run TestLiveTimings -v . (see docs/performance.md, "Live timelines").
run live ./timeline -bench '^Benchmark(OpenSnapshot|FirstPartial|FirstSearch|ReloadOneEdit)$' -benchtime 2x -benchmem
# Filters and facets of every kind.
run filter ./timeline -bench '^Benchmark(Filter|Facets)$' -benchtime 20x -benchmem
# Export, in memory and to a file with fsync.
run export ./timeline/export -bench '^BenchmarkExport' -benchtime 5x -benchmem
# A keystroke and the frame that shows it; a redraw alone; the first frame.
run ui ./ui -bench '^Benchmark(Keystroke|Redraw|Draw|FirstFrame)$' -benchtime 100x -benchmem
# The bubbles list component holding the same events, for comparison.
run bubbles ./ui -bench '^BenchmarkBubblesList$' -benchtime 5x -benchmem

# Peak memory (maximum resident set size) of one load of a 100,000-event file, against
# the plain decode, each in a fresh process.
echo "==> peak memory"
go run ./timeline/timelinetest/tlxgen -n 100000 -o "$tmp/gen100k.toml"
go test -c -o "$tmp/timeline.test" ./timeline
{
    echo "file: $(wc -c <"$tmp/gen100k.toml") bytes, 100000 events (timelinetest seed 1)"
    echo "mode wall_s user_s sys_s max_rss_kb"
    for i in $(seq "$count"); do
        for mode in load plain; do
            printf '%s ' "$mode"
            TLX_PEAK_FILE=$tmp/gen100k.toml TLX_PEAK_MODE=$mode /usr/bin/time -f '%e %U %S %M' \
                "$tmp/timeline.test" -test.run '^TestPeakMemory$' 2>&1 >/dev/null | tail -1
        done
    done
} | tee "$out/memory.txt"

# Start-up: tlx list on the embedded timeline, the whole process.
echo "==> start-up"
go build -o "$tmp/tlx" .
hyperfine -N --warmup 5 --runs 50 --export-markdown "$out/startup.md" "$tmp/tlx list" | tee "$out/startup.txt"
sed -i "s|$tmp/||g" "$out/startup.md" "$out/startup.txt"

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/machine.txt"
echo "results in $out/"
