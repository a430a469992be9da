-- The event store is the audit log (ADR 0019). Every event row carries what the log is filtered by,
-- written in the command's own transaction as the event is appended (AuditedAppends), and the
-- audit_log read model, which repeated each event in a row of its own, goes. Numbered after the
-- query side's migrations because it reads audit_log before dropping it.
alter table domain_event_entry
    add column event_type      text,
    add column organization_id text,
    add column actor_id        text,
    -- only for an event published without an aggregate: an aggregate's events are its resource's
    add column resource_id     text,
    add column occurred_at     timestamptz;

-- What the read model recorded of each event, exactly as the log showed it.
update domain_event_entry e
   set event_type = a.event_type,
       organization_id = a.organization_id,
       actor_id = a.actor_id,
       resource_id = case when e.type is null then a.resource_id end,
       occurred_at = e.time_stamp::timestamptz
  from audit_log a
 where a.global_index = e.global_index;

-- Events the read model had not reached when the server stopped, read from the stored event as
-- AuditSubject reads them: the organization the payload names, else the actor's; none for the
-- platform's agents and agent tokens.
update domain_event_entry e
   set event_type = s.event_type,
       organization_id = case
           when s.event_type in ('AgentConnected', 'AgentDisconnected', 'AgentTokenIssued',
                                 'AgentTokenRevoked', 'AgentConnectionRefused') then null
           else coalesce(s.body ->> 'organization_id', s.meta ->> 'organization_id') end,
       actor_id = s.meta ->> 'actor_id',
       resource_id = case when e.type is null then
           case s.event_type
               when 'AgentConnectionRefused' then s.body ->> 'claimed_agent_id'
               when 'ApiKeyUsed' then s.body ->> 'key_id'
               when 'LoginSucceeded' then s.body ->> 'user_id'
               when 'LoginFailed' then s.body ->> 'user_id'
               when 'AccessDenied' then s.body ->> 'target'
           end end,
       occurred_at = e.time_stamp::timestamptz
  from (select global_index,
               substring(payload_type from '[^.$]+$') as event_type,
               convert_from(payload, 'UTF8')::jsonb as body,
               convert_from(coalesce(meta_data, '\x7b7d'::bytea), 'UTF8')::jsonb as meta
          from domain_event_entry
         where event_type is null) s
 where s.global_index = e.global_index;

-- The log's filters. Each reads newest first by position; the partial indexes leave out the rows
-- they can never match (platform-wide events, events without an actor, aggregates' events).
create index domain_event_entry_organization_idx
    on domain_event_entry (organization_id, global_index) where organization_id is not null;
create index domain_event_entry_actor_idx
    on domain_event_entry (actor_id, global_index) where actor_id is not null;
create index domain_event_entry_event_type_idx on domain_event_entry (event_type, global_index);
create index domain_event_entry_resource_idx
    on domain_event_entry (resource_id, global_index) where resource_id is not null;
-- Events are appended in about the order of their times, so a block range index finds a time
-- range for almost nothing per append.
create index domain_event_entry_occurred_at_idx
    on domain_event_entry using brin (occurred_at) with (autosummarize = on);

drop table audit_log;

-- The log for SQL readers (reports, an operator at psql), in the read model's old columns. The API
-- reads the table itself, through the indexes above, and shows payloads upcast to today's shape;
-- this view shows them as stored.
create view audit_log as
select e.global_index,
       e.event_identifier as event_id,
       e.event_type,
       e.type as aggregate_type,
       case when e.type is not null then e.aggregate_identifier else e.resource_id end as resource_id,
       case when e.type is not null then e.sequence_number end as aggregate_sequence,
       e.organization_id,
       e.actor_id,
       m.meta ->> 'organization_id' as actor_organization_id,
       m.meta ->> 'request_id' as request_id,
       m.meta ->> 'client_ip' as client_ip,
       m.meta ->> 'user_agent' as user_agent,
       e.occurred_at,
       convert_from(e.payload, 'UTF8')::jsonb as payload
  from domain_event_entry e
 cross join lateral
       (select convert_from(coalesce(e.meta_data, '\x7b7d'::bytea), 'UTF8')::jsonb as meta) m;
delete from token_entry where processor_name = 'audit';
delete from dead_letter_entry where processing_group = 'audit';
