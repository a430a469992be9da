-- Answers to POST requests that carried an Idempotency-Key, so a retried request gets the first
-- answer instead of running twice. Keys are scoped to the caller: two users may pick the same key.
create table idempotency_key (
    user_id               varchar(255)  not null,
    idempotency_key       varchar(255)  not null,
    request_method        varchar(16)   not null,
    request_path          varchar(2048) not null,
    request_body_sha256   char(64)      not null,
    -- 'in_progress' while the first request runs (a concurrent duplicate is answered 409),
    -- 'completed' once its answer is stored here.
    state                 varchar(16)   not null,
    response_status       integer,
    response_content_type varchar(255),
    response_location     varchar(2048),
    response_body         bytea,
    created_at            timestamptz   not null,
    updated_at            timestamptz   not null,
    primary key (user_id, idempotency_key),
    constraint idempotency_key_state check (state in ('in_progress', 'completed'))
);

-- The cleanup deletes keys older than their time to live.
create index idempotency_key_created_at on idempotency_key (created_at);
