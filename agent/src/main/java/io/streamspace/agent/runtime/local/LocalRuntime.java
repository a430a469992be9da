package io.streamspace.agent.runtime.local;

import io.streamspace.agent.runtime.Availability;
import io.streamspace.agent.runtime.RunningSession;
import io.streamspace.agent.runtime.RunningSession.State;
import io.streamspace.agent.runtime.RuntimeEvent.SessionExited;
import io.streamspace.agent.runtime.RuntimeListener;
import io.streamspace.agent.runtime.SessionRuntime;
import io.streamspace.agent.runtime.SessionRuntimeException;
import io.streamspace.agent.runtime.SessionSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each session as real processes on this machine: Xvfb on a display of its own, the app, and
 * x11vnc on a free loopback port, all under one supervisor ({@code session.sh}) that leads their
 * process group.
 */
public class LocalRuntime implements SessionRuntime, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalRuntime.class);
  private static final String LOOPBACK = "127.0.0.1";
  // Xvfb or x11vnc losing a race for a display or port to another process is worth a retry.
  private static final int START_ATTEMPTS = 3;
  private static final Duration SIGNAL_SETTLE = Duration.ofSeconds(3);
  private static final String SESSION_MARKER = "STREAMSPACE_SESSION";

  /** Tools the runtime needs, with the Debian package that provides each. */
  private static final Map<String, String> TOOLS = new LinkedHashMap<>();

  static {
    TOOLS.put("Xvfb", "xvfb");
    TOOLS.put("x11vnc", "x11vnc");
    TOOLS.put("bash", "bash");
    TOOLS.put("setsid", "util-linux");
    TOOLS.put("prlimit", "util-linux");
    TOOLS.put("kill", "procps");
    TOOLS.put("nice", "coreutils");
    TOOLS.put("env", "coreutils");
  }

  private final LocalRuntimeProperties properties;
  private final String supervisorScript;
  private final Map<String, LocalSession> sessions = new ConcurrentHashMap<>();
  private final XDisplays displays;
  private final List<RuntimeListener> listeners = new CopyOnWriteArrayList<>();

  public LocalRuntime(LocalRuntimeProperties properties) {
    this.properties = properties;
    this.displays = new XDisplays(properties.displayFrom(), properties.displayTo());
    try (InputStream in = LocalRuntime.class.getResourceAsStream("session.sh")) {
      this.supervisorScript = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    stopOrphans();
  }

  @Override
  public Availability availability() {
    List<String> missing = new ArrayList<>();
    Set<String> packages = new LinkedHashSet<>();
    TOOLS.forEach(
        (tool, pkg) -> {
          if (find(tool) == null) {
            missing.add(tool);
            packages.add(pkg);
          }
        });
    if (missing.isEmpty()) {
      return Availability.ok();
    }
    return Availability.unavailable(
        String.join(", ", missing)
            + " not found on PATH; install the Debian packages: "
            + String.join(" ", packages));
  }

  @Override
  public void addListener(RuntimeListener listener) {
    listeners.add(listener);
  }

  @Override
  public RunningSession start(SessionSpec spec) {
    LocalSession fresh = new LocalSession(spec);
    for (LocalSession existing;
        (existing = sessions.putIfAbsent(spec.sessionId(), fresh)) != null; ) {
      if (!existing.stopRequested) {
        return existing.awaitStarted(); // a repeated command: never a second runtime
      }
      existing.awaitEnded(); // a start after a stop runs anew once the old processes are gone
    }
    try {
      Availability availability = availability();
      if (!availability.available()) {
        throw new SessionRuntimeException(availability.reason());
      }
      Launch launch = launchUntilVncAnswers(spec);
      fresh.launch = launch;
      RunningSession handle = fresh.handle();
      fresh.started.complete(handle);
      log.info("session {} running on display :{}", spec.sessionId(), launch.display);
      if (launch.exit.isDone()) {
        reportUnrequestedExit(launch); // it ended before the watcher could see it started
      }
      return handle;
    } catch (RuntimeException e) {
      fresh.started.completeExceptionally(e);
      forget(fresh);
      throw e;
    }
  }

  @Override
  public RunningSession hibernate(String sessionId) {
    LocalSession session = running(sessionId);
    awaitSignalled(session.launch, "STOP", ProcessTree::allStopped);
    session.hibernated = true;
    return session.handle();
  }

  @Override
  public RunningSession resume(String sessionId) {
    LocalSession session = running(sessionId);
    awaitSignalled(session.launch, "CONT", ProcessTree::noneStopped);
    session.hibernated = false;
    return session.handle();
  }

  @Override
  public void stop(String sessionId) {
    LocalSession session = sessions.get(sessionId);
    if (session == null) {
      return;
    }
    session.stopRequested = true;
    try {
      session.awaitStarted();
    } catch (SessionRuntimeException startFailed) {
      return; // a failed start leaves nothing running
    }
    try {
      terminate(session.launch);
    } finally {
      forget(session);
    }
  }

  private void forget(LocalSession session) {
    sessions.remove(session.spec.sessionId(), session);
    session.ended.complete(null);
  }

  @Override
  public List<RunningSession> list() {
    return sessions.values().stream()
        .filter(s -> s.started.isDone() && !s.started.isCompletedExceptionally())
        .map(LocalSession::handle)
        .toList();
  }

  /** Stops every session: the local runtime leaves nothing running behind the agent. */
  @Override
  public void close() {
    List.copyOf(sessions.keySet()).parallelStream().forEach(this::stop);
  }

  private LocalSession running(String sessionId) {
    LocalSession session = sessions.get(sessionId);
    if (session == null) {
      throw new SessionRuntimeException("session " + sessionId + " is not running here");
    }
    session.awaitStarted();
    return session;
  }

  private Launch launchUntilVncAnswers(SessionSpec spec) {
    for (int attempt = 1; ; attempt++) {
      Launch launch = launch(spec);
      long deadline = System.nanoTime() + properties.startTimeout().toNanos();
      while (!launch.exit.isDone()) {
        if (rfbBannerAnswers(launch.port)) {
          return launch;
        }
        if (System.nanoTime() > deadline) {
          terminate(launch);
          throw new SessionRuntimeException(
              "the VNC server did not answer within "
                  + properties.startTimeout().toSeconds()
                  + " s");
        }
        sleep(Duration.ofMillis(20));
      }
      SessionEnd exit = launch.exit.join();
      awaitClosed(launch);
      boolean infrastructure = !exit.component().equals("app");
      if (!infrastructure || attempt == START_ATTEMPTS) {
        throw new SessionRuntimeException(exit.reason() + " before the session was ready");
      }
      log.warn("session {}: {}, retrying", spec.sessionId(), exit.reason());
    }
  }

  private Launch launch(SessionSpec spec) {
    Path home = properties.dataDir().resolve("homes").resolve(spec.userId());
    Path logFile = properties.dataDir().resolve("sessions").resolve(spec.sessionId() + ".log");
    try {
      createPrivateDirectories(home);
      Files.createDirectories(logFile.getParent());
    } catch (IOException e) {
      throw new SessionRuntimeException("cannot create the home directory " + home, e);
    }
    int display = displays.reserve();
    int port = freeLoopbackPort();
    List<String> command = new ArrayList<>();
    command.addAll(List.of(find("setsid"), "-w", find("bash"), "-c", supervisorScript));
    command.addAll(List.of("streamspace-session", find("Xvfb"), find("x11vnc")));
    // Without its agent, the supervisor itself ends the session, with the same grace period.
    command.add(Long.toString(properties.stopGrace().toMillis()));
    command.addAll(List.of(Integer.toString(display), properties.screen(), Integer.toString(port)));
    command.add("--");
    command.addAll(appCommand(spec));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(home.toFile())
            .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    // A clean environment: the agent's own (its server token, for one) is none of the session's.
    Map<String, String> env = builder.environment();
    env.clear();
    env.put("PATH", properties.effectivePath());
    env.put("HOME", home.toString());
    env.put("DISPLAY", ":" + display);
    env.put("USER", System.getProperty("user.name"));
    env.put("LOGNAME", System.getProperty("user.name"));
    env.put("LANG", System.getenv().getOrDefault("LANG", "C.UTF-8"));
    env.put(SESSION_MARKER, spec.sessionId()); // recognizes the session's processes after a restart
    Process process;
    try {
      // Its stdin stays a pipe from this JVM, never written nor closed: when the agent dies, the
      // supervisor reads end of input (it waits on that pipe in every state) and ends the session
      // instead of leaving an orphan.
      process = builder.start();
    } catch (IOException e) {
      displays.release(display);
      throw new SessionRuntimeException("cannot start the session supervisor: " + e.getMessage());
    }
    Launch launch = new Launch(spec.sessionId(), display, port, process);
    Thread watcher = new Thread(() -> watch(launch), "local-session-" + spec.sessionId());
    watcher.setDaemon(true);
    watcher.start();
    try {
      launch.tree.join(); // the supervisor reports its group before anything else
    } catch (CompletionException e) {
      awaitClosed(launch);
      throw new SessionRuntimeException(
          launch.exit.join().reason() + " before the session was ready");
    }
    return launch;
  }

  /** The app's argv, wrapped in the limits the OS lets an unprivileged user apply. */
  private List<String> appCommand(SessionSpec spec) {
    List<String> argv = new ArrayList<>(List.of(find("nice"), "-n", "" + properties.niceness()));
    if (spec.resources().memoryMb() > 0) {
      long bytes = spec.resources().memoryMb() * 1024L * 1024L;
      argv.addAll(List.of(find("prlimit"), "--as=" + bytes, "--"));
    }
    if (!spec.environment().isEmpty()) {
      argv.add(find("env"));
      spec.environment().forEach((key, value) -> argv.add(key + "=" + value));
    }
    argv.addAll(spec.command());
    return argv;
  }

  /** Reads the supervisor's reports until it ends, then cleans up and reports the exit. */
  private void watch(Launch launch) {
    SessionEnd reported = null;
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(launch.process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        String[] words = line.split(" ");
        if (words[0].equals("pgid")) {
          long pgid = Long.parseLong(words[1]);
          Files.writeString(groupFile(launch.sessionId), pgid + " " + launch.display + "\n");
          launch.tree.complete(new ProcessTree(find("kill"), pgid, launch.process.toHandle()));
        } else if (words[0].equals("exit")) {
          reported = new SessionEnd(words[1], Integer.parseInt(words[2]));
        }
      }
      int status = launch.process.waitFor();
      SessionEnd exit = reported != null ? reported : new SessionEnd("supervisor", status);
      if (!launch.tree.isDone()) {
        launch.tree.completeExceptionally(new SessionRuntimeException(exit.reason()));
      }
      launch.exit.complete(exit);
    } catch (IOException | RuntimeException e) {
      launch.tree.completeExceptionally(e);
      launch.exit.complete(new SessionEnd("supervisor", -1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      cleanUp(launch);
      launch.closed.complete(null);
    }
    reportUnrequestedExit(launch);
  }

  private void reportUnrequestedExit(Launch launch) {
    LocalSession session = sessions.get(launch.sessionId);
    if (session == null
        || session.launch != launch
        || !session.started.isDone()
        || session.stopRequested) {
      return; // still starting (the start reports it), or asked to stop
    }
    if (!sessions.remove(launch.sessionId, session)) {
      return;
    }
    session.ended.complete(null);
    SessionEnd exit = launch.exit.join();
    SessionExited event = new SessionExited(launch.sessionId, exit.exitCode(), exit.reason());
    log.info("session {} ended: {}", launch.sessionId, exit.reason());
    for (RuntimeListener listener : listeners) {
      try {
        listener.on(event);
      } catch (RuntimeException e) {
        log.warn("runtime listener failed on {}", event, e);
      }
    }
  }

  /** Ends a launch: TERM to every process, KILL to what is left after the grace period. */
  private void terminate(Launch launch) {
    ProcessTree tree = launch.tree.getNow(null);
    if (tree == null) {
      return;
    }
    tree.signal("TERM");
    tree.signal("CONT"); // a hibernated process only acts on TERM once it runs again
    if (!awaitGone(launch, tree, properties.stopGrace())) {
      log.warn("session {} ignored SIGTERM, killing it", launch.sessionId);
      tree.signal("KILL");
    }
    awaitClosed(launch);
  }

  private boolean awaitGone(Launch launch, ProcessTree tree, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (launch.exit.isDone() && tree.members().isEmpty()) {
        return true;
      }
      sleep(Duration.ofMillis(20));
    }
    return false;
  }

  private void awaitClosed(Launch launch) {
    try {
      launch.closed.get(properties.stopGrace().toMillis() + 5000, TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      throw new SessionRuntimeException("session processes did not end", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Signals until every process is in the wanted state: a process forked meanwhile gets it too. */
  private void awaitSignalled(Launch launch, String signal, Predicate<ProcessTree> settled) {
    ProcessTree tree = launch.tree.join();
    long deadline = System.nanoTime() + SIGNAL_SETTLE.toNanos();
    do {
      tree.signal(signal);
      if (settled.test(tree)) {
        return;
      }
      sleep(Duration.ofMillis(10));
    } while (System.nanoTime() < deadline);
    throw new SessionRuntimeException("session processes did not all take SIG" + signal);
  }

  /** Leaves nothing of the launch behind: stray members, the X lock and socket, the display. */
  private void cleanUp(Launch launch) {
    launch.tree.thenAccept(
        tree -> {
          if (!tree.members().isEmpty()) {
            tree.signal("KILL");
          }
        });
    XDisplays.removeStaleLock(launch.display);
    try {
      Files.deleteIfExists(groupFile(launch.sessionId));
    } catch (IOException e) {
      log.warn("cannot remove {}", groupFile(launch.sessionId), e);
    }
    displays.release(launch.display);
  }

  /**
   * Stops sessions a previous agent on this data directory left running. A session's supervisor
   * ends it when its agent dies, but a hibernated one cannot; and no agent can stop a session it
   * does not know. Nothing else may run them, so a restarted agent starts from a clean slate.
   */
  private void stopOrphans() {
    Path dir = properties.dataDir().resolve("sessions");
    if (!Files.isDirectory(dir) || find("kill") == null) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".group")).toList()) {
        String[] fields = Files.readString(file).trim().split(" ");
        long pgid = Long.parseLong(fields[0]);
        String sessionId = file.getFileName().toString().replaceFirst("\\.group$", "");
        ProcessTree orphan = new ProcessTree(find("kill"), pgid, null);
        // Group ids are reused once a group is gone: act only on a group that is provably this
        // session's. While one member lives the id cannot be reused, so one marked member suffices.
        if (orphan.members().stream().anyMatch(pid -> belongsTo(pid, sessionId))) {
          log.warn("stopping session {} left behind by a previous agent", file.getFileName());
          orphan.signal("TERM");
          orphan.signal("CONT");
          long deadline = System.nanoTime() + properties.stopGrace().toNanos();
          while (!orphan.members().isEmpty() && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(20));
          }
          orphan.signal("KILL");
        }
        XDisplays.removeStaleLock(Integer.parseInt(fields[1]));
        Files.delete(file);
      }
    } catch (IOException | RuntimeException e) {
      log.warn("cannot stop sessions left behind in {}", dir, e);
    }
  }

  private static boolean belongsTo(long pid, String sessionId) {
    try {
      String environ = Files.readString(Path.of("/proc", Long.toString(pid), "environ"));
      return List.of(environ.split("\0")).contains(SESSION_MARKER + "=" + sessionId);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private Path groupFile(String sessionId) {
    return properties.dataDir().resolve("sessions").resolve(sessionId + ".group");
  }

  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new SessionRuntimeException("no free loopback port: " + e.getMessage());
    }
  }

  /** Whether a VNC server answers on the port with its protocol version, {@code RFB 003.00x}. */
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

  private String find(String tool) {
    for (String dir : properties.effectivePath().split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return Path.of(dir, tool).toString();
      }
    }
    return null;
  }

  private static void createPrivateDirectories(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SessionRuntimeException("interrupted");
    }
  }

  /** One session known to this runtime, from the first start command until it ends. */
  private final class LocalSession {
    final SessionSpec spec;
    final CompletableFuture<RunningSession> started = new CompletableFuture<>();
    final CompletableFuture<Void> ended = new CompletableFuture<>();
    volatile Launch launch;
    volatile boolean hibernated;
    volatile boolean stopRequested;

    LocalSession(SessionSpec spec) {
      this.spec = spec;
    }

    RunningSession handle() {
      return new RunningSession(
          spec.sessionId(), LOOPBACK, launch.port, hibernated ? State.HIBERNATED : State.RUNNING);
    }

    void awaitEnded() {
      try {
        ended.get(properties.stopGrace().plusSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new SessionRuntimeException("session " + spec.sessionId() + " is still stopping");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SessionRuntimeException("interrupted");
      }
    }

    RunningSession awaitStarted() {
      try {
        return started.get(
            properties.startTimeout().multipliedBy(START_ATTEMPTS).plusSeconds(10).toMillis(),
            TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof SessionRuntimeException reason
            ? reason
            : new SessionRuntimeException("session failed to start", e.getCause());
      } catch (TimeoutException e) {
        throw new SessionRuntimeException("session " + spec.sessionId() + " is still starting");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SessionRuntimeException("interrupted");
      }
    }
  }

  /** One run of a session's processes on a display and port. */
  private static final class Launch {
    final String sessionId;
    final int display;
    final int port;
    final Process process;
    final CompletableFuture<ProcessTree> tree = new CompletableFuture<>();
    final CompletableFuture<SessionEnd> exit = new CompletableFuture<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();

    Launch(String sessionId, int display, int port, Process process) {
      this.sessionId = sessionId;
      this.display = display;
      this.port = port;
      this.process = process;
    }
  }
}
