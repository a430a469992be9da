package io.streamspace.events.agent;

import java.util.List;

/**
 * Every session the agent actually runs, sent after each connect so the server can reconcile what
 * it wants against what is: orphans are stopped, lost sessions are marked failed.
 */
public record Inventory(List<Entry> sessions) {

  public Inventory {
    sessions = sessions == null ? List.of() : List.copyOf(sessions);
  }

  public static Inventory empty() {
    return new Inventory(List.of());
  }

  /** One session the agent runs, running or hibernated, with its VNC endpoint. */
  public record Entry(String sessionId, ReportedStatus status, String vncHost, int vncPort) {}
}
