-- Since ADR 0016 the organization's history no longer records what its sessions hold, so the
-- read model counts it from the sessions read model when it is read: the live sessions' rows.
alter table organization_view
    drop column sessions_in_use,
    drop column cpu_in_use,
    drop column memory_in_use;

create view organization_usage_view as
select o.id, o.name, o.display_name, o.max_sessions, o.max_cpu_millis, o.max_memory_mb,
       o.created_at, o.updated_at,
       coalesce(u.sessions, 0)   as sessions_in_use,
       coalesce(u.cpu_millis, 0) as cpu_in_use,
       coalesce(u.memory_mb, 0)  as memory_in_use
  from organization_view o
  left join lateral (
      select count(*)::int as sessions, sum(s.cpu_millis)::int as cpu_millis,
             sum(s.memory_mb)::int as memory_mb
        from session_view s
       where s.organization_id = o.id
         and s.status in ('pending', 'starting', 'running', 'hibernated')) u on true;
