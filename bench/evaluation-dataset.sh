#!/usr/bin/env bash
# `evaluate --dataset` over a national-size synthetic CSV dataset, timed beside DuckDB computing the same aggregates from
# the same files in the same run (issue 5, "Performance"; docs/evaluation.md).
# Usage: bash bench/evaluation-dataset.sh [--people N] [--runs N] [--resamples N] [--regenerate]
#
# 1. Builds src/OneToOne and bench/OneToOne.Bench in Release.
# 2. Writes bench/results/evaluation-dataset-N/ (people.csv, contacts.csv, responses.csv, unit_costs.csv,
#    instruments.csv: N people, about 4 contacts and 3 responses each; `OneToOne.Bench generate`) unless it exists.
# 3. Runs, --runs times in turn (default 3):
#    - evaluate --resamples 0: read and check every row, costs, every outcome with its tests; no bootstrap. This is the
#      like-for-like figure against DuckDB.
#    - DuckDB (in memory, DuckDB.NET.Data.Full): load the five files into tables, then per-person cost, cost per
#      cohort, paired means and changes (and SD of change) per instrument, cost and effect per cohort
#      (`OneToOne.Bench duckdb`), and compare each figure with evaluate's JSON (--check).
#    - evaluate with the bootstrap (--resamples N, default the configured 2000): the full command.
#    Each under /usr/bin/time (wall, user and system CPU seconds, peak RSS).
# 4. Writes bench/results/<timestamp>-evaluation-dataset.md (and the raw log beside it). bench/results/ is not committed.
set -euo pipefail

PEOPLE=1000000
RUNS=3
RESAMPLES=""
REGENERATE=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --people) PEOPLE="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --resamples) RESAMPLES="$2"; shift 2 ;;
    --regenerate) REGENERATE=1; shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RESULTS="$ROOT/bench/results"
DATA="$RESULTS/evaluation-dataset-$PEOPLE"
APP="$ROOT/src/OneToOne/bin/Release/net10.0/OneToOne.dll"
TOOL="$ROOT/bench/OneToOne.Bench/bin/Release/net10.0/OneToOne.Bench.dll"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
REPORT="$RESULTS/$STAMP-evaluation-dataset.md"
LOG="$RESULTS/$STAMP-evaluation-dataset.log"
mkdir -p "$RESULTS"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 Logging__LogLevel__Default=Warning

echo "Building (Release)..."
dotnet build "$ROOT/src/OneToOne" -c Release -nologo -v q >/dev/null
dotnet build "$ROOT/bench/OneToOne.Bench" -c Release -nologo -v q >/dev/null

if [[ $REGENERATE == 1 || ! -f "$DATA/people.csv" ]]; then
  echo "Generating $PEOPLE people into $DATA..."
  dotnet "$TOOL" generate "$DATA" --people "$PEOPLE" | tee -a "$LOG"
fi
SIZE_MB=$(du -sm "$DATA" | cut -f1)
ROWS="people $(($(wc -l <"$DATA/people.csv") - 1)), contacts $(($(wc -l <"$DATA/contacts.csv") - 1)), responses $(($(wc -l <"$DATA/responses.csv") - 1))"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

TIMES="$(mktemp)"
trap 'rm -f "$TIMES" /tmp/o2o-eval-bench-*.json' EXIT
# measure LABEL COMMAND...: appends "LABEL wall user sys maxrss_kb" to $TIMES and the command's output to the log.
measure() {
  local label="$1"; shift
  local t; t="$(mktemp)"
  echo "== $label: $*" >>"$LOG"
  /usr/bin/time -f "%e %U %S %M" -o "$t" "$@" >>"$LOG" 2>&1 || { echo "FAILED: $label (see $LOG)" >&2; cat "$t" >>"$LOG"; exit 1; }
  echo "$label $(tail -1 "$t")" >>"$TIMES"
  rm -f "$t"
}

FULL_ARGS=()
[[ -n "$RESAMPLES" ]] && FULL_ARGS=(--resamples "$RESAMPLES")
for run in $(seq 1 "$RUNS"); do
  echo "Run $run of $RUNS..."
  measure evaluate-aggregates dotnet "$APP" evaluate --dataset "$DATA" --format json --resamples 0 --timings --output /tmp/o2o-eval-bench-0.json
  measure duckdb dotnet "$TOOL" duckdb "$DATA" --check /tmp/o2o-eval-bench-0.json
  measure evaluate-full dotnet "$APP" evaluate --dataset "$DATA" --format json --timings "${FULL_ARGS[@]}" --output /tmp/o2o-eval-bench-full.json
done
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

# stats LABEL FIELD: "min / median" of a column of $TIMES (2 wall, 3 user, 4 sys, 5 maxrss).
stats() {
  awk -v l="$1" -v f="$2" '$1 == l { print $f }' "$TIMES" | sort -g | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f / %.2f", v[1], m }'
}
cpu() {
  awk -v l="$1" '$1 == l { print $3 + $4 }' "$TIMES" | sort -g | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f", m }'
}
rss() {
  awk -v l="$1" '$1 == l { print $5 }' "$TIMES" | sort -g | tail -1 | awk '{ printf "%d", $1 / 1024 }'
}
min_wall() { awk -v l="$1" '$1 == l { print $2 }' "$TIMES" | sort -g | head -1; }
RATIO=$(awk -v a="$(min_wall evaluate-aggregates)" -v b="$(min_wall duckdb)" 'BEGIN { printf "%.2f", a / b }')
EVAL_LINE_0="$(grep '^EVALUATE .*resamples=0 ' "$LOG" | tail -1 || true)"
EVAL_LINE_FULL="$(grep '^EVALUATE ' "$LOG" | grep -v 'resamples=0 ' | tail -1 || true)"
DUCK_LINE="$(grep '^DUCKDB ' "$LOG" | tail -1 || true)"
CHECK_LINE="$(grep '^CHECK ' "$LOG" | tail -1 || true)"

cat >"$REPORT" <<EOF
# Evaluation over a CSV dataset: evaluate --dataset beside DuckDB ($STAMP)

- Dataset: $DATA ($SIZE_MB MB; $ROWS)
- Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo); load average before $LOAD_BEFORE, after $LOAD_AFTER
- Runs: $RUNS each, in turn; wall seconds as min / median; CPU = user + system seconds (median); RSS = peak

| what | wall s (min / median) | CPU s | peak RSS MB |
|---|---|---|---|
| \`evaluate --dataset --resamples 0\` (read + check every row, costs, outcomes and tests) | $(stats evaluate-aggregates 2) | $(cpu evaluate-aggregates) | $(rss evaluate-aggregates) |
| DuckDB: load the CSV files, then the same aggregates | $(stats duckdb 2) | $(cpu duckdb) | $(rss duckdb) |
| \`evaluate --dataset\` with the bootstrap ${RESAMPLES:-(configured: 2000 resamples)} | $(stats evaluate-full 2) | $(cpu evaluate-full) | $(rss evaluate-full) |

evaluate (no bootstrap) / DuckDB, best wall times: **${RATIO}x**.

Inside the processes (last run):

- \`$EVAL_LINE_0\`
- \`$EVAL_LINE_FULL\`
- \`$DUCK_LINE\`
- Same figures (DuckDB against evaluate's JSON): \`$CHECK_LINE\`

Raw log: $(basename "$LOG")
EOF
cat "$REPORT"
