alter table session_view add column if not exists agent_id text;
create index if not exists session_view_agent_idx on session_view (agent_id) where agent_id is not null;
