package io.streamspace.events.agent;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** How an agent runs sessions. */
public enum BackendKind {
  @JsonProperty("local")
  LOCAL,
  @JsonProperty("kubernetes")
  KUBERNETES,
  @JsonProperty("docker")
  DOCKER;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static BackendKind fromWireName(String value) {
    for (BackendKind kind : values()) {
      if (kind.wireName().equals(value)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown backend: " + value);
  }
}
