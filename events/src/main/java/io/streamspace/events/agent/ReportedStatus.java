package io.streamspace.events.agent;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What an agent says about one of its sessions. */
public enum ReportedStatus {
  @JsonProperty("starting")
  STARTING,
  @JsonProperty("running")
  RUNNING,
  @JsonProperty("hibernated")
  HIBERNATED,
  @JsonProperty("stopped")
  STOPPED,
  @JsonProperty("failed")
  FAILED
}
