#!/usr/bin/env bash
# Issue 4 (the safety net, Worklists): sourced by bench/run.sh inside run_provider, after the app is up and the demo
# users have signed in. Times the scheduler's passes through the CLI (`dotnet OneToOne.dll jobs run NAME`, a second
# process on the same database, as another node would be), then loads "My work" and the team breaches view.
# Uses run_provider's variables (provider, stamp, dbenv, BIN, RESULTS, worker_cookie) and functions (log, sign_in,
# bench_route, db_query). Writes the pass timings to bench/results/<stamp>-<provider>-safety-net.md.

safety_net_bench() {
  local notes="$RESULTS/$stamp-$provider-safety-net.md"
  {
    echo "# Safety net passes: $provider, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo
    echo "Each pass run once through \`dotnet OneToOne.dll jobs run NAME\` (Release, ASPNETCORE_ENVIRONMENT=Testing), in order."
    echo "The first reconciliation backfills a task for every open episode of the seeded data (the seed bypasses EF, so no"
    echo "interceptor ran); the first breach pass then escalates the backlog; the second of each shows the steady state."
    echo
    echo "| pass | job | result (elapsed inside the pass; counts) |"
    echo "|---|---|---|"
  } >"$notes"

  run_pass() {
    local name=$1 label=$2 line t0
    t0=$(now)
    line=$(cd "$BIN" && env "${dbenv[@]}" ASPNETCORE_ENVIRONMENT=Testing Logging__LogLevel__Default=Warning \
      dotnet OneToOne.dll jobs run "$name" 2>&1 | tail -1)
    log "$provider: $label: $line (process wall $(elapsed "$t0") s)"
    echo "| $label | \`$name\` | ${line#"$name: "} (process wall $(elapsed "$t0") s) |" >>"$notes"
  }
  run_pass work-tasks.reconcile "reconciliation, first (backfills the seed)"
  run_pass work-tasks.breaches "breach pass, first (escalates the backlog)"
  run_pass work-tasks.reconcile "reconciliation, second (nothing missing)"
  run_pass work-tasks.breaches "breach pass, second (incremental: nothing newly due)"

  local open_tasks breached worker_tasks lead_breaches
  open_tasks=$(db_query "SELECT count(*) FROM \"WorkTask\" WHERE \"Status\" = 'Open'")
  breached=$(db_query "SELECT count(*) FROM \"WorkTask\" WHERE \"Status\" = 'Open' AND \"BreachedAt\" IS NOT NULL")
  worker_tasks=$(db_query "SELECT count(*) FROM \"WorkTask\" t JOIN \"Staff\" s ON s.\"Id\" = t.\"AssignedToStaffId\" WHERE s.\"Email\" = 'worker@demo.onetoone.test' AND t.\"Status\" = 'Open'")
  lead_breaches=$(db_query "SELECT count(*) FROM \"WorkTask\" t JOIN \"Staff\" s ON s.\"Id\" = t.\"EscalatedToStaffId\" WHERE s.\"Email\" = 'lead@demo.onetoone.test' AND t.\"Status\" = 'Open'")
  {
    echo
    echo "- Open tasks after the passes: $open_tasks, of which breached: $breached."
    echo "- worker@demo.onetoone.test holds $worker_tasks open tasks (My work lists those due in the next 14 days, 50 per group at most)."
    echo "- lead@demo.onetoone.test has $lead_breaches open breaches escalated (the breaches view lists the 100 most overdue and counts the rest)."
  } >>"$notes"
  log "$provider: safety net: $open_tasks open tasks, $breached breached; worker@ holds $worker_tasks; lead@ has $lead_breaches breaches"

  local lead_cookie
  lead_cookie=$(sign_in "lead@demo.onetoone.test")
  [[ $lead_cookie == SIGNIN_FAILED* ]] && log "$provider: lead sign-in: $lead_cookie"
  bench_route "my work (worker)" "/my-work" "$worker_cookie" "text/html"
  bench_route "my work API (worker)" "/api/v1/my-work" "$worker_cookie" "application/json"
  bench_route "team breaches (lead)" "/team/breaches" "$lead_cookie" "text/html"
  bench_route "team breaches API (lead)" "/api/v1/team/breaches" "$lead_cookie" "application/json"
  log "$provider: safety net pass timings in $notes"
}
