-- The first-start steps already done (organization, admin, templates), so a restart never
-- seeds twice.
create table bootstrap_state (
    step         varchar(100) primary key,
    completed_at timestamptz  not null
);
