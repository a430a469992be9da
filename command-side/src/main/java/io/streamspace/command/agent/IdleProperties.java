package io.streamspace.command.agent;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The platform's idle limits, for templates that set none: a session no viewer watches is
 * hibernated after {@code hibernateAfter} running, and stopped after {@code stopAfter} hibernated.
 * Until the VNC proxy reports viewers, a session counts as unwatched from the moment it runs.
 */
@ConfigurationProperties("streamspace.sessions.idle")
public record IdleProperties(
    @DefaultValue("60m") Duration hibernateAfter, @DefaultValue("24h") Duration stopAfter) {

  public IdleProperties {
    if (hibernateAfter == null || hibernateAfter.toSeconds() < 1) {
      throw new IllegalArgumentException(
          "streamspace.sessions.idle.hibernate-after must be at least 1 s");
    }
    if (stopAfter == null || stopAfter.toSeconds() < 1) {
      throw new IllegalArgumentException(
          "streamspace.sessions.idle.stop-after must be at least 1 s");
    }
  }
}
