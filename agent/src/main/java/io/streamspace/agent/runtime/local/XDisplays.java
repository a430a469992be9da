package io.streamspace.agent.runtime.local;

import io.streamspace.agent.runtime.SessionRuntimeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The X display numbers the local runtime hands out, and the lock files X servers leave. */
final class XDisplays {

  private static final Logger log = LoggerFactory.getLogger(XDisplays.class);
  private static final Path X_LOCKS = Path.of("/tmp");
  private static final Path X_SOCKETS = Path.of("/tmp/.X11-unix");

  private final int from;
  private final int to;
  private final Set<Integer> reserved = new HashSet<>();

  XDisplays(int from, int to) {
    this.from = from;
    this.to = to;
  }

  /**
   * Picks a display no X server uses and no other session of this runtime has reserved. Another
   * program on the machine may race for the same number; Xvfb's own lock file decides, and the
   * loser's start is retried on another display.
   */
  synchronized int reserve() {
    for (int n = from; n <= to; n++) {
      if (!reserved.contains(n) && !Files.exists(lock(n)) && !Files.exists(socket(n))) {
        reserved.add(n);
        return n;
      }
    }
    throw new SessionRuntimeException("no free X display between :" + from + " and :" + to);
  }

  synchronized void release(int display) {
    reserved.remove(display);
  }

  static Path lock(int display) {
    return X_LOCKS.resolve(".X" + display + "-lock");
  }

  static Path socket(int display) {
    return X_SOCKETS.resolve("X" + display);
  }

  /**
   * Removes a display's lock and socket if no live process owns them. Xvfb removes them on TERM but
   * not when killed; a lock whose owner lives belongs to another X server that took the display
   * meanwhile.
   */
  static void removeStaleLock(int display) {
    if (lockOwnerAlive(lock(display))) {
      return;
    }
    try {
      Files.deleteIfExists(lock(display));
      Files.deleteIfExists(socket(display));
    } catch (IOException e) {
      log.warn("cannot remove the X lock of display :{}", display, e);
    }
  }

  private static boolean lockOwnerAlive(Path lock) {
    try {
      long pid = Long.parseLong(Files.readString(lock).trim());
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }
}
