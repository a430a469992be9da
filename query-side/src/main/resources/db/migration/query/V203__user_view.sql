-- Read model of the members of organizations, fed by the "users" processing group.
-- Members are part of the organization aggregate, so last_event_sequence is that
-- organization's sequence number.
create table user_view (
    id                  text        primary key,
    organization_id     text        not null,
    username            text        not null,
    email               text,
    display_name        text,
    role                text        not null,
    disabled            boolean     not null default false,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    last_event_sequence bigint      not null
);

create index user_view_org_username_idx on user_view (organization_id, username, id);
