#!/usr/bin/env bash
# OneToOne benchmark: build Release, seed (or reuse) a database, start the app on plain HTTP,
# sign in as demo users, load the hot routes with wrk, time an Open Referral UK import, and write
# bench/results/<timestamp>-<provider>.md.
# Usage: bash bench/run.sh [--provider sqlite|postgres|both] [--people N] [--history N] [--reseed] [--duration SECONDS] [--no-import]
#        [--connections N] [--threads N]   (default 16 and 2: saturating load; 2 and 1 measure latency at a realistic load)
set -euo pipefail

PROVIDER=sqlite
PEOPLE=1000000
RESEED=0
DURATION=12
WARMUP=3
THREADS=2
CONNECTIONS=16
IMPORT=1
HISTORY=""          # seed's default: a tenth of the demo organisation's people, at most 2,000
HSDS_SERVICES=10000
while [[ $# -gt 0 ]]; do
  case "$1" in
    --provider) PROVIDER="$2"; shift 2 ;;
    --people) PEOPLE="$2"; shift 2 ;;
    --reseed) RESEED=1; shift ;;
    --duration) DURATION="$2"; shift 2 ;;
    --no-import) IMPORT=0; shift ;;
    --history) HISTORY="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
case "$PROVIDER" in sqlite|postgres) PROVIDERS=("$PROVIDER") ;; both) PROVIDERS=(sqlite postgres) ;;
  *) echo "--provider must be sqlite, postgres or both" >&2; exit 2 ;; esac

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RESULTS="$ROOT/bench/results"
BIN="$ROOT/src/OneToOne/bin/Release/net10.0"
LUA="$ROOT/bench/wrk/report.lua"
SUBMIT_LUA="$ROOT/bench/wrk/assessment.lua"
PGDATA_DIR="${BENCH_PGDATA:-/tmp/onetoone-bench-pg}"
PASSWORD="${BENCH_PASSWORD:-Demo-OneToOne-2026}"   # DemoData.DefaultPassword
mkdir -p "$RESULTS"

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
need() { command -v "$1" >/dev/null 2>&1 || { echo "missing tool: $1 ($2)" >&2; exit 1; }; }
need dotnet "install the .NET 10 SDK"
need curl "apt-get install -y curl"
need wrk "apt-get install -y wrk"

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { local p=$1; while ! port_free "$p"; do p=$((p + 1)); done; echo "$p"; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# CPU time (ms) used so far by a process (utime + stime), and by a PostgreSQL cluster's server processes.
# CPU per request does not depend on what else the machine is running, unlike latency: compare runs with it.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.0f", ($14 + $15) * 1000 / hz }' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_cpu_ms() {
  local pm; pm=$(head -1 "$PGDATA_DIR/postmaster.pid" 2>/dev/null) || { echo 0; return; }
  local total=0 p
  for p in $pm $(pgrep -P "$pm" 2>/dev/null); do total=$((total + $(cpu_ms "$p"))); done
  echo "$total"
}

APP_PID=""
PG_STARTED=0
cleanup() {
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; fi
  if [[ $PG_STARTED == 1 ]]; then pg_as "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m fast stop >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

log "building Release"
BUILD_START=$(now)
dotnet build "$ROOT/src/OneToOne/OneToOne.csproj" -c Release -nologo -v q >/dev/null
log "built in $(elapsed "$BUILD_START") s"

# ---------- PostgreSQL: a throwaway cluster (shared/TOOLCHAIN.md), kept between runs so a seeded database is reused ----------
PGBIN=""
pg_as() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
start_postgres() {
  PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  [[ -x "$PGBIN/initdb" ]] || { echo "PostgreSQL not found: apt-get install -y postgresql" >&2; exit 1; }
  PG_PORT=$(free_port 55440)
  if [[ ! -f "$PGDATA_DIR/PG_VERSION" ]]; then
    log "initdb $PGDATA_DIR"
    mkdir -p "$PGDATA_DIR"
    [[ $(id -u) == 0 ]] && chown postgres "$PGDATA_DIR"
    pg_as "$PGBIN/initdb" -D "$PGDATA_DIR" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  fi
  pg_as "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m fast stop >/dev/null 2>&1 || true
  # fsync off: a benchmark cluster, rebuilt from the seed if lost. shared_buffers sized for a 1M-person dataset.
  pg_as "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -w -l "$PGDATA_DIR/server.log" \
    -o "-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c shared_buffers=512MB -c max_wal_size=4GB -c max_connections=200" start >/dev/null
  PG_STARTED=1
  log "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on port $PG_PORT"
}
psql_q() { "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$1" -tAq -c "$2"; }

# ---------- per provider ----------
run_provider() {
  local provider=$1 stamp; stamp=$(date +%Y%m%d-%H%M%S)
  local out="$RESULTS/$stamp-$provider.md" applog="$RESULTS/$stamp-$provider-app.log" seedlog="$RESULTS/$stamp-$provider-seed.log"
  local -a dbenv
  local seed_note="reused an existing seeded database" seed_seconds="-" accepted_sql history_sql pool_sql
  accepted_sql="SELECT r.\"Id\" FROM \"Referrals\" r JOIN \"Organisations\" o ON o.\"Id\" = r.\"OrganisationId\" WHERE o.\"OdsCode\" = 'Y0A01' AND r.\"Status\" = 1 ORDER BY r.\"ReceivedOn\" LIMIT 1"
  # People of the demo organisation with five years of history (the seed gives them a care plan), and others for the submit cycle.
  history_sql="SELECT c.\"PersonId\" FROM \"CarePlans\" c JOIN \"Organisations\" o ON o.\"Id\" = c.\"OrganisationId\" WHERE o.\"OdsCode\" = 'Y0A01' ORDER BY c.\"PersonId\" LIMIT 200"
  pool_sql="SELECT p.\"Id\" FROM \"People\" p JOIN \"Organisations\" o ON o.\"Id\" = p.\"OrganisationId\" WHERE o.\"OdsCode\" = 'Y0A01' AND NOT EXISTS (SELECT 1 FROM \"CarePlans\" c WHERE c.\"PersonId\" = p.\"Id\") ORDER BY p.\"NhsNumber\" LIMIT 2000"

  if [[ $provider == sqlite ]]; then
    need sqlite3 "apt-get install -y sqlite3"
    local dir="$RESULTS/sqlite-$PEOPLE" db
    db="$dir/onetoone.db"
    dbenv=(Database__Provider=Sqlite "ConnectionStrings__OneToOne=Data Source=$db")
    local have=""
    [[ -f "$db" ]] && have=$(sqlite3 "$db" 'SELECT count(*) FROM People' 2>/dev/null || true)
    if [[ $RESEED == 1 || "$have" != "$PEOPLE" ]]; then
      rm -rf "$dir"; mkdir -p "$dir"
      seed_note="seeded now"
    fi
    db_query() { sqlite3 "$db" "$1"; }
  else
    [[ -z "$PGBIN" ]] && start_postgres
    local dbname="onetoone_bench_$PEOPLE"
    # BENCH_PG_CONNECTION_EXTRA is appended to the connection string, e.g. "Max Auto Prepare=0" to measure without the
    # automatic preparation the app turns on by default (DataModule.PostgresConnectionString).
    dbenv=(Database__Provider=Postgres "ConnectionStrings__OneToOne=Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$dbname;Maximum Pool Size=100${BENCH_PG_CONNECTION_EXTRA:+;$BENCH_PG_CONNECTION_EXTRA}")
    local have=""
    have=$(psql_q "$dbname" 'SELECT count(*) FROM "People"' 2>/dev/null || true)
    if [[ $RESEED == 1 || "$have" != "$PEOPLE" ]]; then
      psql_q postgres "DROP DATABASE IF EXISTS $dbname" >/dev/null
      psql_q postgres "CREATE DATABASE $dbname" >/dev/null
      seed_note="seeded now"
    fi
    db_query() { psql_q "$dbname" "$1"; }
  fi

  if [[ $seed_note == "seeded now" ]]; then
    log "$provider: seeding $PEOPLE people (log: $seedlog)"
    local t0; t0=$(now)
    (cd "$BIN" && env "${dbenv[@]}" ASPNETCORE_ENVIRONMENT=Testing Logging__LogLevel__Default=Warning \
      dotnet OneToOne.dll seed --people "$PEOPLE" ${HISTORY:+--history "$HISTORY"}) >"$seedlog" 2>&1 || { cat "$seedlog" >&2; exit 1; }
    seed_seconds=$(elapsed "$t0")
    log "$provider: seeded in $seed_seconds s: $(tail -1 "$seedlog")"
    (cd "$BIN" && env "${dbenv[@]}" ASPNETCORE_ENVIRONMENT=Testing Logging__LogLevel__Default=Warning \
      dotnet OneToOne.dll audit verify) >>"$seedlog" 2>&1 || { log "$provider: audit verify FAILED"; }
  fi

  # Optional SQL run before the load, e.g. to try an index the migrations do not have yet:
  # BENCH_EXTRA_SQL_SQLITE / BENCH_EXTRA_SQL_POSTGRES (the results file records it).
  local extra_sql=""
  if [[ $provider == sqlite ]]; then extra_sql="${BENCH_EXTRA_SQL_SQLITE:-}"; else extra_sql="${BENCH_EXTRA_SQL_POSTGRES:-}"; fi
  if [[ -n "$extra_sql" ]]; then
    log "$provider: extra SQL before the load: $extra_sql"
    local t1; t1=$(now)
    db_query "$extra_sql" >/dev/null
    log "$provider: extra SQL took $(elapsed "$t1") s"
  fi

  local app_port; app_port=$(free_port 5600)
  local base="http://127.0.0.1:$app_port"
  log "$provider: starting the app on $base (log: $applog)"
  (cd "$BIN" && exec env "${dbenv[@]}" ASPNETCORE_ENVIRONMENT=Testing ASPNETCORE_URLS="$base" \
    Logging__LogLevel__Default=Warning Logging__LogLevel__Microsoft.AspNetCore=Warning \
    Database__MigrateOnStartup=false Database__SeedDemoData=false \
    Security__SignInAttemptsPerMinute=100000 Bench__Enabled=true \
    dotnet OneToOne.dll) >"$applog" 2>&1 &
  APP_PID=$!
  local up=0
  for _ in $(seq 1 120); do
    if curl -fs -o /dev/null "$base/health/live"; then up=1; break; fi
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 0.25
  done
  [[ $up == 1 ]] || { cat "$applog" >&2; echo "app did not start" >&2; exit 1; }
  local rss_start; rss_start=$(awk '/VmRSS/ {print $2}' "/proc/$APP_PID/status")

  # Sign in: GET the form for its antiforgery token and cookie, POST the credentials, keep the cookies.
  sign_in() {
    local email=$1 jar; jar=$(mktemp)
    local html token code
    html=$(curl -s -c "$jar" -b "$jar" "$base/account/sign-in" -w '\n%{http_code}')
    code=${html##*$'\n'}
    if [[ $code != 200 ]]; then echo "SIGNIN_FAILED GET /account/sign-in -> $code"; rm -f "$jar"; return; fi
    token=$(printf '%s' "$html" | grep -o '<input[^>]*__RequestVerificationToken[^>]*>' | head -1 | sed -n 's/.*value="\([^"]*\)".*/\1/p')
    code=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
      --data-urlencode "Input.Email=$email" --data-urlencode "Input.Password=$PASSWORD" \
      --data-urlencode "__RequestVerificationToken=$token" "$base/account/sign-in")
    if ! sed 's/^#HttpOnly_//' "$jar" | awk -F'\t' '$6 == "onetoone" || $6 ~ /^onetooneC[0-9]+$/ {found=1} END {exit !found}'; then echo "SIGNIN_FAILED POST /account/sign-in -> $code, no onetoone cookie"; rm -f "$jar"; return; fi
    # Netscape jar -> Cookie header (HttpOnly cookies are written with a #HttpOnly_ prefix).
    sed -e 's/^#HttpOnly_//' -e '/^#/d' -e '/^$/d' "$jar" | awk -F'\t' '{printf "%s%s=%s", (n++ ? "; " : ""), $6, $7}'
    rm -f "$jar"
  }
  local worker_cookie nurse_cookie
  worker_cookie=$(sign_in "worker@demo.onetoone.test")
  nurse_cookie=$(sign_in "nurse@demo.onetoone.test")
  [[ $worker_cookie == SIGNIN_FAILED* ]] && log "$provider: worker sign-in: $worker_cookie"
  [[ $nurse_cookie == SIGNIN_FAILED* ]] && log "$provider: nurse sign-in: $nurse_cookie"

  local accepted_id; accepted_id=$(db_query "$accepted_sql" | head -1 | tr 'A-Z' 'a-z')
  # The caseload route is only a fair test if the signed-in worker holds a realistic caseload (about 30-40 open people).
  local worker_open
  worker_open=$(db_query "SELECT count(*) FROM \"Referrals\" r JOIN \"Staff\" s ON s.\"Id\" = r.\"KeyWorkerId\" WHERE s.\"Email\" = 'worker@demo.onetoone.test' AND r.\"Status\" IN (4, 5)")
  [[ -n "$accepted_id" ]] || accepted_id="00000000-0000-0000-0000-000000000000"

  # Peak RSS while loaded: sample VmRSS; VmHWM is the lifetime peak.
  local rss_file; rss_file=$(mktemp)
  (while kill -0 "$APP_PID" 2>/dev/null; do awk '/VmRSS/ {print $2}' "/proc/$APP_PID/status" 2>/dev/null; sleep 0.5; done) >"$rss_file" &
  local sampler=$!

  local rows=""
  # bench_route NAME PATH COOKIE ACCEPT [PATHS_FILE]: with a file of paths, wrk walks them (PATH is the first, probed).
  bench_route() {
    local name=$1 path=$2 cookie=$3 accept=$4 paths_file=${5:-}
    if [[ $cookie == SIGNIN_FAILED* ]]; then
      rows+="| $name | \`$path\` | - | - | - | - | - | - | - | - | - | skipped: ${cookie#SIGNIN_FAILED } |"$'\n'; return
    fi
    local -a hdr=(-H "Accept: $accept"); [[ -n "$cookie" ]] && hdr+=(-H "Cookie: $cookie")
    local code; code=$(curl -s -o /dev/null -w '%{http_code}' "${hdr[@]}" "$base$path")
    if [[ $code == 404 ]]; then
      log "$provider: $path -> 404 (route not built yet?)"
      rows+="| $name | \`$path\` | - | - | - | - | - | - | - | - | - | **404: route missing** |"$'\n'; return
    fi
    if [[ ! $code =~ ^2 ]]; then
      # A redirect or error would only measure the redirect: report it instead of loading it.
      local where; where=$(curl -s -o /dev/null -w '%{redirect_url}' "${hdr[@]}" "$base$path")
      log "$provider: $path -> $code ${where:+(to $where)}: not loaded"
      rows+="| $name | \`$path\` | - | - | - | - | - | - | - | - | - | **probe returned $code${where:+ -> ${where#$base}}**: route missing, not anonymous, or sign-in not working |"$'\n'; return
    fi
    WRK_COOKIE="$cookie" WRK_ACCEPT="$accept" WRK_PATHS="$paths_file" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$LUA" "$base$path" >/dev/null 2>&1 || true
    local result cpu0 db0 cpu1 db1
    cpu0=$(cpu_ms "$APP_PID"); db0=0; [[ $provider == postgres ]] && db0=$(pg_cpu_ms)
    result=$(WRK_COOKIE="$cookie" WRK_ACCEPT="$accept" WRK_PATHS="$paths_file" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$LUA" "$base$path" 2>&1 | grep '^RESULT' || true)
    if [[ -z "$result" ]]; then rows+="| $name | \`$path\` | - | - | - | - | - | - | - | - | - | wrk failed |"$'\n'; return; fi
    cpu1=$(cpu_ms "$APP_PID"); db1=0; [[ $provider == postgres ]] && db1=$(pg_cpu_ms)
    local _ rps p50 p95 p99 bad errs total sp50 sp95 sp99 app_cpu db_cpu="-"
    read -r _ rps p50 p95 p99 bad errs total sp50 sp95 sp99 <<<"$result"
    # The warm-up's requests are outside the window; wrk's measured run is the only load between the two readings.
    app_cpu=$(awk -v a="$cpu0" -v b="$cpu1" -v n="$total" 'BEGIN { printf "%.2f", (n > 0 ? (b - a) / n : 0) }')
    [[ $provider == postgres ]] && db_cpu=$(awk -v a="$db0" -v b="$db1" -v n="$total" 'BEGIN { printf "%.2f", (n > 0 ? (b - a) / n : 0) }')
    log "$provider: $name: $rps req/s, p50 $p50 ms, p95 $p95 ms, p99 $p99 ms, server p95 ${sp95:--} ms, app CPU $app_cpu ms/req, db CPU $db_cpu ms/req, non-2xx $bad of $total"
    local spread=""; [[ -n "$paths_file" ]] && spread="$(wc -l <"$paths_file") different paths, e.g. "
    rows+="| $name | $spread\`$path\` | $rps | $p50 | $p95 | $p99 | ${sp50:--} | ${sp95:--} | $app_cpu | $db_cpu | $bad | probe $code; $total requests; socket errors $errs |"$'\n'
  }

  # Submitting an assessment: each wrk connection starts an HNA for a person, saves its answers, submits it (assessment.lua),
  # so every submit is of a fresh response. One connection per thread, as each step needs the previous answer.
  bench_submit() {
    local name=$1 cookie=$2 people_file=$3
    local first; first=$(head -1 "$people_file")
    if [[ $cookie == SIGNIN_FAILED* || -z "$first" ]]; then
      rows+="| $name | \`POST /api/v1/assessments/{id}/submit\` | - | - | - | - | - | - | - | - | - | skipped: ${cookie#SIGNIN_FAILED } no people |"$'\n'; return
    fi
    local code; code=$(curl -s -o /dev/null -w '%{http_code}' -H "Accept: application/json" -H "Cookie: $cookie" "$base/api/v1/people/$first/assessments")
    if [[ ! $code =~ ^2 ]]; then
      log "$provider: GET /api/v1/people/$first/assessments -> $code: submit not loaded"
      rows+="| $name | \`POST /api/v1/assessments/{id}/submit\` | - | - | - | - | - | - | - | - | - | **probe returned $code** |"$'\n'; return
    fi
    WRK_COOKIE="$cookie" WRK_PEOPLE="$people_file" wrk -t"$CONNECTIONS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$SUBMIT_LUA" "$base/" >/dev/null 2>&1 || true
    local wrk_out result cpu0 db0 cpu1 db1
    cpu0=$(cpu_ms "$APP_PID"); db0=0; [[ $provider == postgres ]] && db0=$(pg_cpu_ms)
    wrk_out=$(WRK_COOKIE="$cookie" WRK_PEOPLE="$people_file" wrk -t"$CONNECTIONS" -c"$CONNECTIONS" -d"${DURATION}s" -s "$SUBMIT_LUA" "$base/" 2>&1 || true)
    cpu1=$(cpu_ms "$APP_PID"); db1=0; [[ $provider == postgres ]] && db1=$(pg_cpu_ms)
    result=$(grep '^RESULT' <<<"$wrk_out" || true)
    if [[ -z "$result" ]]; then rows+="| $name | \`POST /api/v1/assessments/{id}/submit\` | - | - | - | - | - | - | - | - | - | wrk failed |"$'\n'; return; fi
    local _ rps p50 p95 p99 bad errs total sp50 sp95 sp99 app_cpu db_cpu="-" steps
    read -r _ rps p50 p95 p99 bad errs total sp50 sp95 sp99 <<<"$result"
    # CPU per submitted assessment covers its whole cycle (start, answers, submit).
    app_cpu=$(awk -v a="$cpu0" -v b="$cpu1" -v n="$total" 'BEGIN { printf "%.2f", (n > 0 ? (b - a) / n : 0) }')
    [[ $provider == postgres ]] && db_cpu=$(awk -v a="$db0" -v b="$db1" -v n="$total" 'BEGIN { printf "%.2f", (n > 0 ? (b - a) / n : 0) }')
    steps=$(grep '^STEP' <<<"$wrk_out" | awk '{ printf "%s%s: %s requests, p95 %s ms, server p95 %s ms", (n++ ? "; " : ""), $2, $3, $5, $7 }')
    log "$provider: $name: $rps submits/s, p95 $p95 ms, server p95 ${sp95:--} ms, app CPU $app_cpu ms/assessment, non-2xx $bad ($steps)"
    rows+="| $name | \`POST /api/v1/assessments/{id}/submit\` after start and answers, $(wc -l <"$people_file") people | $rps | $p50 | $p95 | $p99 | ${sp50:--} | ${sp95:--} | $app_cpu | $db_cpu | $bad | $total assessments submitted; CPU per whole cycle; $steps; socket errors $errs |"$'\n'
  }
  bench_route "plaintext baseline (anonymous)" "/bench/plaintext" "" "text/plain"
  # Exists from day one: a second floor that goes through routing, the health-check middleware and no database.
  bench_route "liveness (anonymous)" "/health/live" "" "text/plain"
  bench_route "caseload (worker)" "/caseload" "$worker_cookie" "text/html"
  bench_route "referral queue (nurse)" "/referrals" "$nurse_cookie" "text/html"
  bench_route "allocation candidates (nurse)" "/api/v1/referrals/$accepted_id/candidates" "$nurse_cookie" "application/json"

  # ---- safety net (issue 4, Worklists): scheduler passes timed through the CLI, then My work and team breaches ----
  # See bench/safety-net.sh; pass timings go to bench/results/<stamp>-<provider>-safety-net.md.
  # shellcheck source=bench/safety-net.sh
  source "$ROOT/bench/safety-net.sh"
  safety_net_bench
  # ---- end safety net ----
  # Issue 3: a person's record with five years of history, the directory search, submitting an assessment.
  local work; work=$(mktemp -d)
  db_query "$history_sql" | tr 'A-Z' 'a-z' | sed 's|^|/people/|' >"$work/records"
  db_query "$pool_sql" | tr 'A-Z' 'a-z' >"$work/people"
  # Concern and district pairs: every concern of the HNA (red flags aside) against districts of many postcode areas.
  local concerns=(pain fatigue sleep eating getting-around memory breathing money work caring transport partner children worry sadness anger loneliness meaning faith diet exercise smoking information)
  local areas=(LS BD SS SO L WV PE NE GL CT CF LL EH DD BT M B S G SW N E W CB OX)
  local i
  for i in $(seq 0 199); do
    printf '/directory?concern=%s&district=%s%d\n' "${concerns[$((i % ${#concerns[@]}))]}" "${areas[$(((i * 7) % ${#areas[@]}))]}" $(((i * 13) % 20 + 1))
  done >"$work/search-page"
  sed 's|^/directory?|/api/v1/services?|' "$work/search-page" >"$work/search-api"
  local history_people; history_people=$(wc -l <"$work/records")
  if [[ $history_people -gt 0 ]]; then
    bench_route "person's record, 5 years of history (worker)" "$(head -1 "$work/records")" "$worker_cookie" "text/html" "$work/records"
  else
    rows+="| person's record, 5 years of history (worker) | \`/people/{id}\` | - | - | - | - | - | - | - | - | - | **no person with history: reseed (--reseed)** |"$'\n'
  fi
  bench_route "directory search page (worker)" "$(head -1 "$work/search-page")" "$worker_cookie" "text/html" "$work/search-page"
  bench_route "directory search API (worker)" "$(head -1 "$work/search-api")" "$worker_cookie" "application/json" "$work/search-api"
  bench_submit "submit an assessment (worker, API)" "$worker_cookie" "$work/people"
  rm -rf "$work"

  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  local peak_rss hwm
  peak_rss=$(sort -n "$rss_file" | tail -1); rm -f "$rss_file"
  hwm=$(awk '/VmHWM/ {print $2}' "/proc/$APP_PID/status")
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""

  # Importing Open Referral UK: the admin upload page's code (HsdsImport) run by `import-hsds`, acting for the demo
  # organisation, with the app stopped. Twice: 10,000 new services, then the same file again (every record an update).
  # The imported services are removed afterwards, so the directory search always runs over the seeded 20,000.
  local import_rows="" hsds_file="$RESULTS/hsds-$HSDS_SERVICES.json"
  local remove_sql="DELETE FROM \"DirectoryServiceCategories\" WHERE \"ServiceId\" IN (SELECT \"Id\" FROM \"DirectoryServices\" WHERE \"ExternalId\" LIKE 'synthetic-hsds-%'); DELETE FROM \"DirectoryServiceAreas\" WHERE \"ServiceId\" IN (SELECT \"Id\" FROM \"DirectoryServices\" WHERE \"ExternalId\" LIKE 'synthetic-hsds-%'); DELETE FROM \"DirectoryServices\" WHERE \"ExternalId\" LIKE 'synthetic-hsds-%'"
  if [[ $IMPORT == 1 ]]; then
    if [[ ! -s "$hsds_file" ]]; then
      (cd "$BIN" && env "${dbenv[@]}" ASPNETCORE_ENVIRONMENT=Testing Logging__LogLevel__Default=Warning \
        dotnet OneToOne.dll hsds-sample "$hsds_file" --services "$HSDS_SERVICES") >&2
    fi
    db_query "$remove_sql" >/dev/null
    local pass import_out t0 wall line
    for pass in "new services" "the same file again (updates)"; do
      t0=$(now)
      import_out=$( (cd "$BIN" && env "${dbenv[@]}" ASPNETCORE_ENVIRONMENT=Testing Logging__LogLevel__Default=Warning \
        dotnet OneToOne.dll import-hsds "$hsds_file" --organisation Y0A01) 2>&1) || { log "$provider: import-hsds failed: $import_out"; break; }
      wall=$(elapsed "$t0")
      line=$(grep '^IMPORT' <<<"$import_out" | tail -1)
      local secs per created updated skipped
      secs=$(sed -n 's/.*seconds=\([^ ]*\).*/\1/p' <<<"$line"); per=$(sed -n 's/.*per_second=\([^ ]*\).*/\1/p' <<<"$line")
      created=$(sed -n 's/.*created=\([^ ]*\).*/\1/p' <<<"$line"); updated=$(sed -n 's/.*updated=\([^ ]*\).*/\1/p' <<<"$line")
      skipped=$(sed -n 's/.*skipped=\([^ ]*\).*/\1/p' <<<"$line")
      log "$provider: import-hsds ($pass): $secs s in the import, $per services/s, $wall s with process start; created $created, updated $updated, skipped $skipped"
      import_rows+="| $pass | $secs | $per | $wall | $created | $updated | $skipped |"$'\n'
    done
    db_query "$remove_sql" >/dev/null
  fi

  local people_rows referral_rows directory_rows history_rows
  people_rows=$(db_query 'SELECT count(*) FROM "People"')
  referral_rows=$(db_query 'SELECT count(*) FROM "Referrals"')
  directory_rows=$(db_query 'SELECT count(*) FROM "DirectoryServices"')
  history_rows=$(db_query "SELECT (SELECT count(*) FROM \"CarePlans\") || ' people with a care plan and history: ' || (SELECT count(*) FROM \"AssessmentResponse\" WHERE \"Status\" = 1) || ' submitted assessments, ' || (SELECT count(*) FROM \"CarePlanVersions\") || ' agreed plan versions, ' || (SELECT count(*) FROM \"Contact\") || ' contacts, ' || (SELECT count(*) FROM \"ServiceReferrals\") || ' service referrals'")
  {
    echo "# OneToOne bench: $provider, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo
    echo "- Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo) RAM; app, database and wrk share the cores."
    echo "- Dataset: $people_rows people, $referral_rows referrals ($seed_note); $history_rows; $directory_rows directory services."
    echo "- Seed: $seed_seconds s wall for \`seed --people $PEOPLE\` (target < 180 s). $( [[ -f $seedlog ]] && grep -h 'Audit trail' "$seedlog" || true)"
    echo "- worker@demo.onetoone.test holds $worker_open open referrals (Allocated or Active): the caseload route lists them all."
    [[ -n "$extra_sql" ]] && echo "- Extra SQL run before the load (not in the migrations): \`$extra_sql\`"
    [[ $provider == postgres && -n "${BENCH_PG_CONNECTION_EXTRA:-}" ]] && echo "- Connection string extra (not the app's default): \`$BENCH_PG_CONNECTION_EXTRA\`"
    echo "- Load: wrk -t$THREADS -c$CONNECTIONS (the assessment submit: -t$CONNECTIONS -c$CONNECTIONS, one connection a thread), ${WARMUP} s warm-up then ${DURATION} s measured per route."
    echo "- Server memory: peak RSS under load $((peak_rss / 1024)) MB, VmHWM $((hwm / 1024)) MB, RSS after start $((rss_start / 1024)) MB (target < 500 MB)."
    echo
    echo "| route | path | req/s | p50 ms | p95 ms | p99 ms | server p50 ms | server p95 ms | app CPU ms/req | db CPU ms/req | non-2xx | notes |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    printf '%s' "$rows"
    echo
    echo "Targets: caseload, referral queue and candidates p95 < 20 ms; person's record and assessment submit server p95 < 50 ms;"
    echo "directory search < 20 ms; compare with the plaintext baseline from the same run."
    echo "p50/p95/p99 are wrk's (client side: loopback and the queue behind the other connections included, so an upper bound);"
    echo "CPU ms/req: the app's (and for PostgreSQL the database server's) CPU time over the measured run divided by its requests;"
    echo "unlike latency it does not depend on what else the machine runs (load average at the end: $(cut -d' ' -f1-3 /proc/loadavg))."
    echo "server p50/p95 come from the app's Server-Timing header (time inside the app to the first byte; \"-\" when the header is not wired)."
    echo "The submit row's latencies are the submit step's alone; its req/s are assessments submitted per second and its CPU is per whole cycle."
    if [[ -n "$import_rows" ]]; then
      echo
      echo "Open Referral UK import of $HSDS_SERVICES services (\`import-hsds\`, the admin upload's code; target < 10 s):"
      echo
      echo "| pass | import s | services/s | wall s with process start | created | updated | skipped |"
      echo "|---|---:|---:|---:|---:|---:|---:|"
      printf '%s' "$import_rows"
    fi
  } >"$out"
  log "$provider: wrote $out"
  cat "$out"
}

for p in "${PROVIDERS[@]}"; do run_provider "$p"; done
