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
check "there is no agent command yet" fails ./streamspace agent
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

echo "$passed passed, $failed failed"
((failed == 0))
