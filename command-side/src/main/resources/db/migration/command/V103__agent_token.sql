-- Agent tokens: the credential an agent presents at RSocket setup. Only the SHA-256 of the secret
-- is kept (the secret is shown once, when issued); the row is written in the same transaction as
-- AgentTokenIssued / AgentTokenRevoked, so table and event stream never disagree.
create table agent_token (
    token_id     text        primary key,
    name         text        not null,
    -- the first 12 characters of the secret ("ssa_" + 8): tells tokens apart without revealing one
    prefix       text        not null,
    secret_hash  char(64)    not null unique,
    created_at   timestamptz not null,
    created_by   text        not null,
    revoked_at   timestamptz,
    last_used_at timestamptz
);

-- The token list pages oldest first by (created_at, token_id).
create index agent_token_created_idx on agent_token (created_at, token_id);
