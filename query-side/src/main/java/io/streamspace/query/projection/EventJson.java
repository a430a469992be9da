package io.streamspace.query.projection;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Event payloads as the API shows them: snake_case JSON, the same shape the audit log stores and
 * the session history answers, whatever the server's own mapper does.
 */
public final class EventJson {

  // An event without fields is still an event: the audit log must record it, not fail on it.
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .build();

  private EventJson() {}

  public static JsonMapper mapper() {
    return MAPPER;
  }

  public static String toJson(Object payload) {
    return MAPPER.writeValueAsString(payload);
  }

  public static JsonNode toTree(Object payload) {
    return MAPPER.valueToTree(payload);
  }

  public static JsonNode parse(String json) {
    return MAPPER.readTree(json);
  }
}
