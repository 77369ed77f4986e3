#!/usr/bin/env bash
# Runs the CRM: one process serving the UI, the API and the hub, with a silo inside.
# Without ConnectionStrings__Crm it installs PostgreSQL if needed and starts a private server in
# .crm-data/ (kept between runs). The demo portal is seeded on first start.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/postgres.sh

data=${CRM_DATA_DIR:-$PWD/.crm-data}
web_port=${CRM_PORT:-5080}
mkdir -p "$data"

if [ -z "${ConnectionStrings__Crm:-}" ]; then
  ensure_postgres_installed
  pg_port=${CRM_PG_PORT:-$(private_postgres_port "$data/pg")}
  start_private_postgres "$data/pg" "$pg_port"
  echo "PostgreSQL: private server on 127.0.0.1:$pg_port (data in $data/pg; stop: pg_ctl -D $data/pg/data stop)"
  export ConnectionStrings__Crm="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=crm;Maximum Pool Size=100"
fi

# The demo users' password: chosen once, kept in the data folder, shown at every start.
if [ -z "${Crm__Demo__Password:-}" ]; then
  [ -s "$data/demo-password" ] || head -c 4096 /dev/urandom | tr -dc 'a-km-z2-9' | head -c 12 >"$data/demo-password"
  export Crm__Demo__Password=$(cat "$data/demo-password")
fi
echo "Demo sign-in: admin@demo.local, manager@demo.local or sales@demo.local with password $Crm__Demo__Password"
echo "Open http://127.0.0.1:$web_port once it says 'Now listening'."

exec dotnet run --project src/Crm.Web -c Release -- --urls "http://127.0.0.1:$web_port"
