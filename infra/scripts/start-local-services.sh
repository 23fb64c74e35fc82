#!/usr/bin/env bash
# Starts the machine's own Postgres and Redis (Debian packages) when they are down. Used by .ci/run;
# handy on a developer machine of the same kind. `pnpm start` does not need it: with nothing running it
# starts an embedded Postgres and a redis-server under .data/.
set -euo pipefail
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
fi
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
fi
