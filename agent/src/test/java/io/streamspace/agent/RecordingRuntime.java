package io.streamspace.agent;

import io.streamspace.agent.runtime.Availability;
import io.streamspace.agent.runtime.RunningSession;
import io.streamspace.agent.runtime.RunningSession.State;
import io.streamspace.agent.runtime.RuntimeEvent;
import io.streamspace.agent.runtime.RuntimeListener;
import io.streamspace.agent.runtime.SessionRuntime;
import io.streamspace.agent.runtime.SessionRuntimeException;
import io.streamspace.agent.runtime.SessionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A session runtime for protocol tests: keeps sessions in memory, records every call, and can hold
 * a start until the test lets it go. Its sessions listen on made-up ports; nothing runs.
 */
final class RecordingRuntime implements SessionRuntime {

  final List<String> calls = new CopyOnWriteArrayList<>();
  private final Map<String, RunningSession> sessions = new ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> heldStarts = new ConcurrentHashMap<>();
  private final List<RuntimeListener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicInteger nextPort = new AtomicInteger(5901);
  private volatile Availability availability = Availability.ok();

  void unavailable(String reason) {
    availability = Availability.unavailable(reason);
  }

  /** The next start of {@code sessionId} waits until {@link #release} is called. */
  void holdStart(String sessionId) {
    heldStarts.put(sessionId, new CountDownLatch(1));
  }

  void release(String sessionId) {
    heldStarts.get(sessionId).countDown();
  }

  /** {@code sessionId} runs now, its VNC server on {@code vncPort} of this machine. */
  void running(String sessionId, int vncPort) {
    sessions.put(sessionId, new RunningSession(sessionId, "127.0.0.1", vncPort, State.RUNNING));
  }

  /** The session's app exits by itself. */
  void exit(String sessionId, int exitCode, String reason) {
    sessions.remove(sessionId);
    listeners.forEach(l -> l.on(new RuntimeEvent.SessionExited(sessionId, exitCode, reason)));
  }

  List<String> callsFor(String sessionId) {
    List<String> result = new ArrayList<>();
    for (String call : calls) {
      if (call.endsWith(" " + sessionId)) {
        result.add(call);
      }
    }
    return result;
  }

  @Override
  public RunningSession start(SessionSpec spec) {
    calls.add("start " + spec.sessionId());
    CountDownLatch hold = heldStarts.get(spec.sessionId());
    if (hold != null) {
      try {
        hold.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (spec.command().get(0).equals("does-not-exist")) {
      throw new SessionRuntimeException(
          "the app exited with code 127 before the session was ready");
    }
    return sessions.computeIfAbsent(
        spec.sessionId(),
        id -> new RunningSession(id, "127.0.0.1", nextPort.getAndIncrement(), State.RUNNING));
  }

  @Override
  public RunningSession hibernate(String sessionId) {
    calls.add("hibernate " + sessionId);
    return change(sessionId, State.HIBERNATED);
  }

  @Override
  public RunningSession resume(String sessionId) {
    calls.add("resume " + sessionId);
    return change(sessionId, State.RUNNING);
  }

  private RunningSession change(String sessionId, State state) {
    RunningSession session = sessions.get(sessionId);
    if (session == null) {
      throw new SessionRuntimeException("session " + sessionId + " is not running here");
    }
    RunningSession changed =
        new RunningSession(sessionId, session.vncHost(), session.vncPort(), state);
    sessions.put(sessionId, changed);
    return changed;
  }

  @Override
  public void stop(String sessionId) {
    calls.add("stop " + sessionId);
    sessions.remove(sessionId);
  }

  @Override
  public List<RunningSession> list() {
    return List.copyOf(sessions.values());
  }

  @Override
  public Availability availability() {
    return availability;
  }

  @Override
  public void addListener(RuntimeListener listener) {
    listeners.add(listener);
  }
}
