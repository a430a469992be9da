-- The idle limits of a placed session's template (null: the platform's default).
alter table dispatch_session add column idle_hibernate_after_seconds integer;
alter table dispatch_session add column idle_stop_after_seconds integer;
