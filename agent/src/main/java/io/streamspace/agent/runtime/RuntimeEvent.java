package io.streamspace.agent.runtime;

/** Something a runtime observed by itself, not in answer to a command. */
public sealed interface RuntimeEvent {

  String sessionId();

  /**
   * A session ended without being asked to stop: its app exited or crashed, or its display or VNC
   * server died.
   *
   * @param exitCode the app's exit status (128 + n for signal n); 0 means it stopped normally
   * @param reason one line saying what ended the session
   */
  record SessionExited(String sessionId, int exitCode, String reason) implements RuntimeEvent {

    /** An exit with a non-zero status is a failure of the session, not a normal stop. */
    public boolean failed() {
      return exitCode != 0;
    }
  }
}
