package io.streamspace.server.axon;

import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

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
            builder ->
                builder
                    .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    // Axon's ReplayToken declares its context as a class-typed Object; Jackson 3's
                    // default validator refuses that base type outright, so replay tokens (a reset
                    // processor's tokens) could not be read back. Allow only Axon's, ours and
                    // java.lang types there.
                    .polymorphicTypeValidator(
                        BasicPolymorphicTypeValidator.builder()
                            .allowIfSubType("org.axonframework.")
                            .allowIfSubType("io.streamspace.")
                            .allowIfSubType("java.lang.")
                            .build()))
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
