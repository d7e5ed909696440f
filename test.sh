#!/usr/bin/env bash
# Every test: unit and HTTP-level integration tests on SQLite and PostgreSQL, and browser journeys
# in Chromium with accessibility checks. Needs PostgreSQL server binaries and Chromium (see README).
set -euo pipefail
cd "$(dirname "$0")"
dotnet build OneToOne.slnx -c Release -nologo -v q
dotnet test OneToOne.slnx -c Release --no-build -nologo -v q --logger "console;verbosity=minimal"
