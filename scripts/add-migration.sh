#!/usr/bin/env bash
# Adds a migration named $1 to BOTH migration sets (SQLite and PostgreSQL), then points the
# generated files at each project's marker type so the projects need no reference to the app
# (docs/adr/0003-two-migration-sets.md). Usage: scripts/add-migration.sh AddReferrals
set -euo pipefail
name="${1:?usage: scripts/add-migration.sh MigrationName}"
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet build src/OneToOne -v q -nologo >/dev/null
for provider in Sqlite Postgres; do
  project="src/OneToOne.Migrations.$provider"
  connection=""
  [ "$provider" = Postgres ] && connection="Host=localhost;Database=design_time"
  Database__Provider=$provider ConnectionStrings__OneToOne="$connection" \
    dotnet ef migrations add "$name" --no-build --project "$project" --startup-project src/OneToOne \
      --context OneToOneDb --output-dir Migrations >/dev/null
  for f in "$project"/Migrations/*.cs; do
    sed -i -e "s/\[DbContext(typeof(OneToOneDb))\]/[DbContext(typeof(${provider}MigrationsMarker))]/" \
           -e "s/\[DbContext(typeof(OneToOne\.Platform\.Data\.OneToOneDb))\]/[DbContext(typeof(${provider}MigrationsMarker))]/" \
           -e "/^using OneToOne\.Platform\.Data;$/d" "$f"
  done
  echo "Added $name to $project"
done
dotnet build src/OneToOne -v q -nologo >/dev/null && echo "Both migration sets build."
