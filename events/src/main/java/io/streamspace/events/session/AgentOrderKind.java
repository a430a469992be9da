package io.streamspace.events.session;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What an order asks of an agent. */
public enum AgentOrderKind {
  @JsonProperty("start")
  START,
  @JsonProperty("stop")
  STOP,
  @JsonProperty("hibernate")
  HIBERNATE,
  @JsonProperty("resume")
  RESUME
}
