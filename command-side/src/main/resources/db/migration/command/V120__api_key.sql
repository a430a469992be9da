-- API keys: credentials people (and their scripts) send instead of a login token. Only the SHA-256
-- of the secret is kept (the secret is shown once, when issued); the row is written in the same
-- transaction as ApiKeyIssued / ApiKeyRevoked, so table and event stream never disagree.
create table api_key (
    key_id          text        primary key,
    organization_id text        not null,
    user_id         text        not null,
    name            text        not null,
    -- "ssk_" + 8 characters: tells keys apart without revealing one
    prefix          text        not null unique,
    secret_hash     char(64)    not null unique,
    -- the highest role the key acts with (never above its owner's current role)
    scope           text        not null,
    created_at      timestamptz not null,
    created_by      text        not null,
    expires_at      timestamptz not null,
    revoked_at      timestamptz,
    last_used_at    timestamptz
);

-- The key list pages oldest first by (created_at, key_id), within an organization or for one user.
create index api_key_org_created_idx on api_key (organization_id, created_at, key_id);
create index api_key_user_created_idx on api_key (user_id, created_at, key_id);
