package io.streamspace.agent.runtime.local;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes the local runtime the agent's session runtime; closing the context stops its sessions. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LocalRuntimeProperties.class)
public class LocalRuntimeConfiguration {

  @Bean
  LocalRuntime localRuntime(LocalRuntimeProperties properties) {
    return new LocalRuntime(properties);
  }
}
