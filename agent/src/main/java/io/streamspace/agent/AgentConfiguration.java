package io.streamspace.agent;

import io.streamspace.agent.runtime.SessionRuntime;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Builds the agent from {@code streamspace.agent.*} over the configured session runtime. Imported
 * by {@link AgentApplication}, deliberately not a {@code @Configuration}: component scans of {@code
 * io.streamspace} (the server's) must not find it.
 */
@EnableConfigurationProperties(AgentProperties.class)
class AgentConfiguration {

  @Bean
  AgentSettings agentSettings(AgentProperties properties) {
    return properties.resolve();
  }

  // Closed before the runtime it uses (it depends on it), so no order runs while sessions stop.
  @Bean(initMethod = "start", destroyMethod = "close")
  Agent agent(AgentSettings settings, SessionRuntime runtime) {
    return new Agent(settings, runtime);
  }
}
