-- Read model of the template catalog, fed by the "templates" processing group.
-- Deleted templates keep their row (deleted = true) so that sessions made from them still name
-- them; the API hides them.
create table template_view (
    id                  text        primary key,
    organization_id     text        not null,
    name                text        not null,
    display_name        text,
    description         text,
    category            text,
    tags                text[]      not null default '{}',
    icon_url            text,
    image               text,
    command             text[]      not null default '{}',
    cpu_millis          integer     not null,
    memory_mb           integer     not null,
    vnc_port            integer     not null,
    environment         jsonb       not null default '{}'::jsonb,
    deleted             boolean     not null default false,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    last_event_sequence bigint      not null
);

create index template_view_org_name_idx on template_view (organization_id, name, id) where not deleted;
create index template_view_org_category_idx on template_view (organization_id, category, name, id) where not deleted;
create index template_view_tags_idx on template_view using gin (tags);
