-- Accounts of people who log in with a password (the standalone login). Owned by the command side:
-- written in the same transaction as the organization's MemberAdded/MemberRoleChanged events.
-- The identity side's login reads these columns by name.
create table user_account (
    user_id         text primary key,
    organization_id text not null,
    username        text not null unique,
    password_hash   text not null,
    role            text not null,
    disabled        boolean not null default false,
    created_at      timestamptz not null default now()
);
