package io.streamspace.query.projection;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Registers every read model's processing group as a pooled streaming processor with an explicit
 * segment count and batch size: Axon's defaults (tracking, batch size 1) would replay slowly and
 * not share work across replicas. They read through {@link PromptEventSource}, so a local commit
 * reaches the read models at once instead of at the next poll.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProjectionProperties.class)
public class ProjectionProcessingConfiguration {

  @Bean
  ConfigurerModule queryProjectionProcessors(ProjectionProperties properties) {
    return configurer ->
        configurer.eventProcessing(
            processing -> {
              configurer.registerComponent(
                  PromptEventSource.class, config -> new PromptEventSource(config.eventStore()));
              // the same source for processors outside the query side (the agent dispatcher)
              configurer.registerComponent(
                  StreamableMessageSource.class,
                  config -> config.getComponent(PromptEventSource.class));
              for (String group : ProjectionGroups.ALL) {
                processing.registerPooledStreamingEventProcessor(
                    group,
                    config -> config.getComponent(PromptEventSource.class),
                    (config, builder) ->
                        builder
                            .initialSegmentCount(properties.segmentsOf(group))
                            .batchSize(properties.batchSizeOf(group))
                            .maxClaimedSegments(properties.maxClaimedSegments())
                            .tokenClaimInterval(properties.tokenClaimIntervalMillis()));
                processing.assignProcessingGroup(group, group);
              }
            });
  }
}
