package io.streamspace.server.bootstrap;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives the platform defaults that work standalone and maps the launcher's {@code STREAMSPACE_*}
 * variables onto typed properties.
 *
 * <p>The defaults sit at the lowest precedence, so application files, system properties and
 * Spring-style environment variables all override them. The variables are named the way users type
 * them ({@code STREAMSPACE_DATA_DIR}), which Spring's relaxed binding would otherwise read as
 * {@code streamspace.data.dir}.
 */
public class StandaloneDefaults implements EnvironmentPostProcessor {

  static final String SOURCE_NAME = "streamspaceStandaloneDefaults";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put("server.port", "${STREAMSPACE_PORT:8000}");
    defaults.put("streamspace.data-dir", "${STREAMSPACE_DATA_DIR:${user.home}/.streamspace}");
    defaults.put(
        "streamspace.identity.signing-key", "${streamspace.data-dir}/keys/jwt-signing.json");
    defaults.put("streamspace.bootstrap.admin-password", "${STREAMSPACE_ADMIN_PASSWORD:}");
    environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
  }
}
