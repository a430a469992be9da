package io.streamspace.agent.connection;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Whether the WebSocket frames the agent sends carry random masking keys ({@code
 * streamspace.agent.frame-masking}).
 *
 * <p>RFC 6455 (§5.3, §10.3) has a client mask every frame with an unpredictable key so that a
 * script in a browser cannot make its bytes look like HTTP to a transparent proxy that misreads the
 * stream. Masking costs a pass over every byte at both ends, which profiling showed to be most of
 * the CPU a VNC tunnel costs. The agent is not a browser, but a tunnel carries bytes a session's
 * user can shape, so the protection matters where a plain-text proxy could sit between agent and
 * server. Without random keys the agent still sends well-formed masked frames, with the key zero,
 * which XORs nothing: Netty skips the pass at both ends and any intermediary still sees valid
 * client frames.
 */
public enum FrameMasking {
  /**
   * Random keys on plain {@code http://} links to another machine; zero keys over TLS (no
   * intermediary can read the bytes) and to this machine (there is none).
   */
  AUTO,
  /** Random keys always. */
  ALWAYS,
  /** Zero keys always: for plain links the operator knows no proxy reads, e.g. inside a cluster. */
  NEVER;

  /** Whether frames to {@code serverUrl} get random keys. May resolve the host's name. */
  public boolean randomKeys(URI serverUrl) {
    return switch (this) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO -> !isTls(serverUrl) && !isThisMachine(serverUrl.getHost());
    };
  }

  private static boolean isTls(URI url) {
    return "https".equals(url.getScheme()) || "wss".equals(url.getScheme());
  }

  private static boolean isThisMachine(String host) {
    if (host == null) {
      return false;
    }
    try {
      for (InetAddress address : InetAddress.getAllByName(host)) {
        if (!address.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException e) {
      return false; // the connection will fail anyway; mask if it does not
    }
  }
}
