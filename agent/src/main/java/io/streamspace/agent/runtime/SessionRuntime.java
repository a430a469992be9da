package io.streamspace.agent.runtime;

import java.util.List;

/**
 * A backend that runs sessions (local processes now; Kubernetes and Docker later): the only thing
 * the agent's protocol layer needs to know about how a session is actually run.
 *
 * <p>Every operation is idempotent per session id, because commands may be re-sent after a
 * reconnect: a session never gets two runtimes.
 */
public interface SessionRuntime {

  /**
   * Starts the session and returns once its VNC endpoint answers; returns the existing session if
   * this id is already running or starting.
   *
   * @throws SessionRuntimeException when the session cannot be started, with a one-line reason
   */
  RunningSession start(SessionSpec spec);

  /** Freezes every process of the session; its memory stays, it uses no CPU. */
  RunningSession hibernate(String sessionId);

  /** Lets a hibernated session run again. */
  RunningSession resume(String sessionId);

  /** Ends the session and releases what it used; unknown ids are a no-op. */
  void stop(String sessionId);

  /** What this runtime actually runs right now, for reconciliation with the desired state. */
  List<RunningSession> list();

  /** Whether this backend can run sessions on this machine, and if not, why. */
  Availability availability();

  /**
   * Registers a listener for sessions ending without being asked to (the app exited or crashed).
   * Listeners are called on a runtime thread and must not block.
   */
  void addListener(RuntimeListener listener);
}
