-- Failed password logins per username and per client address, shared by every replica: after too
-- many failures in a window the subject is locked for a while, longer after each lockout.
-- subject is 'user:<username, lower case>' or 'ip:<address>'.
create table login_throttle (
    subject           text        primary key,
    failures          integer     not null,
    window_started_at timestamptz not null,
    locked_until      timestamptz,
    lockouts          integer     not null default 0,
    updated_at        timestamptz not null
);

-- the sweeper forgets subjects nobody has tried for a day
create index login_throttle_updated_idx on login_throttle (updated_at);
