package io.streamspace.server.axon;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;
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
    Map<String, ProcessorLatency> monitors = new ConcurrentHashMap<>();
    return configurer ->
        configurer.configureMessageMonitor(
            EventProcessor.class,
            (configuration, componentType, processorName) ->
                latencyOf(processorName, meters, monitors));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static MessageMonitor<Message<?>> latencyOf(
      String processorName, MeterRegistry meters, Map<String, ProcessorLatency> monitors) {
    // one monitor per processor, however often Axon asks: a second gauge of the same name and tags
    // would be ignored by the registry, and the monitor that fed it would report nothing
    MessageMonitor<EventMessage<?>> monitor =
        monitors.computeIfAbsent(processorName, name -> new ProcessorLatency(name, meters));
    return (MessageMonitor) monitor;
  }

  /**
   * How old the last event a processor took in was, in milliseconds, as the gauge {@code
   * eventProcessor.latency{processor=...}}: Axon's {@code EventProcessorLatencyMonitor} reports the
   * same, but registers its gauge again for every message (a registry lookup, and a warning that
   * the registration is ignored).
   */
  static final class ProcessorLatency implements MessageMonitor<EventMessage<?>> {

    private final AtomicLong millis = new AtomicLong();
    private final Clock clock;

    ProcessorLatency(String processorName, MeterRegistry meters) {
      this.clock = meters.config().clock();
      Gauge.builder("eventProcessor.latency", millis, AtomicLong::get)
          .tags("processor", processorName)
          .strongReference(true)
          .register(meters);
    }

    @Override
    public MonitorCallback onMessageIngested(EventMessage<?> message) {
      millis.set(clock.wallTime() - message.getTimestamp().toEpochMilli());
      return NoOpMessageMonitorCallback.INSTANCE;
    }
  }
}
