#!/usr/bin/env bash
# Every test: unit and HTTP-level integration tests on SQLite and PostgreSQL, and browser journeys
# in Chromium with accessibility checks. Needs PostgreSQL server binaries and Chromium (see README).
set -uo pipefail
cd "$(dirname "$0")"
dotnet build OneToOne.slnx -c Release -nologo -v q || exit 1
log=$(mktemp)
dotnet test OneToOne.slnx -c Release --no-build -nologo -v q --logger "console;verbosity=minimal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# One plain closing line over all test assemblies.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "Tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
