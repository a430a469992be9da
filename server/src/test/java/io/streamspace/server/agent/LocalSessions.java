package io.streamspace.server.agent;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the operating system says about a local session: its processes and its VNC server. */
public final class LocalSessions {

  private LocalSessions() {}

  /** Every process that belongs to the session (the local runtime marks their environment). */
  public static List<Long> processesOf(String sessionId) {
    String marker = "STREAMSPACE_SESSION=" + sessionId;
    return ProcessHandle.allProcesses()
        .map(ProcessHandle::pid)
        .filter(pid -> environmentOf(pid).contains(marker))
        .toList();
  }

  /** The session's Xvfb processes: one per runtime the session has. */
  public static long xServersOf(String sessionId) {
    return processesOf(sessionId).stream()
        .filter(pid -> commandOf(pid).split(" ", 2)[0].endsWith("Xvfb"))
        .count();
  }

  /** The session's processes as {@code ps} would list them, for assertion messages. */
  public static String describe(String sessionId) {
    StringBuilder out = new StringBuilder();
    for (long pid : processesOf(sessionId)) {
      out.append(pid)
          .append(' ')
          .append(stateOf(pid))
          .append(' ')
          .append(commandOf(pid))
          .append('\n');
    }
    return out.toString();
  }

  /** Whether every process of the session is stopped (SIGSTOP), i.e. hibernated. */
  public static boolean allStopped(String sessionId) {
    List<Long> pids = processesOf(sessionId);
    return !pids.isEmpty() && pids.stream().allMatch(pid -> "T".equals(stateOf(pid)));
  }

  public static boolean noneStopped(String sessionId) {
    List<Long> pids = processesOf(sessionId);
    return !pids.isEmpty() && pids.stream().noneMatch(pid -> "T".equals(stateOf(pid)));
  }

  /** The first 12 bytes a VNC server sends ({@code RFB 003.008\n}), or why none came. */
  public static String rfbBanner(String endpoint) {
    int colon = endpoint.lastIndexOf(':');
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(
              endpoint.substring(0, colon), Integer.parseInt(endpoint.substring(colon + 1))),
          2000);
      socket.setSoTimeout(2000);
      InputStream in = socket.getInputStream();
      byte[] banner = in.readNBytes(12);
      return new String(banner, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      return "no banner: " + e;
    }
  }

  private static String environmentOf(long pid) {
    try {
      return Files.readString(
              Path.of("/proc", Long.toString(pid), "environ"), StandardCharsets.ISO_8859_1)
          .replace('\0', '\n');
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static String commandOf(long pid) {
    try {
      return Files.readString(
              Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.ISO_8859_1)
          .replace('\0', ' ');
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static String stateOf(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }
}
