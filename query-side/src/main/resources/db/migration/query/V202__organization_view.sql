-- Read model of organizations with their quota and what their live sessions use of it,
-- fed by the "organizations" processing group.
create table organization_view (
    id                  text        primary key,
    name                text        not null,
    display_name        text,
    max_sessions        integer     not null,
    max_cpu_millis      integer     not null,
    max_memory_mb       integer     not null,
    sessions_in_use     integer     not null default 0,
    cpu_in_use          integer     not null default 0,
    memory_in_use       integer     not null default 0,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    last_event_sequence bigint      not null
);

create index organization_view_name_idx on organization_view (name, id);
