package io.streamspace.server.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.junit.jupiter.api.Test;

/** Each processor's latency gauge says how old the last event it took in was. */
class ProcessorLatencyTest {

  private final MockClock clock = new MockClock();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
  private final Map<String, AxonMetricsConfiguration.ProcessorLatency> monitors =
      new ConcurrentHashMap<>();

  @Test
  void theGaugeShowsTheAgeOfTheLastEventTakenIn() {
    MessageMonitor<Message<?>> sessions =
        AxonMetricsConfiguration.latencyOf("sessions", meters, monitors);
    clock.add(10, TimeUnit.SECONDS);

    sessions.onMessageIngested(eventAt(Instant.ofEpochMilli(clock.wallTime() - 250)));
    assertThat(gauge("sessions").value()).isEqualTo(250);

    sessions.onMessageIngested(eventAt(Instant.ofEpochMilli(clock.wallTime() - 4)));
    assertThat(gauge("sessions").value()).isEqualTo(4);
  }

  @Test
  void aProcessorAskedForTwiceFeedsItsOneGauge() {
    AxonMetricsConfiguration.latencyOf("audit", meters, monitors);
    MessageMonitor<Message<?>> again =
        AxonMetricsConfiguration.latencyOf("audit", meters, monitors);
    MessageMonitor<Message<?>> other =
        AxonMetricsConfiguration.latencyOf("users", meters, monitors);
    clock.add(1, TimeUnit.SECONDS);

    again.onMessageIngested(eventAt(Instant.ofEpochMilli(clock.wallTime() - 30)));
    other.onMessageIngested(eventAt(Instant.ofEpochMilli(clock.wallTime() - 7)));

    assertThat(meters.find("eventProcessor.latency").gauges()).hasSize(2);
    assertThat(gauge("audit").value()).isEqualTo(30);
    assertThat(gauge("users").value()).isEqualTo(7);
  }

  private Gauge gauge(String processor) {
    return meters.get("eventProcessor.latency").tag("processor", processor).gauge();
  }

  private static GenericEventMessage<String> eventAt(Instant timestamp) {
    return new GenericEventMessage<>(new GenericMessage<>("payload"), () -> timestamp);
  }
}
