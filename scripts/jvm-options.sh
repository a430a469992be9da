# The server's JVM options, for the launcher and the benchmark scripts (source this file).
#
# server_jvm_options [OPTIONS...] prints, one per line, the options of server/jvm.options followed by
# OPTIONS (the caller's JAVA_OPTS, split on spaces), which come last and so win. Options that cannot
# be combined with the caller's are left out instead of failing the JVM's start:
#   - OPTIONS that choose a collector (-XX:+UseG1GC, ...) replace the file's whole collector section
#     (ADR 0018), whose sizes suit only the parallel collector;
#   - OPTIONS that set a heap size (-Xmx, -Xms) replace the file's heap sizes.
server_jvm_options() {
  local root file line section=other own_collector=false own_heap=false option
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  file="$root/server/jvm.options"
  for option in "$@"; do
    case "$option" in
      -XX:+UseSerialGC | -XX:+UseParallelGC | -XX:+UseG1GC | -XX:+UseZGC | -XX:+UseShenandoahGC | \
        -XX:+UseEpsilonGC) own_collector=true ;;
      -Xmx* | -Xms* | -XX:MaxRAMPercentage=* | -XX:InitialRAMPercentage=*) own_heap=true ;;
    esac
  done
  while IFS= read -r line || [[ -n "$line" ]]; do
    case "$line" in
      '## collector'*) section=collector ;;
      '## heap'*) section=heap ;;
      '#'* | '') ;;
      *)
        if [[ $section == collector && $own_collector == true ]] ||
          [[ $section == heap && $own_heap == true ]]; then
          continue
        fi
        printf '%s\n' "$line"
        ;;
    esac
  done < "$file"
  (($# == 0)) || printf '%s\n' "$@"
}
