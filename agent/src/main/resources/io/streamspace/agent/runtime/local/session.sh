# Supervises one local session as the leader of its own process group (started through setsid), so
# that one signal to the group hibernates, resumes or stops every process of the session.
# Arguments: Xvfb-binary x11vnc-binary grace-millis display screen vnc-port -- app argv...
# Stdin: a pipe from the agent, never written, closed when the agent dies.
# Protocol on fd 3 (the agent reads it): "pgid <n>" first, "ready" once Xvfb accepts clients, and
# "exit <component> <status>" when the session ends. Everything else goes to the session log.
set -u
xvfb_bin=$1 x11vnc_bin=$2 grace_ms=$3 display=$4 screen=$5 port=$6
shift 7
# The agent's pipe moves to fd 4; no child gets it (each closes fd 3 and 4).
exec 3>&1 1>&2 4<&0 0</dev/null

# A session nobody can stop any more must not outlive its agent, whatever state it is in, so every
# wait below is a read on the agent's pipe that ends at the latest when the pipe does. A write on
# fd 3 after the agent died raises SIGPIPE, which would kill this supervisor before it ends the
# session (leaving Xvfb behind); caught, the write just fails. TERM is caught for the same reason:
# the supervisor outlives a group-wide TERM to report who ended and why. Caught (not ignored)
# signals are reset to the default in every child, so Xvfb, the app and x11vnc die of TERM.
trap : PIPE TERM

# Waits up to $1 seconds for the agent; fails once its pipe is closed (it never writes).
agent_alive() {
  local line
  read -r -t "$1" -u 4 line
  [ $? -ne 1 ]
}

# Whether a process other than this supervisor, and not a zombie, is still in its group.
group_has_others() {
  local stat fields
  for stat in /proc/[0-9]*/stat; do
    [ "$stat" = "/proc/$$/stat" ] && continue
    read -r fields 2>/dev/null <"$stat" || continue
    set -- ${fields##*) }
    [ "$3" = "$$" ] && [ "$1" != Z ] && return 0
  done
  return 1
}

# The agent is gone: TERM to the group, KILL to whatever is left after the grace period (this
# supervisor included).
end_without_agent() {
  echo "the agent is gone; ending the session"
  kill -TERM 0 2>/dev/null
  kill -CONT 0 2>/dev/null
  local waited=0
  while [ "$waited" -lt "$grace_ms" ] && group_has_others; do
    sleep 0.1
    waited=$((waited + 100))
  done
  kill -KILL 0
  exit 1
}

echo "pgid $$" >&3

# Xvfb tells its parent it accepts clients by SIGUSR1 when it starts with USR1 ignored. (Its
# -displayfd would say so too, but then Xvfb writes no lock file, and the lock is what keeps two X
# servers off one display.) Bash reaps exited children itself, so kill -0 fails once Xvfb is gone.
xready=
trap 'xready=1' USR1
(trap '' USR1; exec "$xvfb_bin" ":$display" -screen 0 "$screen" -nolisten tcp 3>&- 4<&-) &
xvfb=$!
while [ -z "$xready" ]; do
  if ! kill -0 "$xvfb" 2>/dev/null; then
    wait "$xvfb"
    echo "exit xvfb $?" >&3
    exit 1
  fi
  agent_alive 0.01 || end_without_agent
done
echo "ready" >&3

"$@" 3>&- 4<&- &
app=$!
"$x11vnc_bin" -display ":$display" -rfbport "$port" -localhost -noipv6 -forever -shared -nopw \
  -noxdamage 3>&- 4<&- &
vnc=$!
# Xvfb signals again on every server reset; that must not interrupt anything below. (Set only now:
# the app must not inherit an ignored USR1.)
trap '' USR1

# The session lives as long as all three do; whichever ends first ends the session.
# Polled rather than "wait -n": a child that ended before wait -n was called (an app that cannot
# even exec) is not a "next" job to it, and the session would run on without its app.
ended=
status=0
while [ -z "$ended" ]; do
  for pid in "$app" "$vnc" "$xvfb"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      wait "$pid"
      status=$?
      ended=$pid
      break
    fi
  done
  [ -n "$ended" ] || agent_alive 0.1 || end_without_agent
done
case $ended in
  "$app") who=app ;;
  "$vnc") who=x11vnc ;;
  *) who=xvfb ;;
esac
echo "exit $who $status" >&3
kill -TERM 0 2>/dev/null
kill -CONT 0 2>/dev/null
# Until the others are gone too; what ignores TERM the agent kills, or, without agent, we do.
for pid in "$app" "$vnc" "$xvfb"; do
  while kill -0 "$pid" 2>/dev/null; do
    agent_alive 0.1 || end_without_agent
  done
done
wait
exit "$status"
