# Supervises one local session as the leader of its own process group (started through setsid), so
# that one signal to the group hibernates, resumes or stops every process of the session.
# Arguments: Xvfb-binary x11vnc-binary display screen vnc-port -- app argv...
# Stdin: a pipe from the agent, closed when the agent dies.
# Protocol on fd 3 (the agent reads it): "pgid <n>" first, "ready" once Xvfb accepts clients, and
# "exit <component> <status>" when the session ends. Everything else goes to the session log.
set -u
xvfb_bin=$1 x11vnc_bin=$2 display=$3 screen=$4 port=$5
shift 6
exec 3>&1 1>&2 4<&0
echo "pgid $$" >&3

# Xvfb tells its parent it accepts clients by SIGUSR1 when it starts with USR1 ignored. (Its
# -displayfd would say so too, but then Xvfb writes no lock file, and the lock is what keeps two X
# servers off one display.) Bash reaps exited children itself, so kill -0 fails once Xvfb is gone.
xready=
trap 'xready=1' USR1
(trap '' USR1; exec "$xvfb_bin" ":$display" -screen 0 "$screen" -nolisten tcp 3>&-) &
xvfb=$!
while [ -z "$xready" ]; do
  if ! kill -0 "$xvfb" 2>/dev/null; then
    wait "$xvfb"
    echo "exit xvfb $?" >&3
    exit 1
  fi
  sleep 0.01
done
echo "ready" >&3

"$@" </dev/null 3>&- &
app=$!
"$x11vnc_bin" -display ":$display" -rfbport "$port" -localhost -noipv6 -forever -shared -nopw \
  -noxdamage </dev/null 3>&- &
vnc=$!
# The agent holds our stdin open for as long as it lives. End of input means the agent is gone, and
# a session nobody can stop any more must not outlive it.
# (Background jobs get /dev/null as stdin, hence the copy on fd 4.)
(read -r _ <&4; kill -TERM 0) 3>&- &
# Xvfb signals again on every server reset; that must not interrupt the wait below. (Set only now:
# the app must not inherit an ignored USR1.)
trap '' USR1

# The session lives as long as all three do; whichever ends first ends the session. Children were
# started with the default TERM disposition; only this supervisor ignores it, so that it outlives a
# group-wide TERM long enough to report who ended and why.
trap '' TERM
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
  [ -n "$ended" ] || sleep 0.1
done
case $ended in
  "$app") who=app ;;
  "$vnc") who=x11vnc ;;
  *) who=xvfb ;;
esac
echo "exit $who $status" >&3
kill -TERM 0 2>/dev/null
kill -CONT 0 2>/dev/null
wait
exit "$status"
