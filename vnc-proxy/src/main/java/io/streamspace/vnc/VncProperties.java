package io.streamspace.vnc;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The VNC path's settings ({@code streamspace.vnc.*}).
 *
 * @param tokenLifetime how long a VNC token may open tunnels
 * @param allowedOrigins browser origins (scheme://host[:port]) allowed to open {@code /ws/vnc}
 *     besides the server's own; a WebSocket without an Origin header (not a browser) is allowed
 * @param recheckInterval how often open tunnels are checked against their session's state (a stop
 *     or hibernation on another replica closes them within this time)
 * @param maxTunnelsPerSession viewers one session may have at once
 * @param maxMessageBytes the largest WebSocket message a browser may send
 * @param inFlightMessages messages each hop may have requested but not yet written, per direction:
 *     the bound on what one tunnel buffers
 */
@ConfigurationProperties("streamspace.vnc")
public record VncProperties(
    @DefaultValue("1h") Duration tokenLifetime,
    @DefaultValue List<String> allowedOrigins,
    @DefaultValue("2s") Duration recheckInterval,
    @DefaultValue("8") int maxTunnelsPerSession,
    @DefaultValue("65536") int maxMessageBytes,
    @DefaultValue("8") int inFlightMessages) {

  public VncProperties {
    allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
      throw new IllegalArgumentException("streamspace.vnc.token-lifetime must be positive");
    }
    if (inFlightMessages < 1 || maxTunnelsPerSession < 1 || maxMessageBytes < 1024) {
      throw new IllegalArgumentException(
          "streamspace.vnc: in-flight-messages and max-tunnels-per-session must be at least 1,"
              + " max-message-bytes at least 1024");
    }
  }
}
