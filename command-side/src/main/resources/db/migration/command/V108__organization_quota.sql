-- The organizations' quotas as the command side enforces them (ADR 0016): the limits, copied from
-- the organization aggregate's decisions, and what live sessions hold of them, changed in the same
-- transactions that create and end sessions. The row lock of organization_quota is what serialises
-- one organization's creates, across replicas too.
create table organization_quota (
    organization_id text primary key,
    max_sessions    int not null,
    max_cpu_millis  int not null,
    max_memory_mb   int not null,
    sessions        int not null default 0,
    cpu_millis      int not null default 0,
    memory_mb       int not null default 0,
    constraint organization_quota_usage_not_negative
        check (sessions >= 0 and cpu_millis >= 0 and memory_mb >= 0)
);

-- One row per live session: what it took, so ending it gives back exactly that, once.
create table session_quota_hold (
    session_id      text primary key,
    organization_id text not null,
    cpu_millis      int not null,
    memory_mb       int not null
);

-- Upgrade: until this version the organization aggregate held the quota in its events. Copy each
-- organization's latest limits and the reservations no release has ended yet.
insert into organization_quota (organization_id, max_sessions, max_cpu_millis, max_memory_mb)
select organization_id,
       (quota ->> 'max_sessions')::int,
       (quota ->> 'max_cpu_millis')::int,
       (quota ->> 'max_memory_mb')::int
  from (select distinct on (aggregate_identifier)
               aggregate_identifier as organization_id,
               convert_from(payload, 'UTF8')::jsonb -> 'quota' as quota
          from domain_event_entry
         where payload_type in ('io.streamspace.events.organization.OrganizationCreated',
                                'io.streamspace.events.organization.OrganizationQuotaChanged')
         order by aggregate_identifier, sequence_number desc) latest;

with quota_event as (
    select payload_type, convert_from(payload, 'UTF8')::jsonb as event
      from domain_event_entry
     where payload_type in ('io.streamspace.events.organization.SessionQuotaReserved',
                            'io.streamspace.events.organization.SessionQuotaReleased')
), released as (
    select event ->> 'session_id' as session_id
      from quota_event
     where payload_type = 'io.streamspace.events.organization.SessionQuotaReleased'
)
insert into session_quota_hold (session_id, organization_id, cpu_millis, memory_mb)
select event ->> 'session_id',
       event ->> 'organization_id',
       (event -> 'resources' ->> 'cpu_millis')::int,
       (event -> 'resources' ->> 'memory_mb')::int
  from quota_event
 where payload_type = 'io.streamspace.events.organization.SessionQuotaReserved'
   and not exists (select 1 from released where released.session_id = event ->> 'session_id')
on conflict (session_id) do nothing;

update organization_quota q
   set sessions = held.sessions, cpu_millis = held.cpu_millis, memory_mb = held.memory_mb
  from (select organization_id, count(*) as sessions, sum(cpu_millis) as cpu_millis,
               sum(memory_mb) as memory_mb
          from session_quota_hold
         group by organization_id) held
 where q.organization_id = held.organization_id;
