-- The account keeps the person's email and display name too, so the write API can answer a change
-- with the whole account (the same fields the read model shows) without reading a projection.
alter table user_account
    add column email        text,
    add column display_name text;

-- Accounts registered before this migration: take the profile from their MemberAdded event.
update user_account a
   set email = p.payload ->> 'email',
       display_name = p.payload ->> 'display_name'
  from (select convert_from(payload, 'UTF8')::jsonb as payload
          from domain_event_entry
         where payload_type = 'io.streamspace.events.organization.MemberAdded') p
 where a.user_id = p.payload ->> 'user_id';
