#!/usr/bin/env bash
# The multi-node topology on one machine, from Debian's packages: a private PostgreSQL and Redis on loopback, two
# RefundPortal nodes, and nginx in front with sticky sessions (a Blazor circuit lives in one node) and WebSockets.
# Prints the URL; Ctrl-C stops everything it started and removes its temporary folder.
#   bash deploy/local-cluster.sh [port]        (default 8080)
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${1:-8080}"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/redis-server ] || missing+=(redis-server)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian's ${missing[*]}..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
WORK="$(mktemp -d /tmp/refundportal-cluster.XXXXXX)"
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
PG_PORT="$(free_port)"; REDIS_PORT="$(free_port)"; NODE_A="$(free_port)"; NODE_B="$(free_port)"
pids=()
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cleanup() {
  echo; echo "Stopping the cluster..."
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast stop >/dev/null 2>&1 || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

echo "PostgreSQL on 127.0.0.1:$PG_PORT, Redis on 127.0.0.1:$REDIS_PORT..."
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$WORK"
as_pg "$PG_BIN/initdb" -D "$WORK/pg" -U postgres --auth=trust -E UTF8 >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories=$WORK" start >/dev/null
/usr/bin/redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no >"$WORK/redis.log" 2>&1 &
pids+=($!)

echo "Building the app..."
dotnet build RefundPortal/RefundPortal.csproj -c Release --nologo -v quiet >/dev/null
mkdir -p "$WORK/evidence"
for node in "$NODE_A" "$NODE_B"; do
  ( cd RefundPortal && \
    ASPNETCORE_URLS="http://127.0.0.1:$node" ASPNETCORE_ENVIRONMENT=Development \
    Database__Provider=PostgreSql \
    ConnectionStrings__RefundPortal="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres" \
    ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT" \
    Evidence__Directory="$WORK/evidence" Email__PickupDirectory="$WORK/mail" \
    App__BaseUrl="http://127.0.0.1:$PORT/" ForwardedHeaders__KnownProxies=127.0.0.1 \
    exec dotnet bin/Release/net10.0/RefundPortal.dll ) >"$WORK/node-$node.log" 2>&1 &
  pids+=($!)
done

# Sticky sessions in open-source nginx: a random affinity cookie on the first visit, hashed to pick the node.
cat >"$WORK/nginx.conf" <<CONF
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events {}
http {
  access_log off;
  client_body_temp_path $WORK/nginx-body; proxy_temp_path $WORK/nginx-proxy;
  fastcgi_temp_path $WORK/nginx-fcgi; uwsgi_temp_path $WORK/nginx-uwsgi; scgi_temp_path $WORK/nginx-scgi;
  map \$cookie_rp_node \$affinity { "" \$request_id; default \$cookie_rp_node; }
  map \$http_upgrade \$connection_upgrade { default upgrade; "" close; }
  upstream portal {
    hash \$affinity consistent;
    server 127.0.0.1:$NODE_A;
    server 127.0.0.1:$NODE_B;
  }
  server {
    listen 127.0.0.1:$PORT;
    client_max_body_size 30m;
    location / {
      proxy_pass http://portal;
      proxy_http_version 1.1;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_read_timeout 1h;
      add_header Set-Cookie "rp_node=\$affinity; Path=/; HttpOnly; SameSite=Lax";
    }
  }
}
CONF
for node in "$NODE_A" "$NODE_B"; do
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$node/health/ready" >/dev/null 2>&1 && break
    sleep 1
  done
  curl -fs "http://127.0.0.1:$node/health/ready" >/dev/null || { echo "Node $node did not become ready; see $WORK/node-$node.log"; exit 1; }
done
/usr/sbin/nginx -c "$WORK/nginx.conf" -p "$WORK"
echo
echo "RefundPortal cluster: http://127.0.0.1:$PORT  (nodes on :$NODE_A and :$NODE_B; demo accounts as in README)"
echo "Press Ctrl-C to stop everything."
wait "${pids[@]}"
