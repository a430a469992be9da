package io.streamspace.command.agent;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of the agent protocol: Jackson's defaults (camelCase record components), independent of
 * the REST API's snake_case, because the agent, a separate application, uses the same defaults.
 */
final class AgentWire {

  static final JsonMapper MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private AgentWire() {}
}
