package io.streamspace.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The bare floor of a session start: the local runtime's own supervisor script ({@code session.sh},
 * the same Xvfb, app and x11vnc flags, the same {@code nice}/{@code prlimit} wrapping of the app)
 * started directly, without server or agent, timed until the VNC port answers with an RFB banner.
 */
final class SessionFloor {

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final long STOP_GRACE_MILLIS = 5000;

  private final Path script;
  private final Path home;
  private final String screen;
  private final int niceness;
  private int nextDisplay;

  SessionFloor(Path script, Path home, String screen, int niceness, int firstDisplay) {
    this.script = script;
    this.home = home;
    this.screen = screen;
    this.niceness = niceness;
    this.nextDisplay = firstDisplay;
  }

  /**
   * Starts one session with {@code command} (memory limit {@code memoryMb}, 0 for none), waits
   * until its RFB banner answers, stops it and waits until it is gone; returns the start time.
   */
  long startOnce(List<String> command, int memoryMb, long pollMillis) throws Exception {
    int display = nextDisplay++;
    while (Files.exists(Path.of("/tmp/.X" + display + "-lock"))) {
      display = nextDisplay++; // another X server holds it
    }
    int port = freeLoopbackPort();
    List<String> argv = new ArrayList<>(List.of("setsid", "-w", "bash", "-c", script()));
    // The script's arguments, as LocalRuntime passes them (grace = its default stop grace).
    argv.addAll(List.of("streamspace-session", "Xvfb", "x11vnc", Long.toString(STOP_GRACE_MILLIS)));
    argv.addAll(List.of(Integer.toString(display), screen, Integer.toString(port), "--"));
    argv.addAll(List.of("nice", "-n", Integer.toString(niceness)));
    if (memoryMb > 0) {
      argv.addAll(List.of("prlimit", "--as=" + memoryMb * 1024L * 1024L, "--"));
    }
    argv.addAll(command);
    Files.createDirectories(home);
    ProcessBuilder builder =
        new ProcessBuilder(argv)
            .directory(home.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    Map<String, String> env = builder.environment();
    String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
    env.clear();
    env.put("PATH", path);
    env.put("HOME", home.toString());
    env.put("DISPLAY", ":" + display);
    env.put("LANG", "C.UTF-8");

    long start = System.nanoTime();
    Process process = builder.start();
    try {
      long deadline = start + TimeUnit.SECONDS.toNanos(20);
      while (!rfbBannerAnswers(port)) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "the floor session on display :" + display + " ended before its VNC answered");
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the floor session's VNC did not answer within 20 s");
        }
        Thread.sleep(pollMillis);
      }
      return System.nanoTime() - start;
    } finally {
      stop(process);
    }
  }

  /**
   * Closing its stdin ends the session's whole process group (session.sh's "agent is gone" rule).
   */
  private static void stop(Process process) throws InterruptedException {
    InputStream out = process.getInputStream();
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // Already gone.
    }
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
    try {
      out.close();
    } catch (IOException e) {
      // Nothing to drain.
    }
  }

  private String script() throws IOException {
    return Files.readString(script, StandardCharsets.UTF_8);
  }

  static boolean rfbBannerAnswers(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(LOOPBACK, port), 200);
      socket.setSoTimeout(1000);
      byte[] banner = socket.getInputStream().readNBytes(12);
      return new String(banner, StandardCharsets.US_ASCII).startsWith("RFB 003.00");
    } catch (IOException e) {
      return false;
    }
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
      return socket.getLocalPort();
    }
  }
}
