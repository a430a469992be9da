package io.streamspace.server.axon;

import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.PropertyNamingStrategies;

/**
 * JSON for everything Axon stores (events, snapshots, tokens, sagas, dead letters): readable in the
 * database, safe (no XStream), and in the same snake_case as the public API.
 */
@Configuration(proxyBeanMethods = false)
public class AxonSerializationConfiguration {

  /** The one serializer Axon uses for every kind of message and stored state. */
  public static Serializer streamSpaceSerializer() {
    return Jackson3Serializer.builder()
        .revisionResolver(new PublishedLanguageRevisionResolver())
        .jsonMapperBuilderCustomizer(
            builder -> builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE))
        .build();
  }

  @Bean
  @Primary
  Serializer serializer() {
    return streamSpaceSerializer();
  }

  @Bean
  @Qualifier("eventSerializer")
  Serializer eventSerializer() {
    return streamSpaceSerializer();
  }

  @Bean
  @Qualifier("messageSerializer")
  Serializer messageSerializer() {
    return streamSpaceSerializer();
  }
}
