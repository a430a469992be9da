package io.streamspace.agent.runtime.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What the operating system says about a session's processes, read from /proc independently of the
 * runtime: the supervisor is the process whose arguments carry the session's VNC port.
 */
record SessionProcesses(long supervisorPid, int display, List<Long> pids) {

  static Optional<SessionProcesses> ofVncPort(int port) {
    return ProcessHandle.allProcesses()
        .map(process -> of(process.pid(), port))
        .flatMap(Optional::stream)
        .findFirst();
  }

  /** How many session supervisors this JVM runs for a VNC port (never more than one). */
  static long supervisorsFor(int port) {
    return ProcessHandle.current().children().filter(c -> of(c.pid(), port).isPresent()).count();
  }

  private static Optional<SessionProcesses> of(long pid, int port) {
    List<String> args = cmdline(pid);
    int separator = args.indexOf("--");
    if (!args.contains("streamspace-session")
        || separator < 3
        || !args.get(separator - 1).equals(Integer.toString(port))) {
      return Optional.empty();
    }
    int display = Integer.parseInt(args.get(separator - 3));
    return Optional.of(new SessionProcesses(pid, display, groupAndDescendants(pid)));
  }

  /** The supervisor's process group (its pid, as it leads it) and all its descendants. */
  private static List<Long> groupAndDescendants(long supervisor) {
    TreeSet<Long> pids = new TreeSet<>();
    try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
      proc.map(p -> p.getFileName().toString())
          .filter(name -> name.matches("\\d+"))
          .map(Long::parseLong)
          .filter(pid -> field(pid, 2).equals(Long.toString(supervisor)))
          .forEach(pids::add);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    ProcessHandle.of(supervisor).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
    return List.copyOf(pids);
  }

  /** The process's state letter (R, S, T, Z...), or "gone". */
  static String state(long pid) {
    return field(pid, 0);
  }

  /** A field of /proc/pid/stat counted from the state (0 = state, 2 = pgrp, 16 = nice). */
  static String field(long pid, int index) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return fields[index];
    } catch (IOException | RuntimeException e) {
      return "gone";
    }
  }

  /**
   * Whether the process still runs. A zombie does not: it only waits for its parent to collect it,
   * which for orphans is init's job.
   */
  static boolean running(long pid) {
    String state = state(pid);
    return !state.equals("gone") && !state.equals("Z");
  }

  static String name(long pid) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).trim();
    } catch (IOException e) {
      return "gone";
    }
  }

  static List<String> cmdline(long pid) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
      return Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0"));
    } catch (IOException e) {
      return List.of();
    }
  }
}
