#!/usr/bin/env bash
# What the event store's audit indexes (ADR 0019) cost an append: pgbench inserts one event-shaped row per
# transaction into four copies of domain_event_entry (Axon's three indexes only; all of ADR 0019's; without the
# event type's B-tree; without the time's block range index), three rounds of 10 s each, 8 clients,
# synchronous_commit off so that the CPU, not the disk, sets the rate. Prints transactions per second.
#
# usage: bench/scripts/event-store-audit-indexes.sh PG_BIN_DIR
#   PG_BIN_DIR: a PostgreSQL's bin directory (initdb, pg_ctl, postgres), e.g. the embedded one the server
#   unpacks under its data directory: ~/.streamspace/postgres/bin/PG-*/bin. Needs pgbench and psql.
#   Runs as root through the user nobody (PostgreSQL refuses root). Port: 55432.
set -euo pipefail
[ $# -eq 1 ] || { sed -n 2,10p "$0"; exit 2; }
B=$1; D=$(mktemp -d /tmp/audit-indexes.XXXXXX); P=55432
trap 'su nobody -s /bin/bash -c "$B/pg_ctl -D $D/data stop -m fast" >/dev/null 2>&1 || true; rm -rf "$D"' EXIT
trap 'exit 130' INT TERM
chown -R nobody "$D"
su nobody -s /bin/bash -c "$B/initdb -D $D/data -U postgres -A trust >/dev/null"
su nobody -s /bin/bash -c "$B/pg_ctl -D $D/data -o '-p $P -c shared_buffers=256MB -c synchronous_commit=off -c unix_socket_directories=$D -c listen_addresses=localhost' -l $D/log start >/dev/null"
sleep 2
U="postgresql://postgres@localhost:$P/postgres"
base="global_index bigserial primary key, event_identifier varchar(255) not null unique, meta_data bytea, payload bytea not null,
  payload_revision varchar(255), payload_type varchar(255) not null, time_stamp varchar(255) not null,
  aggregate_identifier varchar(255) not null, sequence_number bigint not null, type varchar(255),
  event_type text, organization_id text, actor_id text, resource_id text, occurred_at timestamptz,
  unique (aggregate_identifier, sequence_number)"
for t in base all notype nobrin; do psql -q "$U" -c "create table ev_$t ($base)"; done
for t in all notype nobrin; do
  psql -q "$U" -c "create index on ev_$t (organization_id, global_index) where organization_id is not null" \
    -c "create index on ev_$t (actor_id, global_index) where actor_id is not null" \
    -c "create index on ev_$t (resource_id, global_index) where resource_id is not null"
done
psql -q "$U" -c "create index on ev_all (event_type, global_index)" -c "create index on ev_nobrin (event_type, global_index)"
psql -q "$U" -c "create index on ev_all using brin (occurred_at) with (autosummarize = on)" -c "create index on ev_notype using brin (occurred_at) with (autosummarize = on)"
for t in base all notype nobrin; do
cat > $D/$t.sql <<SQL
\set org random(1, 16)
\set kind random(1, 3)
insert into ev_$t (event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp,
  aggregate_identifier, sequence_number, type, event_type, organization_id, actor_id, resource_id, occurred_at)
values (md5(random()::text), convert_to(repeat('m', 220), 'UTF8'), convert_to(repeat('p', 640), 'UTF8'), '3',
  'io.streamspace.events.session.SessionCreated', '2026-11-28T12:00:00.000Z', md5(random()::text), 0, 'Session',
  'Type' || :kind, 'org-' || :org, 'actor-' || :org, null, now());
SQL
done
for round in 1 2 3; do
  for t in base all notype nobrin; do
    tps=$(pgbench -n -M prepared -c 8 -j 2 -T 10 -f $D/$t.sql "$U" 2>/dev/null | awk '/^tps/ {print int($3)}')
    echo "round $round $t $tps"
  done
done
