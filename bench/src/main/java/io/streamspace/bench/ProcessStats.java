package io.streamspace.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the agent-scale benchmark reads of the server from outside: CPU time from {@code
 * /proc/<pid>/stat} (of the JVM, and of a PostgreSQL postmaster with its backends), and the used
 * heap after a full collection, through {@code jcmd}.
 */
public final class ProcessStats {

  private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

  private ProcessStats() {}

  /** Clock ticks per second of the {@code /proc} CPU times (USER_HZ). */
  public static long ticksPerSecond() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
      String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      getconf.waitFor(5, TimeUnit.SECONDS);
      return Long.parseLong(out.trim());
    } catch (IOException | NumberFormatException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }

  /** The fields after the command name of {@code /proc/<pid>/stat}; field n is at [n - 3]. */
  private static String[] statFields(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    } catch (IOException e) {
      return null; // gone
    }
  }

  /** User + system CPU ticks of the process itself (its threads), 0 once it is gone. */
  public static long cpuTicks(long pid) {
    String[] f = statFields(pid);
    return f == null ? 0 : Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /**
   * CPU ticks of a process and all its descendants, reaped ones included (their time is in the
   * parent's cutime/cstime once reaped, in their own stat while they live).
   */
  public static long treeCpuTicks(long root) {
    String[] rootFields = statFields(root);
    if (rootFields == null) {
      return 0;
    }
    long total = 0;
    for (int i = 11; i <= 14; i++) {
      total += Long.parseLong(rootFields[i]);
    }
    Map<Long, List<Long>> children = new HashMap<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      procs
          .map(p -> p.getFileName().toString())
          .filter(name -> name.chars().allMatch(Character::isDigit))
          .forEach(
              name -> {
                String[] f = statFields(Long.parseLong(name));
                if (f != null) {
                  children
                      .computeIfAbsent(Long.parseLong(f[1]), k -> new ArrayList<>())
                      .add(Long.parseLong(name));
                }
              });
    } catch (IOException e) {
      return total;
    }
    List<Long> todo = new ArrayList<>(children.getOrDefault(root, List.of()));
    while (!todo.isEmpty()) {
      long pid = todo.remove(todo.size() - 1);
      // A live descendant's own time plus that of the children it reaped: every tick is counted
      // once, whether its process still lives or was reaped.
      String[] f = statFields(pid);
      if (f != null) {
        for (int i = 11; i <= 14; i++) {
          total += Long.parseLong(f[i]);
        }
      }
      todo.addAll(children.getOrDefault(pid, List.of()));
    }
    return total;
  }

  /** The postmaster's pid from the first postmaster.pid found under {@code dataDir}, or -1. */
  static long postmasterPid(Path dataDir) {
    try (Stream<Path> files = Files.walk(dataDir, 6)) {
      Path pidFile =
          files
              .filter(p -> p.getFileName().toString().equals("postmaster.pid"))
              .findFirst()
              .orElse(null);
      if (pidFile == null) {
        return -1;
      }
      return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Runs two full collections in the JVM {@code pid}, then returns its used heap in bytes. */
  public static long heapUsedAfterFullGc(long pid) throws IOException, InterruptedException {
    jcmd(pid, "GC.run");
    jcmd(pid, "GC.run");
    return parseHeapUsed(jcmd(pid, "GC.heap_info"));
  }

  /** The used heap, in bytes, that {@code jcmd <pid> GC.heap_info} prints on its heap line. */
  static long parseHeapUsed(String heapInfo) {
    Matcher used = HEAP_USED.matcher(heapInfo);
    if (!used.find()) {
      throw new IllegalStateException(
          "cannot read the used heap from jcmd GC.heap_info: " + heapInfo);
    }
    return Long.parseLong(used.group(1)) * 1024;
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Process jcmd =
        new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
    String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
      throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + out);
    }
    return out;
  }
}
