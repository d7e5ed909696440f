#!/usr/bin/env bash
# The full programme evaluation over the live database (`evaluate --from --to`), timed beside DuckDB computing the same
# aggregates from the same data exported to CSV, in the same run (issue 5, "Performance"; docs/evaluation.md).
# Usage: bash bench/evaluation-live.sh (--sqlite FILE | --postgres "CONNECTION STRING") [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--runs N]
#
# The database is one seeded with `seed --people 1000000 --evaluation` (everyone supported gets contacts and assessments
# at baseline, follow-up and discharge). Per run, in turn:
#   - evaluate --from --to --resamples 0: read the period's people, contacts and scores from the database (de-identified),
#     check them, costs, every outcome with its tests. The like-for-like figure against DuckDB.
#   - DuckDB over the same data exported to CSV (`evaluate --export`, written once before the runs): load the files, then
#     the same aggregates, checked against evaluate's JSON (`OneToOne.Bench duckdb --check`).
#   - evaluate --dataset over the export (the dataset command over the same data as CSV).
# Writes bench/results/<timestamp>-evaluation-live-<provider>.md. bench/results/ is not committed.
set -euo pipefail

PROVIDER=""
CONNECTION=""
FROM="$(date -u -d '5 years ago' +%Y-%m-%d)"
TO="$(date -u +%Y-%m-%d)"
RUNS=3
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sqlite) PROVIDER=Sqlite; CONNECTION="Data Source=$2"; shift 2 ;;
    --postgres) PROVIDER=Postgres; CONNECTION="$2"; shift 2 ;;
    --from) FROM="$2"; shift 2 ;;
    --to) TO="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
[[ -n "$PROVIDER" ]] || { echo "give --sqlite FILE or --postgres CONNECTION" >&2; exit 2; }

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RESULTS="$ROOT/bench/results"
APP="$ROOT/src/OneToOne/bin/Release/net10.0/OneToOne.dll"
TOOL="$ROOT/bench/OneToOne.Bench/bin/Release/net10.0/OneToOne.Bench.dll"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
LABEL="$(tr 'A-Z' 'a-z' <<<"$PROVIDER")"
EXPORT="$RESULTS/evaluation-live-$LABEL-export"
REPORT="$RESULTS/$STAMP-evaluation-live-$LABEL.md"
LOG="$RESULTS/$STAMP-evaluation-live-$LABEL.log"
mkdir -p "$RESULTS"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Testing
export Database__Provider="$PROVIDER" ConnectionStrings__OneToOne="$CONNECTION" Database__MigrateOnStartup=false Database__SeedDemoData=false

echo "Building (Release)..."
dotnet build "$ROOT/src/OneToOne" -c Release -nologo -v q >/dev/null
dotnet build "$ROOT/bench/OneToOne.Bench" -c Release -nologo -v q >/dev/null

TIMES="$(mktemp)"
trap 'rm -f "$TIMES" /tmp/o2o-eval-live-*.json' EXIT
measure() {
  local label="$1"; shift
  local t; t="$(mktemp)"
  echo "== $label: $*" >>"$LOG"
  /usr/bin/time -f "%e %U %S %M" -o "$t" "$@" >>"$LOG" 2>&1 || { echo "FAILED: $label (see $LOG)" >&2; cat "$t" >>"$LOG"; exit 1; }
  echo "$label $(tail -1 "$t")" >>"$TIMES"
  rm -f "$t"
}

echo "Exporting $FROM to $TO from $PROVIDER into $EXPORT..."
rm -rf "$EXPORT"
measure export dotnet "$APP" evaluate --from "$FROM" --to "$TO" --format json --resamples 0 --timings --output /tmp/o2o-eval-live-export.json --export "$EXPORT"
SIZE_MB=$(du -sm "$EXPORT" | cut -f1)
ROWS="people $(($(wc -l <"$EXPORT/people.csv") - 1)), contacts $(($(wc -l <"$EXPORT/contacts.csv") - 1)), responses $(($(wc -l <"$EXPORT/responses.csv") - 1))"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq 1 "$RUNS"); do
  echo "Run $run of $RUNS..."
  measure live dotnet "$APP" evaluate --from "$FROM" --to "$TO" --format json --resamples 0 --timings --output /tmp/o2o-eval-live-0.json
  measure duckdb dotnet "$TOOL" duckdb "$EXPORT" --check /tmp/o2o-eval-live-0.json
  measure dataset dotnet "$APP" evaluate --dataset "$EXPORT" --format json --resamples 0 --timings --output /tmp/o2o-eval-live-ds.json
done
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

stats() {
  awk -v l="$1" -v f="$2" '$1 == l { print $f }' "$TIMES" | sort -g | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f / %.2f", v[1], m }'
}
cpu() {
  awk -v l="$1" '$1 == l { print $3 + $4 }' "$TIMES" | sort -g | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f", m }'
}
rss() { awk -v l="$1" '$1 == l { print $5 }' "$TIMES" | sort -g | tail -1 | awk '{ printf "%d", $1 / 1024 }'; }
min_wall() { awk -v l="$1" '$1 == l { print $2 }' "$TIMES" | sort -g | head -1; }
RATIO=$(awk -v a="$(min_wall live)" -v b="$(min_wall duckdb)" 'BEGIN { printf "%.2f", a / b }')
SAME=$(cmp -s /tmp/o2o-eval-live-0.json /tmp/o2o-eval-live-ds.json && echo "identical" || echo "DIFFERENT")

cat >"$REPORT" <<REPORT_END
# Programme evaluation over the live database ($PROVIDER) beside DuckDB ($STAMP)

- Period: $FROM to $TO; export: $EXPORT ($SIZE_MB MB; $ROWS)
- Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo); load average before $LOAD_BEFORE, after $LOAD_AFTER
- Runs: $RUNS each, in turn; wall seconds as min / median; CPU = user + system seconds of the process (median; for
  PostgreSQL the server's own CPU is not included); RSS = peak

| what | wall s (min / median) | CPU s | peak RSS MB |
|---|---|---|---|
| \`evaluate --from --to --resamples 0\` over the database | $(stats live 2) | $(cpu live) | $(rss live) |
| DuckDB: load the exported CSV files, then the same aggregates | $(stats duckdb 2) | $(cpu duckdb) | $(rss duckdb) |
| \`evaluate --dataset\` over the export | $(stats dataset 2) | $(cpu dataset) | $(rss dataset) |

Live evaluate / DuckDB, best wall times: **${RATIO}x** (target: within 3x). The live and dataset outputs are $SAME.

- \`$(grep '^EVALUATE ' "$LOG" | head -2 | tail -1)\`
- \`$(grep '^DUCKDB ' "$LOG" | tail -1 || true)\`
- \`$(grep '^CHECK ' "$LOG" | tail -1 || true)\`

Raw log: $(basename "$LOG")
REPORT_END
cat "$REPORT"
