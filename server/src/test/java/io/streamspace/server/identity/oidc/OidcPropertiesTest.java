package io.streamspace.server.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamspace.events.common.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The provider configuration binds from properties, defaults sensibly and refuses nonsense. */
class OidcPropertiesTest {

  @Test
  void noProvidersIsTheStandaloneDefault() {
    assertThat(bind(Map.of()).providers()).isEmpty();
  }

  @Test
  void aProviderBindsWithItsClaimsAndGroupMapping() {
    OidcProperties properties =
        bind(
            Map.of(
                "streamspace.identity.oidc.providers[0].id", "okta",
                "streamspace.identity.oidc.providers[0].issuer-uri",
                    "https://example.okta.com/oauth2/default",
                "streamspace.identity.oidc.providers[0].client-id", "0oa1",
                "streamspace.identity.oidc.providers[0].audience", "api://streamspace",
                "streamspace.identity.oidc.providers[0].organization", "acme",
                "streamspace.identity.oidc.providers[0].roles.claim", "groups",
                "streamspace.identity.oidc.providers[0].roles.mapping[StreamSpace Admins]",
                    "org_admin"));

    OidcProperties.Provider okta = properties.providers().get(0);
    assertThat(okta.displayName()).isEqualTo("okta");
    assertThat(okta.expectedIssuer()).isEqualTo("https://example.okta.com/oauth2/default");
    assertThat(okta.audience()).isEqualTo("api://streamspace");
    assertThat(okta.scopes()).containsExactly("openid", "profile", "email");
    assertThat(okta.claims().userId()).isEqualTo("sub");
    assertThat(okta.roles().mapping()).containsEntry("StreamSpace Admins", Role.ORG_ADMIN);
    assertThat(okta.roles().defaultRole()).isEqualTo(Role.USER);
  }

  @Test
  void theAudienceDefaultsToTheClientId() {
    OidcProperties.Provider provider =
        bind(Map.of(
                "streamspace.identity.oidc.providers[0].id", "kc",
                "streamspace.identity.oidc.providers[0].issuer-uri",
                    "https://kc.example.com/realms/acme",
                "streamspace.identity.oidc.providers[0].client-id", "streamspace",
                "streamspace.identity.oidc.providers[0].organization", "acme"))
            .providers()
            .get(0);

    assertThat(provider.audience()).isEqualTo("streamspace");
  }

  @Test
  void theClientSecretIsReadFromItsFile(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("secret"), "s3cret\n");
    OidcProperties.Provider provider =
        bind(Map.of(
                "streamspace.identity.oidc.providers[0].id", "kc",
                "streamspace.identity.oidc.providers[0].issuer-uri", "https://kc.example.com",
                "streamspace.identity.oidc.providers[0].client-id", "streamspace",
                "streamspace.identity.oidc.providers[0].client-secret-file", secret.toString(),
                "streamspace.identity.oidc.providers[0].organization", "acme"))
            .providers()
            .get(0);

    assertThat(provider.resolveClientSecret()).isEqualTo("s3cret");
    assertThat(provider.toString()).doesNotContain("s3cret");
  }

  @Test
  void aProviderNeedsAnIssuerAClientAndAWayToItsOrganization() {
    assertThatThrownBy(
            () ->
                bind(
                    Map.of(
                        "streamspace.identity.oidc.providers[0].id", "x",
                        "streamspace.identity.oidc.providers[0].client-id", "c",
                        "streamspace.identity.oidc.providers[0].organization", "acme")))
        .hasStackTraceContaining("issuer-uri");
    assertThatThrownBy(
            () ->
                bind(
                    Map.of(
                        "streamspace.identity.oidc.providers[0].id", "x",
                        "streamspace.identity.oidc.providers[0].issuer-uri", "https://i",
                        "streamspace.identity.oidc.providers[0].client-id", "c")))
        .hasStackTraceContaining("claims.organization");
  }

  @Test
  void twoProvidersMayNotShareAnIssuer() {
    assertThatThrownBy(
            () ->
                new OidcProperties(
                    List.of(provider("a", "https://same"), provider("b", "https://same")),
                    null,
                    null,
                    null))
        .hasMessageContaining("configured twice");
  }

  private static OidcProperties.Provider provider(String id, String issuer) {
    return new OidcProperties.Provider(
        id,
        null,
        java.net.URI.create(issuer),
        null,
        null,
        null,
        null,
        "client",
        null,
        null,
        null,
        null,
        null,
        null,
        "acme",
        null);
  }

  private static OidcProperties bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("streamspace.identity.oidc", OidcProperties.class);
  }
}
