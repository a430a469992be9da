-- When the session last became running (started or resumed); null unless running. VNC tokens are
-- bound to it, so a token outlives neither a hibernation nor a stop.
alter table session_view add column running_since timestamptz;
