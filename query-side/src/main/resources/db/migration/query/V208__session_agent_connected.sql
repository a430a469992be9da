-- Whether the session's agent is connected (null: no agent yet); false flags sessions of an agent
-- that went silent, until it comes back.
alter table session_view add column agent_connected boolean;
