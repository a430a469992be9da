package io.streamspace.bench.minimal;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The reference the control-plane target was set against: a minimal Axon + JDBC + WebFlux
 * application with one aggregate and one projection, on StreamSpace's versions, so that one run can
 * measure what the stack itself allows on this machine beside what StreamSpace does.
 *
 * <p>It is as lean as that stack gets without leaving it: the same JDBC event store, token store,
 * Jackson serializer and pooled streaming processor as the server, Axon's timeouts and per-message
 * metrics off, commands dispatched off the event loop. It has no security, no quota, no audit log,
 * no dispatcher and no other read model.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class MinimalAxonApp {

  public static void main(String[] args) {
    SpringApplication application = new SpringApplication(MinimalAxonApp.class);
    application.setDefaultProperties(
        Map.of(
            "spring.main.banner-mode", "off",
            "spring.jackson.property-naming-strategy", "SNAKE_CASE",
            "axon.axonserver.enabled", "false",
            "axon.update-check.disabled", "true",
            "axon.metrics.auto-configuration.enabled", "false",
            "axon.timeout.enabled", "false",
            "axon.serializer.general", "jackson3",
            "axon.serializer.events", "jackson3",
            "axon.serializer.messages", "jackson3"));
    application.run(args);
  }
}
