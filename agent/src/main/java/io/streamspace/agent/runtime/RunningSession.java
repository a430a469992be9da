package io.streamspace.agent.runtime;

/**
 * A session a runtime runs, with where its VNC server listens.
 *
 * @param sessionId the platform's session id
 * @param vncHost host of the session's VNC server, as seen from the agent
 * @param vncPort port of the session's VNC server
 * @param state whether its processes run or are frozen
 */
public record RunningSession(String sessionId, String vncHost, int vncPort, State state) {

  /** Whether a running session's processes are scheduled. */
  public enum State {
    RUNNING,
    HIBERNATED
  }
}
