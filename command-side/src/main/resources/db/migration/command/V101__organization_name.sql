-- Organization names are unique across the platform. The organization aggregate cannot know about
-- the others, so creating one claims its name here, in the same transaction as OrganizationCreated.
create table organization_name (
    name            text primary key,
    organization_id text not null unique,
    claimed_at      timestamptz not null default now()
);
