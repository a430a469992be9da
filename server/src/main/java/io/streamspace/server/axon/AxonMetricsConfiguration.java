package io.streamspace.server.axon;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one Axon metric operators need: how far behind each event processor is ({@code
 * eventProcessor_latency_seconds{processor=...}}).
 *
 * <p>Axon's metrics auto-configuration is switched off ({@code axon.metrics.auto-configuration}):
 * it put four monitors (timer, counter, capacity, latency) on every message at every command bus,
 * event bus and processor segment, looking meters up in the registry per message, which cost about
 * a twentieth of the server's CPU under load for figures nobody read.
 */
@Configuration(proxyBeanMethods = false)
public class AxonMetricsConfiguration {

  @Bean
  ConfigurerModule eventProcessorLatency(MeterRegistry meters) {
    return configurer ->
        configurer.configureMessageMonitor(
            EventProcessor.class,
            (configuration, componentType, processorName) -> latencyOf(processorName, meters));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static MessageMonitor<Message<?>> latencyOf(String processorName, MeterRegistry meters) {
    MessageMonitor<EventMessage<?>> monitor =
        EventProcessorLatencyMonitor.builder()
            .meterNamePrefix("eventProcessor")
            .meterRegistry(meters)
            .tagsBuilder(message -> Tags.of("processor", processorName))
            .build();
    return (MessageMonitor) monitor;
  }
}
