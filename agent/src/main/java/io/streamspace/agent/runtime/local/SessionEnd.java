package io.streamspace.agent.runtime.local;

/**
 * Which part of a session ended it, as its supervisor reported: {@code app}, {@code xvfb}, {@code
 * x11vnc}, or {@code supervisor} when the supervisor itself was killed; with the exit status.
 */
record SessionEnd(String component, int status) {

  int exitCode() {
    // Only the app's own status says "stopped normally"; a dead display or VNC server is a
    // failure.
    return component.equals("app") || status != 0 ? status : 1;
  }

  String reason() {
    String who =
        switch (component) {
          case "app" -> "the app";
          case "xvfb" -> "the display server (Xvfb)";
          case "x11vnc" -> "the VNC server (x11vnc)";
          default -> "the session supervisor";
        };
    if (status == 0) {
      return who + " exited";
    }
    if (status > 128) {
      return who + " was killed by signal " + (status - 128) + signalName(status - 128);
    }
    return who + " exited with code " + status;
  }

  private static String signalName(int signal) {
    return switch (signal) {
      case 1 -> " (HUP)";
      case 2 -> " (INT)";
      case 6 -> " (ABRT)";
      case 9 -> " (KILL)";
      case 11 -> " (SEGV)";
      case 15 -> " (TERM)";
      default -> "";
    };
  }
}
