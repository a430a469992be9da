-- Read model of sessions, fed by the "sessions" processing group.
-- last_event_sequence is the session aggregate's sequence number of the last event applied:
-- updates only apply newer events, so a redelivered event changes nothing.
create table session_view (
    id                  text        primary key,
    organization_id     text        not null,
    user_id             text        not null,
    template_id         text        not null,
    template_name       text,
    status              text        not null,
    status_reason       text,
    cpu_millis          integer     not null,
    memory_mb           integer     not null,
    agent_id            text,
    vnc_endpoint        text,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    last_event_sequence bigint      not null
);

-- Lists page newest first by (created_at, id) inside one organization.
create index session_view_org_created_idx on session_view (organization_id, created_at desc, id desc);
create index session_view_org_status_idx on session_view (organization_id, status, created_at desc, id desc);
create index session_view_org_user_idx on session_view (organization_id, user_id, created_at desc, id desc);
