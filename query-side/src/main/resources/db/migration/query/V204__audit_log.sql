-- Every event of every type with who caused it, fed by the "audit" processing group.
-- global_index is the event's position in the event store, so a redelivered event maps to the
-- same row (insert ... on conflict do nothing) and the log pages newest first by it.
create table audit_log (
    global_index          bigint      primary key,
    event_id              text        not null,
    event_type            text        not null,
    aggregate_type        text,
    resource_id           text,
    aggregate_sequence    bigint,
    organization_id       text,
    actor_id              text,
    actor_organization_id text,
    request_id            text,
    client_ip             text,
    user_agent            text,
    occurred_at           timestamptz not null,
    payload               jsonb       not null
);

create index audit_log_org_idx on audit_log (organization_id, global_index desc);
create index audit_log_org_time_idx on audit_log (organization_id, occurred_at);
create index audit_log_actor_idx on audit_log (actor_id, global_index desc);
create index audit_log_resource_idx on audit_log (resource_id, global_index desc);
create index audit_log_type_idx on audit_log (event_type, global_index desc);
create index audit_log_time_idx on audit_log (occurred_at);
