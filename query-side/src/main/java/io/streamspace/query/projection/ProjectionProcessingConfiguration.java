package io.streamspace.query.projection;

import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Runs the read models' processing groups in pooled streaming processors with an explicit segment
 * count and batch size: Axon's defaults (tracking, batch size 1) would replay slowly and not share
 * work across replicas. Each read model runs in a processor of its own unless configuration gives
 * several one processor, which then reads, deserializes and commits each batch once, with one
 * token, for all of them (ADR 0009). They read through {@link PromptEventSource}, so a local commit
 * reaches the read models at once instead of at the next poll.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProjectionProperties.class)
public class ProjectionProcessingConfiguration {

  @Bean
  ConfigurerModule queryProjectionProcessors(
      ProjectionProperties properties, DataSource dataSource) {
    return configurer ->
        configurer.eventProcessing(
            processing -> {
              configurer.registerComponent(
                  PromptEventSource.class,
                  config ->
                      new PromptEventSource(
                          config.eventStore(),
                          java.time.Duration.ofMillis(properties.wakeIntervalMillis())));
              // the same source for processors outside the query side (the agent dispatcher)
              configurer.registerComponent(
                  StreamableMessageSource.class,
                  config -> config.getComponent(PromptEventSource.class));
              for (String processor : properties.processorNames()) {
                processing.registerPooledStreamingEventProcessor(
                    processor,
                    config -> config.getComponent(PromptEventSource.class),
                    (config, builder) ->
                        builder
                            .initialSegmentCount(properties.segmentsOf(processor))
                            .batchSize(properties.batchSizeOf(processor))
                            .maxClaimedSegments(properties.maxClaimedSegments())
                            .tokenClaimInterval(properties.tokenClaimIntervalMillis()));
                if (!properties.waitForDisk()) {
                  processing.registerTransactionManager(
                      processor,
                      config ->
                          new RebuildableCommits(
                              config.getComponent(TransactionManager.class), dataSource));
                }
              }
              for (String readModel : ProjectionGroups.ALL) {
                processing.assignProcessingGroup(readModel, properties.processorOf(readModel));
                // Without it the dead-letter queue is asked about every event's aggregate (a
                // query per event and read model); the cache knows a segment's queue was empty.
                processing.registerDeadLetteringEventHandlerInvokerConfiguration(
                    readModel, (config, builder) -> builder.enableSequenceIdentifierCache());
              }
            });
  }
}
