# Shared by the run and test scripts: make sure Debian's PostgreSQL is installed, and start a
# private server in a folder of our own when asked. Sourced, not run.

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs Debian packages that are missing: apt_ensure <command-to-check> <package>...
apt_ensure() {
  local check=$1; shift
  if ! command -v "$check" >/dev/null 2>&1 && [ ! -x "$check" ]; then
    echo "Installing $* (missing $check)..." >&2
    as_root apt-get update -qq >/dev/null || true
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
  fi
}

pg_bin_dir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

ensure_postgres_installed() {
  if [ -z "$(pg_bin_dir)" ]; then
    apt_ensure /usr/lib/postgresql/none/bin/initdb postgresql
  fi
  # Debian starts a cluster of its own on install; we never use it.
}

port_in_use() {
  (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# private_postgres_port DIR: the port of the private server in DIR, chosen once (55432, or the next
# free one when something else listens there) and kept in DIR/port.
private_postgres_port() {
  local dir=$1 port bin
  bin=$(pg_bin_dir)
  mkdir -p "$dir"
  if [ -s "$dir/port" ]; then
    port=$(cat "$dir/port")
    # Ours and running, or free: keep it. Taken by something else: choose again.
    if [ -f "$dir/data/postmaster.pid" ] || ! port_in_use "$port"; then echo "$port"; return; fi
  fi
  port=55432
  while port_in_use "$port"; do port=$((port + 1)); done
  echo "$port" >"$dir/port"
  echo "$port"
}

# start_private_postgres DIR PORT: initialises DIR on first use, starts the server on 127.0.0.1:PORT
# (socket in DIR), creates database "crm". initdb refuses root, so as root it runs as "postgres".
start_private_postgres() {
  local dir=$1 port=$2 bin
  bin=$(pg_bin_dir)
  local run=()
  if [ "$(id -u)" = 0 ]; then run=(runuser -u postgres --); fi
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    "${run[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; return 1; }
  fi
  if ! "${run[@]}" "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null \
      || { tail -n 20 "$dir/server.log" >&2; return 1; }
  fi
  "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'crm'" | grep -q 1 \
    || "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE crm"
}
