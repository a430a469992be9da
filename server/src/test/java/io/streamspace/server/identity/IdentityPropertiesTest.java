package io.streamspace.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Tokens name the platform that issued them: by default, the local URL of the port it serves. */
class IdentityPropertiesTest {

  @Test
  void unsetTheIssuerIsTheLocalUrlOfTheServersPort() {
    IdentityProperties properties = bind(Map.of());

    assertThat(properties.issuerFor("9123")).isEqualTo("http://localhost:9123");
  }

  @Test
  void withoutAPortTheIssuerIsTheDefaultPorts() {
    assertThat(bind(Map.of()).issuerFor(null)).isEqualTo("http://localhost:8000");
  }

  @Test
  void aConfiguredIssuerWinsWhateverThePort() {
    IdentityProperties properties =
        bind(Map.of("streamspace.identity.issuer", "https://streams.example.com"));

    assertThat(properties.issuerFor("9123")).isEqualTo("https://streams.example.com");
  }

  @Test
  void theAccountCheckDefaultsToAFewSecondsAndABoundedCache() {
    IdentityProperties properties = bind(Map.of());

    assertThat(properties.accountCheckInterval()).hasSeconds(5);
    assertThat(properties.accountCheckCacheSize()).isEqualTo(10_000);
  }

  private static IdentityProperties bind(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values))
        .bindOrCreate("streamspace.identity", IdentityProperties.class);
  }
}
