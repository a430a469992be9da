-- Read model of agents and their connection history, fed by the "agents" processing group.
-- last_event_sequence is the agent aggregate's sequence number of the last event applied:
-- only newer events change a row, so a redelivered event changes nothing.
create table agent_view (
    id                   text        primary key,
    backend              text        not null,
    version              text,
    capacity_sessions    integer     not null,
    capacity_cpu_millis  integer     not null,
    capacity_memory_mb   integer     not null,
    state                text        not null,
    token_id             text,
    connection_id        text,
    connected_at         timestamptz,
    disconnected_at      timestamptz,
    disconnect_reason    text,
    updated_at           timestamptz not null,
    last_event_sequence  bigint      not null,
    constraint agent_view_state check (state in ('connected', 'disconnected'))
);

create index agent_view_state_idx on agent_view (state, id);
