package io.streamspace.agent.runtime.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The processes of one session and how to signal them all at once.
 *
 * <p>A session is its process group (everything the supervisor starts stays in it) plus every
 * descendant of the supervisor, because some apps move children into sessions of their own: xterm
 * gives its shell a new session for the terminal, out of reach of a group signal. Every process
 * seen once is remembered, because a descendant whose parent dies is re-parented out of the tree
 * (xterm's shell outlives xterm by a moment). Java 17 cannot send STOP or CONT, so signals go
 * through {@code kill}. Zombies count as gone: they run nothing and only wait for their parent.
 */
final class ProcessTree {

  private final String killBinary;
  private final long pgid;
  private final ProcessHandle root;
  private final Map<Long, ProcessHandle> seen = new ConcurrentHashMap<>();

  /** The session led by process group {@code pgid}; {@code root}, its supervisor, if known. */
  ProcessTree(String killBinary, long pgid, ProcessHandle root) {
    this.killBinary = killBinary;
    this.pgid = pgid;
    this.root = root;
  }

  /** Pids of every live process of the session. */
  List<Long> members() {
    TreeSet<Long> pids = new TreeSet<>();
    // isAlive also compares start times, so a pid reused by an unrelated process drops out.
    seen.values().stream().filter(ProcessHandle::isAlive).forEach(p -> pids.add(p.pid()));
    try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
      proc.map(p -> p.getFileName().toString())
          .filter(name -> name.chars().allMatch(Character::isDigit))
          .map(Long::parseLong)
          .filter(pid -> stat(pid).map(s -> s.pgrp() == pgid).orElse(false))
          .forEach(pids::add);
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc", e);
    }
    if (root != null && root.isAlive()) {
      root.descendants().forEach(p -> pids.add(p.pid()));
    }
    pids.removeIf(pid -> stat(pid).map(s -> s.state() == 'Z').orElse(true));
    pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(p -> seen.putIfAbsent(pid, p)));
    return List.copyOf(pids);
  }

  /** Sends the signal (a name such as STOP) to the group and every other member. */
  void signal(String signal) {
    List<String> command = new ArrayList<>(List.of(killBinary, "-s", signal, "--", "-" + pgid));
    members().forEach(pid -> command.add(pid.toString()));
    try {
      // kill complains about members that exited meanwhile; that is fine.
      new ProcessBuilder(command)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + killBinary, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether every member is stopped by a signal (state T), i.e. hibernated. */
  boolean allStopped() {
    return members().stream().allMatch(pid -> stat(pid).map(Stat::stopped).orElse(true));
  }

  /** Whether no member is stopped by a signal. */
  boolean noneStopped() {
    return members().stream().noneMatch(pid -> stat(pid).map(Stat::stopped).orElse(false));
  }

  /** The state letter and process group of a process, from {@code /proc/<pid>/stat}. */
  record Stat(char state, long pgrp) {
    boolean stopped() {
      return state == 'T' || state == 't';
    }
  }

  static Optional<Stat> stat(long pid) {
    try {
      String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name may contain spaces and parentheses: fields start after the last ')'.
      String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
      return Optional.of(new Stat(fields[0].charAt(0), Long.parseLong(fields[2])));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
