package io.streamspace.server.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.command.agent.AgentProperties;
import io.streamspace.command.agent.IdleProperties;
import io.streamspace.command.apikey.ApiKeyProperties;
import io.streamspace.events.common.Caller;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import io.streamspace.server.bootstrap.LocalAgentProperties;
import io.streamspace.server.identity.IdentityProperties;
import io.streamspace.server.identity.LoginProtectionProperties;
import io.streamspace.server.identity.oidc.OidcProperties;
import io.streamspace.server.ratelimit.RateLimitProperties;
import io.streamspace.server.ratelimit.RedisProperties;
import io.streamspace.vnc.VncProperties;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The settings answer names providers and origins but never a secret the configuration holds. */
class SettingsControllerTest {

  private static final String CLIENT_SECRET = "client-secret-hunter2";
  private static final String REDIS_PASSWORD = "redis-password-hunter3";

  @Test
  void providersShowByNameAndIssuerAndNoSecretLeaves() {
    OidcProperties.Provider keycloak =
        new OidcProperties.Provider(
            "corp",
            "Corporate SSO",
            URI.create("https://sso.example.com/realms/corp"),
            null,
            null,
            null,
            null,
            "streamspace",
            CLIENT_SECRET,
            null,
            null,
            null,
            null,
            null,
            "acme",
            null);
    SettingsController controller =
        new SettingsController(
            new IdentityProperties(null, Duration.ofMinutes(30), null, Duration.ofSeconds(5), 10),
            LoginProtectionProperties.defaults(),
            new OidcProperties(List.of(keycloak), null, null, null),
            new ApiKeyProperties(Duration.ofDays(90), null, null, 600),
            new IdleProperties(Duration.ofMinutes(45), Duration.ofHours(12)),
            AgentProperties.defaults(),
            new VncProperties(
                Duration.ofMinutes(2),
                List.of("https://portal.example.com"),
                Duration.ofSeconds(2),
                4,
                65536,
                8),
            new RateLimitProperties(true, null, null, null, null, null),
            new RedisProperties("redis://:" + REDIS_PASSWORD + "@redis.example.com:6379"),
            new LocalAgentProperties(true, null, null, "local"));
    Caller root =
        new Caller(new Requester("root", "org", Role.SYSTEM_ADMIN), "req", "127.0.0.1", "test");

    PlatformSettings settings = controller.settings(root).block();
    String json =
        JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build()
            .writeValueAsString(settings);

    assertThat(settings.signIn().providers())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.displayName()).isEqualTo("Corporate SSO");
              assertThat(p.issuer()).isEqualTo("https://sso.example.com/realms/corp");
              assertThat(p.organization()).isEqualTo("acme");
            });
    assertThat(settings.signIn().tokenLifetimeSeconds()).isEqualTo(1800);
    assertThat(settings.sessions().idleHibernateAfterSeconds()).isEqualTo(2700);
    assertThat(settings.vnc().tokenLifetimeSeconds()).isEqualTo(120);
    assertThat(settings.vnc().allowedOrigins()).containsExactly("https://portal.example.com");
    assertThat(settings.rateLimits().enforced()).isTrue();
    assertThat(json)
        .contains("\"display_name\":\"Corporate SSO\"")
        .doesNotContain(CLIENT_SECRET)
        .doesNotContain(REDIS_PASSWORD)
        .doesNotContain("redis.example.com");
  }
}
