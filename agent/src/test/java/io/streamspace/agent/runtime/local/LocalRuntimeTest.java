package io.streamspace.agent.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streamspace.agent.runtime.Availability;
import io.streamspace.agent.runtime.RunningSession;
import io.streamspace.agent.runtime.RunningSession.State;
import io.streamspace.agent.runtime.RuntimeEvent;
import io.streamspace.agent.runtime.RuntimeEvent.SessionExited;
import io.streamspace.agent.runtime.SessionRuntimeException;
import io.streamspace.agent.runtime.SessionSpec;
import io.streamspace.agent.runtime.SessionSpec.Resources;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local runtime against real Xvfb, x11vnc and apps (Debian: xvfb x11vnc xterm). */
class LocalRuntimeTest {

  @TempDir Path dataDir;
  LocalRuntime runtime;
  final List<RuntimeEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startRuntime() {
    runtime = new LocalRuntime(LocalRuntimeProperties.defaults(dataDir));
    runtime.addListener(events::add);
    assertThat(runtime.availability().available())
        .as("%s", runtime.availability().reason())
        .isTrue();
  }

  @AfterEach
  void stopEverySession() {
    runtime.close();
  }

  @Test
  void aStartedSessionAnswersWithAnRfbBanner() throws Exception {
    RunningSession session = runtime.start(spec("s1", "alice", "xterm"));

    assertThat(session.vncHost()).isEqualTo("127.0.0.1");
    assertThat(session.state()).isEqualTo(State.RUNNING);
    assertThat(rfbBanner(session.vncPort())).startsWith("RFB 003.00");
    assertThat(runtime.list()).containsExactly(session);
  }

  @Test
  void hibernateStopsEveryProcessAndResumeRunsThemAgain() throws Exception {
    RunningSession session = runtime.start(spec("s1", "alice", "xterm"));
    SessionProcesses processes = SessionProcesses.ofVncPort(session.vncPort()).orElseThrow();
    // Xvfb, xterm, x11vnc, the supervisor, and the shell xterm puts in a session of its own.
    assertThat(processes.pids().stream().map(SessionProcesses::name))
        .contains("Xvfb", "xterm", "x11vnc", "bash");

    List<Long> apps =
        processes.pids().stream()
            .filter(pid -> List.of("Xvfb", "xterm", "x11vnc").contains(SessionProcesses.name(pid)))
            .toList();

    assertThat(runtime.hibernate("s1").state()).isEqualTo(State.HIBERNATED);
    // Read again: the supervisor's poll loop runs short sleeps, so one seen before may have ended.
    SessionProcesses frozen = SessionProcesses.ofVncPort(session.vncPort()).orElseThrow();
    assertThat(frozen.pids()).containsAll(apps);
    assertThat(frozen.pids())
        .allSatisfy(pid -> assertThat(SessionProcesses.state(pid)).isEqualTo("T"));
    assertThat(runtime.list()).extracting(RunningSession::state).containsExactly(State.HIBERNATED);

    assertThat(runtime.resume("s1").state()).isEqualTo(State.RUNNING);
    assertThat(frozen.pids())
        .allSatisfy(pid -> assertThat(SessionProcesses.state(pid)).isNotEqualTo("T"));
    assertThat(rfbBanner(session.vncPort())).startsWith("RFB 003.00");
  }

  @Test
  void stopLeavesNoProcessAndNoDisplayLockBehind() {
    RunningSession session = runtime.start(spec("s1", "alice", "xterm"));
    SessionProcesses processes = SessionProcesses.ofVncPort(session.vncPort()).orElseThrow();
    Path lock = Path.of("/tmp/.X" + processes.display() + "-lock");
    assertThat(lock).exists();

    runtime.stop("s1");

    assertThat(processes.pids())
        .allSatisfy(pid -> assertThat(SessionProcesses.running(pid)).isFalse());
    assertThat(lock).doesNotExist();
    assertThat(Path.of("/tmp/.X11-unix/X" + processes.display())).doesNotExist();
    assertThat(runtime.list()).isEmpty();
    assertThat(events).as("a requested stop is not an unexpected exit").isEmpty();
  }

  @Test
  void aHibernatedSessionStopsToo() {
    RunningSession session = runtime.start(spec("s1", "alice", "xterm"));
    SessionProcesses processes = SessionProcesses.ofVncPort(session.vncPort()).orElseThrow();
    runtime.hibernate("s1");

    runtime.stop("s1");

    assertThat(processes.pids())
        .allSatisfy(pid -> assertThat(SessionProcesses.running(pid)).isFalse());
  }

  @Test
  void stoppingAnUnknownSessionDoesNothing() {
    runtime.stop("never-started");

    assertThat(runtime.list()).isEmpty();
  }

  @Test
  void anAppFailingByItselfIsReportedAsFailedWithTheReason() {
    RunningSession session = runtime.start(spec("s1", "alice", "sh", "-c", "sleep 1; exit 3"));
    SessionProcesses processes = SessionProcesses.ofVncPort(session.vncPort()).orElseThrow();

    await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());

    SessionExited exited = (SessionExited) events.get(0);
    assertThat(exited.sessionId()).isEqualTo("s1");
    assertThat(exited.exitCode()).isEqualTo(3);
    assertThat(exited.failed()).isTrue();
    assertThat(exited.reason()).isEqualTo("the app exited with code 3");
    assertThat(runtime.list()).isEmpty();
    assertThat(processes.pids())
        .allSatisfy(pid -> assertThat(SessionProcesses.running(pid)).isFalse());
  }

  @Test
  void anAppExitingNormallyIsReportedAsStopped() {
    runtime.start(spec("s1", "alice", "sh", "-c", "sleep 1"));

    await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());

    SessionExited exited = (SessionExited) events.get(0);
    assertThat(exited.exitCode()).isZero();
    assertThat(exited.failed()).isFalse();
    assertThat(runtime.list()).isEmpty();
  }

  @Test
  void anAppKilledBySignalIsReportedWithTheSignal() {
    runtime.start(spec("s1", "alice", "sh", "-c", "sleep 1; kill -SEGV $$"));

    await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());

    SessionExited exited = (SessionExited) events.get(0);
    assertThat(exited.failed()).isTrue();
    assertThat(exited.reason()).isEqualTo("the app was killed by signal 11 (SEGV)");
  }

  @Test
  void anAppThatCannotStartIsReportedFailedWithTheReason() {
    // The app dies at once while x11vnc is still coming up; on a busy machine the VNC server may
    // answer first. Either way the session ends failed, with the app's exit as the reason.
    try {
      runtime.start(spec("s1", "alice", "no-such-app-anywhere"));
      await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());
      SessionExited exited = (SessionExited) events.get(0);
      assertThat(exited.failed()).isTrue();
      assertThat(exited.reason()).isEqualTo("the app exited with code 127");
    } catch (SessionRuntimeException refused) {
      assertThat(refused).hasMessage("the app exited with code 127 before the session was ready");
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> runtime.list().isEmpty());
    await().atMost(Duration.ofSeconds(10)).until(() -> SessionProcesses.supervisorsFor(0) == 0);
  }

  @Test
  void aDeadVncServerFailsTheSessionWithTheReason() throws Exception {
    RunningSession session = runtime.start(spec("s1", "alice", "xterm"));
    SessionProcesses processes = SessionProcesses.ofVncPort(session.vncPort()).orElseThrow();
    long vnc =
        processes.pids().stream()
            .filter(pid -> SessionProcesses.name(pid).equals("x11vnc"))
            .findFirst()
            .orElseThrow();

    new ProcessBuilder("kill", "-KILL", Long.toString(vnc)).start().waitFor();

    await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());
    SessionExited exited = (SessionExited) events.get(0);
    assertThat(exited.failed()).isTrue();
    assertThat(exited.reason()).isEqualTo("the VNC server (x11vnc) was killed by signal 9 (KILL)");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(processes.pids())
                    .allSatisfy(pid -> assertThat(SessionProcesses.running(pid)).isFalse()));
  }

  @Test
  void anAppIgnoringSigtermIsKilledAfterTheGracePeriod() {
    LocalRuntimeProperties defaults = LocalRuntimeProperties.defaults(dataDir);
    runtime.close();
    runtime =
        new LocalRuntime(
            new LocalRuntimeProperties(
                dataDir,
                defaults.displayFrom(),
                defaults.displayTo(),
                defaults.screen(),
                defaults.startTimeout(),
                Duration.ofSeconds(1),
                defaults.niceness(),
                null));
    RunningSession session =
        runtime.start(spec("s1", "alice", "sh", "-c", "trap '' TERM; exec sleep 60"));
    SessionProcesses processes = SessionProcesses.ofVncPort(session.vncPort()).orElseThrow();

    long begin = System.nanoTime();
    runtime.stop("s1");

    assertThat(Duration.ofNanos(System.nanoTime() - begin))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(processes.pids())
        .allSatisfy(pid -> assertThat(SessionProcesses.running(pid)).isFalse());
    assertThat(Path.of("/tmp/.X" + processes.display() + "-lock")).doesNotExist();
  }

  @Test
  void aStartWhileTheSessionIsStoppingRunsAnewOnceItIsGone() throws Exception {
    LocalRuntimeProperties defaults = LocalRuntimeProperties.defaults(dataDir);
    runtime.close();
    runtime =
        new LocalRuntime(
            new LocalRuntimeProperties(
                dataDir,
                defaults.displayFrom(),
                defaults.displayTo(),
                defaults.screen(),
                defaults.startTimeout(),
                Duration.ofSeconds(2),
                defaults.niceness(),
                null));
    SessionSpec stubborn = spec("s1", "alice", "sh", "-c", "trap '' TERM; exec sleep 60");
    RunningSession old = runtime.start(stubborn);
    SessionProcesses oldProcesses = SessionProcesses.ofVncPort(old.vncPort()).orElseThrow();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> stopping = pool.submit(() -> runtime.stop("s1"));
      Thread.sleep(300); // the stop now waits out its grace period for the app that ignores TERM

      RunningSession fresh = runtime.start(stubborn);

      assertThat(oldProcesses.pids())
          .as("the old runtime is gone before the new one answers")
          .allSatisfy(pid -> assertThat(SessionProcesses.running(pid)).isFalse());
      assertThat(rfbBanner(fresh.vncPort())).startsWith("RFB 003.00");
      stopping.get(5, TimeUnit.SECONDS);
      assertThat(runtime.list()).containsExactly(fresh);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aDisplayAnotherXServerHoldsIsSkipped() throws Exception {
    LocalRuntimeProperties defaults = LocalRuntimeProperties.defaults(dataDir);
    runtime.close();
    runtime =
        new LocalRuntime(
            new LocalRuntimeProperties(
                dataDir,
                450,
                451,
                defaults.screen(),
                defaults.startTimeout(),
                defaults.stopGrace(),
                defaults.niceness(),
                null));
    Path foreignLock = Path.of("/tmp/.X450-lock");
    Files.writeString(foreignLock, String.format("%10d%n", ProcessHandle.current().pid()));
    try {
      RunningSession session = runtime.start(spec("s1", "alice", "xterm"));

      assertThat(SessionProcesses.ofVncPort(session.vncPort()).orElseThrow().display())
          .isEqualTo(451);
      assertThatThrownBy(() -> runtime.start(spec("s2", "bob", "xterm")))
          .isInstanceOf(SessionRuntimeException.class)
          .hasMessage("no free X display between :450 and :451");
    } finally {
      Files.deleteIfExists(foreignLock);
    }
  }

  @Test
  void aRestartedRuntimeStopsSessionsLeftBehindOnItsDataDir() {
    RunningSession session = runtime.start(spec("s1", "alice", "xterm"));
    SessionProcesses processes = SessionProcesses.ofVncPort(session.vncPort()).orElseThrow();
    runtime.hibernate("s1"); // frozen, it cannot notice that its agent is gone

    try (LocalRuntime restarted = new LocalRuntime(LocalRuntimeProperties.defaults(dataDir))) {
      assertThat(processes.pids())
          .allSatisfy(pid -> assertThat(SessionProcesses.running(pid)).isFalse());
      // The display is free again: no lock of the session's X server is left behind. (Another X
      // server on this machine may take the display the moment it is free, with a lock of its own.)
      Path lock = Path.of("/tmp/.X" + processes.display() + "-lock");
      assertThat(lockOwner(lock)).isNotIn(processes.pids());
      assertThat(restarted.list()).isEmpty();
    }
  }

  /** The pid an X lock file names, or -1 when there is no lock. */
  private static long lockOwner(Path lock) {
    try {
      return Long.parseLong(Files.readString(lock).trim());
    } catch (java.nio.file.NoSuchFileException gone) {
      return -1;
    } catch (java.io.IOException | NumberFormatException e) {
      throw new AssertionError("unreadable X lock " + lock, e);
    }
  }

  @Test
  void startingTheSameSessionTwiceGivesOneRuntime() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<RunningSession> first = pool.submit(() -> runtime.start(spec("s1", "alice", "xterm")));
      Future<RunningSession> second =
          pool.submit(() -> runtime.start(spec("s1", "alice", "xterm")));

      assertThat(first.get()).isEqualTo(second.get());
      assertThat(runtime.start(spec("s1", "alice", "xterm"))).isEqualTo(first.get());
      assertThat(SessionProcesses.supervisorsFor(first.get().vncPort())).isEqualTo(1);
      assertThat(
              ProcessHandle.current()
                  .children()
                  .filter(c -> SessionProcesses.cmdline(c.pid()).contains("streamspace-session"))
                  .count())
          .isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void twoSessionsAtOnceGetDifferentDisplaysAndPorts() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<RunningSession> a = pool.submit(() -> runtime.start(spec("s1", "alice", "xterm")));
      Future<RunningSession> b = pool.submit(() -> runtime.start(spec("s2", "bob", "xterm")));

      assertThat(a.get().vncPort()).isNotEqualTo(b.get().vncPort());
      int displayA = SessionProcesses.ofVncPort(a.get().vncPort()).orElseThrow().display();
      int displayB = SessionProcesses.ofVncPort(b.get().vncPort()).orElseThrow().display();
      assertThat(displayA).isNotEqualTo(displayB);
      assertThat(rfbBanner(a.get().vncPort())).startsWith("RFB 003.00");
      assertThat(rfbBanner(b.get().vncPort())).startsWith("RFB 003.00");
      assertThat(runtime.list()).hasSize(2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theHomeDirectoryIsKeptAcrossSessionsOfTheSameUser() {
    Path home = dataDir.resolve("homes").resolve("alice");
    runtime.start(spec("s1", "alice", "sh", "-c", "echo kept > \"$HOME/note\"; exec sleep 60"));
    await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(home.resolve("note")));
    runtime.stop("s1");

    runtime.start(
        spec("s2", "alice", "sh", "-c", "cp \"$HOME/note\" \"$HOME/seen\"; exec sleep 60"));

    await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(home.resolve("seen")));
    assertThat(home.resolve("seen")).hasContent("kept");
  }

  @Test
  void theAppGetsItsEnvironmentAndNotTheAgents() {
    Path home = dataDir.resolve("homes").resolve("alice");
    SessionSpec spec =
        new SessionSpec(
            "s1",
            "alice",
            List.of("sh", "-c", "env > \"$HOME/env\"; exec sleep 60"),
            Map.of("GREETING", "hello world"),
            Resources.UNLIMITED);

    runtime.start(spec);

    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> Files.exists(home.resolve("env")) && Files.size(home.resolve("env")) > 0);
    assertThat(home.resolve("env"))
        .content()
        .contains("GREETING=hello world", "HOME=" + home, "DISPLAY=:")
        .doesNotContain("MAVEN", "JAVA_HOME");
  }

  @Test
  void memoryIsCappedAndTheAppRunsAtLowerPriority() {
    SessionSpec spec =
        new SessionSpec("s1", "alice", List.of("sleep", "60"), Map.of(), new Resources(500, 256));
    RunningSession session = runtime.start(spec);
    SessionProcesses processes = SessionProcesses.ofVncPort(session.vncPort()).orElseThrow();
    long app =
        processes.pids().stream()
            .filter(pid -> SessionProcesses.name(pid).equals("sleep"))
            .findFirst()
            .orElseThrow();

    assertThat(Path.of("/proc", Long.toString(app), "limits"))
        .content()
        .containsPattern(
            "Max address space\\s+" + 256L * 1024 * 1024 + "\\s+" + 256L * 1024 * 1024);
    assertThat(SessionProcesses.field(app, 16)).isEqualTo("10");
  }

  @Test
  void missingXvfbAndX11vncMakeTheRuntimeUnavailableNamingThePackages(@TempDir Path emptyBin) {
    LocalRuntimeProperties defaults = LocalRuntimeProperties.defaults(dataDir);
    LocalRuntime bare =
        new LocalRuntime(
            new LocalRuntimeProperties(
                dataDir,
                defaults.displayFrom(),
                defaults.displayTo(),
                defaults.screen(),
                defaults.startTimeout(),
                defaults.stopGrace(),
                defaults.niceness(),
                emptyBin.toString()));

    Availability availability = bare.availability();

    assertThat(availability.available()).isFalse();
    assertThat(availability.reason())
        .contains("Xvfb", "x11vnc", "xvfb x11vnc")
        .doesNotContain("\n");
    assertThatThrownBy(() -> bare.start(spec("s1", "alice", "xterm")))
        .isInstanceOf(SessionRuntimeException.class)
        .hasMessage(availability.reason());
  }

  @Test
  void sessionsStartUntilTheRfbBannerAnswersAndTheMedianIsReported() {
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      long begin = System.nanoTime();
      RunningSession session = runtime.start(spec("timed-" + i, "alice", "xterm"));
      millis.add((System.nanoTime() - begin) / 1_000_000);
      assertThat(LocalRuntime.rfbBannerAnswers(session.vncPort())).isTrue();
      runtime.stop(session.sessionId());
    }
    millis.sort(null);
    System.out.printf(
        "local session start until RFB banner: median %d ms, all %s%n", millis.get(5), millis);
    assertThat(millis.get(5))
        .isLessThan(LocalRuntimeProperties.defaults(dataDir).startTimeout().toMillis());
  }

  private static SessionSpec spec(String sessionId, String userId, String... command) {
    return new SessionSpec(sessionId, userId, List.of(command), Map.of(), Resources.UNLIMITED);
  }

  private static String rfbBanner(int port) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5000);
      InputStream in = socket.getInputStream();
      return new String(in.readNBytes(12), StandardCharsets.US_ASCII);
    }
  }
}
