#!/usr/bin/env bash
# Checks of ./streamspace that need no server and change nothing on the machine:
# Runs shellcheck, its help and exit codes, and the functions it is built from.
# Run: scripts/test-launcher.sh (prints "N passed, N failed").
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

passed=0
failed=0
check() {
  local name="$1"
  shift
  if "$@" >/dev/null 2>&1; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAILED: $name" >&2
  fi
}
fails() { ! "$@"; }

check "bash parses the launcher" bash -n streamspace
check "bash parses .ci/run" bash -n .ci/run
if command -v shellcheck >/dev/null 2>&1; then
  check "shellcheck finds nothing in the launcher" shellcheck -x streamspace .ci/run scripts/test-launcher.sh
fi
modes() { [[ "$(git ls-files -s streamspace .ci/run | cut -c1-6 | sort -u)" == 100755 ]]; }
check "the launcher and .ci/run are executable in git" modes
check "--help succeeds and names the two commands" \
  bash -c './streamspace --help | grep -q "^  up " && ./streamspace --help | grep -q "^  test "'
check "an unknown command fails" fails ./streamspace no-such-command
check ".ci/run runs ./streamspace test" grep -q '^exec ./streamspace test$' .ci/run

# shellcheck source=streamspace
source ./streamspace
check "the Java found is 17 or newer" bash -c "(( $(java_major) >= 17 ))"
check "installed packages need no install" ensure_packages bash:bash coreutils:ls
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/src"
echo old >"$scratch/src/A.java"
check "a missing artifact is stale" stale "$scratch/missing.jar" "$scratch"
touch -d '1 hour ago' "$scratch/src/A.java"
touch "$scratch/app.jar"
check "an artifact newer than every source is fresh" fails stale "$scratch/app.jar" "$scratch"
touch -d '1 minute' "$scratch/src/A.java"
check "a source newer than the artifact makes it stale" stale "$scratch/app.jar" "$scratch"
mkdir -p "$scratch/target/src" && touch -d '2 minutes' "$scratch/target/src/B.java"
touch -d '1 hour ago' "$scratch/src/A.java"
check "build output does not count as source" fails stale "$scratch/app.jar" "$scratch"

# The server's JVM options (server/jvm.options, ADR 0018) and the caller's JAVA_OPTS.
has() { grep -qx -- "$2" <<<"$1"; }
defaults="$(server_jvm_options)"
check "the server's defaults choose the parallel collector" has "$defaults" -XX:+UseParallelGC
check "the server's defaults start the heap at its full size" has "$defaults" -Xms1g
check "the server's defaults cap the heap" has "$defaults" -Xmx1g
last() { [[ "$(tail -n1 <<<"$1")" == "$2" ]]; }
check "JAVA_OPTS come after the defaults" last "$(server_jvm_options -Dexample=1)" -Dexample=1
check "JAVA_OPTS choosing a collector leave out the defaults' collector section" \
  fails has "$(server_jvm_options -XX:+UseG1GC)" -XX:-UseAdaptiveSizePolicy
check "a collector's own flag ending in GC is not a choice of collector" \
  has "$(server_jvm_options -XX:+UseMaximumCompactionOnSystemGC)" -XX:+UseParallelGC
check "JAVA_OPTS choosing a collector keep the defaults' heap" \
  has "$(server_jvm_options -XX:+UseG1GC)" -Xms1g
check "JAVA_OPTS setting a heap leave out the defaults' heap section" \
  fails has "$(server_jvm_options -Xmx2g)" -Xms1g
mapfile -t jvm < <(server_jvm_options)
check "the JVM starts with the defaults" java "${jvm[@]}" -version
mapfile -t jvm < <(server_jvm_options -XX:+UseG1GC -Xmx256m)
check "the JVM starts with the defaults beside JAVA_OPTS of another collector and heap" \
  java "${jvm[@]}" -version

echo "$passed passed, $failed failed"
((failed == 0))
