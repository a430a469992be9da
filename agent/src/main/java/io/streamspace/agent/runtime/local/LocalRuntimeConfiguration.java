package io.streamspace.agent.runtime.local;

import java.nio.file.Path;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Makes the local runtime the agent's session runtime; closing the context stops its sessions.
 * Imported by the agent application, deliberately not a {@code @Configuration}: a component scan of
 * {@code io.streamspace} elsewhere (the server's) must not start a runtime that stops the sessions
 * it finds in its data directory.
 */
@EnableConfigurationProperties(LocalRuntimeProperties.class)
public class LocalRuntimeConfiguration {

  @Bean
  LocalRuntime localRuntime(LocalRuntimeProperties properties, Environment environment) {
    // One data directory for the whole agent unless the runtime's own is set.
    String agentDataDir = environment.getProperty("streamspace.agent.data-dir");
    if (agentDataDir != null && !environment.containsProperty("streamspace.agent.local.data-dir")) {
      properties = properties.withDataDir(Path.of(agentDataDir));
    }
    return new LocalRuntime(properties);
  }
}
