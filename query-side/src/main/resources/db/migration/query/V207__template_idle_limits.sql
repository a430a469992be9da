-- A template's idle limits (null: the platform's default).
alter table template_view add column idle_hibernate_after_seconds integer;
alter table template_view add column idle_stop_after_seconds integer;
