-- Who watches each live session through the VNC proxy: a running session with a viewer is never
-- idle, and its idle time counts from the last viewer's departure. Rows per viewer (not a counter)
-- so that handling an event twice changes nothing.
create table dispatch_viewer (
    session_id   text        not null,
    viewer_id    text        not null,
    connected_at timestamptz not null,
    primary key (session_id, viewer_id)
);
alter table dispatch_session add column last_viewed_at timestamptz;
