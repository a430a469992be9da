package io.streamspace.agent;

import io.streamspace.agent.runtime.local.LocalRuntimeConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

/**
 * The agent: connects outbound to the API server over RSocket and runs the sessions it is ordered
 * to through its runtime (the local one: Xvfb, the app and x11vnc as processes on this machine).
 *
 * <p>Only active when started as the agent ({@link #builder()} sets {@value #ACTIVE}): the server
 * scans all of {@code io.streamspace}, and with this module on its test classpath it must not pick
 * up an agent, let alone a local runtime that stops the sessions it finds in its data directory.
 */
@SpringBootApplication
@ConditionalOnProperty(name = AgentApplication.ACTIVE, havingValue = "true")
@Import({AgentConfiguration.class, LocalRuntimeConfiguration.class})
public class AgentApplication {

  static final String ACTIVE = "streamspace.agent.application";

  public static void main(String[] args) {
    builder().run(args);
  }

  /** The agent application, without a web server, ready to run with the given arguments. */
  public static SpringApplicationBuilder builder() {
    // No application.properties in this jar: it would shadow the server's when this module is on
    // the server's test classpath. The settings are defaults in code instead.
    return new SpringApplicationBuilder(AgentApplication.class)
        .web(WebApplicationType.NONE)
        .properties("spring.main.web-application-type=none", ACTIVE + "=true");
  }
}
