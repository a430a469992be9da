package io.streamspace.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import tools.jackson.core.util.BufferRecycler;
import tools.jackson.core.util.RecyclerPool;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

class ApiJsonMapperTest {

  private record Answer(String sessionId, int cpuMillis) {}

  private final JsonMapper json =
      WebConfiguration.jsonMapperBuilder(
              List.of(
                  builder -> builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)))
          .build();

  @Test
  void anAnswerTakesTheBufferRecyclerItsThreadAlreadyHas() {
    RecyclerPool<BufferRecycler> pool = json.tokenStreamFactory()._getRecyclerPool();

    // Spring's encoder takes one like this for every answer and never gives it back
    BufferRecycler first = pool.acquireAndLinkPooled();
    BufferRecycler second = pool.acquireAndLinkPooled();

    assertThat(second).isSameAs(first);
  }

  @Test
  void answersAreWrittenWithTheCustomizersApplied() {
    String written =
        new JacksonJsonEncoder(json)
            .encodeValue(
                new Answer("s-1", 500),
                DefaultDataBufferFactory.sharedInstance,
                ResolvableType.forClass(Answer.class),
                MediaType.APPLICATION_JSON,
                null)
            .toString(java.nio.charset.StandardCharsets.UTF_8);

    assertThat(written).isEqualTo("{\"session_id\":\"s-1\",\"cpu_millis\":500}");
  }
}
