-- The dispatcher's own state (a process manager's, not a read model): which agents are connected
-- with what capacity, where each live session is placed, and the agent orders not yet completed.
-- Written only by the single-segment agent-dispatch processor, in its token's transaction.
create table dispatch_agent (
    agent_id            text primary key,
    connection_id       text,
    backend             text not null,
    capacity_sessions   int not null,
    capacity_cpu_millis int not null,
    capacity_memory_mb  int not null,
    connected           boolean not null,
    changed_at          timestamptz not null
);

create table dispatch_session (
    session_id       text primary key,
    organization_id  text not null,
    user_id          text not null,
    status           text not null,
    agent_id         text,
    start_command_id text,
    -- placement is decided here first; the session's own SessionAssigned confirms it
    assigned         boolean not null default false,
    assigned_at      timestamptz,
    waiting_reason   text,
    runs_local       boolean not null,
    runs_container   boolean not null,
    cpu_millis       int not null,
    memory_mb        int not null,
    start_order      text not null,
    created_at       timestamptz not null,
    status_since     timestamptz not null
);
create index dispatch_session_agent_idx on dispatch_session (agent_id) where agent_id is not null;
create index dispatch_session_status_idx on dispatch_session (status, created_at);

create table dispatch_order (
    seq        bigserial primary key,
    command_id text not null unique,
    session_id text not null,
    agent_id   text not null,
    kind       text not null,
    payload    text not null,
    issued_at  timestamptz not null
);
create index dispatch_order_agent_idx on dispatch_order (agent_id, seq);
create index dispatch_order_session_idx on dispatch_order (session_id);
