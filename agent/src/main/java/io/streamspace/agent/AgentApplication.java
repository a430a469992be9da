package io.streamspace.agent;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The agent: connects outbound to the API server over RSocket and runs the sessions it is ordered
 * to through its runtime (the local one: Xvfb, the app and x11vnc as processes on this machine).
 */
@SpringBootApplication
public class AgentApplication {

  public static void main(String[] args) {
    // No application.properties in this jar: it must not shadow the server's when the agent's jar
    // is on the server's test classpath. The defaults live in code instead.
    new SpringApplicationBuilder(AgentApplication.class)
        .web(WebApplicationType.NONE)
        .properties("spring.main.web-application-type=none")
        .run(args);
  }
}
