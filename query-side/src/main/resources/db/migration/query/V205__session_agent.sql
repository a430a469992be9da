-- session_view has had agent_id since V200; the agents list counts sessions per agent through it.
create index if not exists session_view_agent_idx on session_view (agent_id) where agent_id is not null;
