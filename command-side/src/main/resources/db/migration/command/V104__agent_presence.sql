-- The last heartbeat of each connected agent and the usage it reported. Written by the agent
-- endpoint on every heartbeat (a plain upsert, not an event: a heartbeat every 10 s per agent is
-- not history worth keeping) and joined into GET /api/v1/agents at read time.
create table agent_presence (
    agent_id          text             primary key,
    last_heartbeat_at timestamptz      not null,
    sessions          int              not null,
    cpu_millis_used   int              not null,
    memory_mb_used    int              not null,
    load_average      double precision not null,
    updated_at        timestamptz      not null
);
