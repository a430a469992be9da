package io.streamspace.events.session;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a session is in its lifecycle: pending → starting → running ⇄ hibernated → stopped. */
public enum SessionStatus {
  @JsonProperty("pending")
  PENDING,
  @JsonProperty("starting")
  STARTING,
  @JsonProperty("running")
  RUNNING,
  @JsonProperty("hibernated")
  HIBERNATED,
  @JsonProperty("stopped")
  STOPPED,
  @JsonProperty("failed")
  FAILED;

  /** Stopped and failed sessions never change again and hold no quota. */
  public boolean isTerminal() {
    return this == STOPPED || this == FAILED;
  }

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static SessionStatus fromWireName(String value) {
    for (SessionStatus status : values()) {
      if (status.wireName().equals(value)) {
        return status;
      }
    }
    throw new IllegalArgumentException("unknown session status: " + value);
  }
}
