package io.streamspace.server.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamspace.events.common.Role;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/** How a provider's claims become an identity: names, organization and the role of the groups. */
class ClaimMappingTest {

  private static final OidcProperties.RoleMapping GROUPS =
      new OidcProperties.RoleMapping(
          "groups",
          Map.of("staff", Role.USER, "admins", Role.ORG_ADMIN, "operators", Role.SYSTEM_ADMIN),
          Role.USER);

  @Test
  void theHighestRoleAmongThePersonsGroupsWins() {
    assertThat(ClaimMapping.roleOf(GROUPS, Map.of("groups", List.of("staff", "admins"))))
        .isEqualTo(Role.ORG_ADMIN);
    assertThat(ClaimMapping.roleOf(GROUPS, Map.of("groups", List.of("operators", "staff"))))
        .isEqualTo(Role.SYSTEM_ADMIN);
  }

  @Test
  void unmappedOrMissingGroupsGiveTheDefaultRole() {
    assertThat(ClaimMapping.roleOf(GROUPS, Map.of("groups", List.of("sales"))))
        .isEqualTo(Role.USER);
    assertThat(ClaimMapping.roleOf(GROUPS, Map.of())).isEqualTo(Role.USER);
    OidcProperties.RoleMapping defaultAdmin =
        new OidcProperties.RoleMapping("groups", Map.of(), Role.ORG_ADMIN);
    assertThat(ClaimMapping.roleOf(defaultAdmin, Map.of())).isEqualTo(Role.ORG_ADMIN);
  }

  @Test
  void aSingleGroupAsAStringIsMappedToo() {
    assertThat(ClaimMapping.roleOf(GROUPS, Map.of("groups", "admins"))).isEqualTo(Role.ORG_ADMIN);
  }

  @Test
  void aDottedClaimNameReadsNestedObjectsAsKeycloakNestsRealmRoles() {
    OidcProperties.RoleMapping realmRoles =
        new OidcProperties.RoleMapping(
            "realm_access.roles", Map.of("streamspace-admin", Role.ORG_ADMIN), Role.USER);
    Map<String, Object> claims =
        Map.of("realm_access", Map.of("roles", List.of("offline_access", "streamspace-admin")));

    assertThat(ClaimMapping.roleOf(realmRoles, claims)).isEqualTo(Role.ORG_ADMIN);
  }

  @Test
  void aClaimWhoseNameHasDotsIsReadWholeFirstAsAuth0NamespacesThem() {
    Map<String, Object> claims = Map.of("https://example.com/groups", List.of("admins"));
    OidcProperties.RoleMapping namespaced =
        new OidcProperties.RoleMapping(
            "https://example.com/groups", Map.of("admins", Role.ORG_ADMIN), Role.USER);

    assertThat(ClaimMapping.roleOf(namespaced, claims)).isEqualTo(Role.ORG_ADMIN);
  }

  @Test
  void theIdentityComesFromTheConfiguredClaims() {
    OidcProperties.Provider provider =
        provider(
            new OidcProperties.Claims("oid", "upn", "mail", "full_name", "tenant"), null, GROUPS);
    Jwt token =
        jwt(
            Map.of(
                "oid", "42",
                "upn", "ada",
                "mail", "ada@example.com",
                "full_name", "Ada Lovelace",
                "tenant", "research",
                "groups", List.of("admins")));

    assertThat(ClaimMapping.identityOf(provider, token))
        .isEqualTo(
            new ExternalIdentity(
                "corp",
                "42",
                "ada",
                "ada@example.com",
                "Ada Lovelace",
                "research",
                Role.ORG_ADMIN));
  }

  @Test
  void aFixedOrganizationOfTheProviderNeedsNoClaim() {
    OidcProperties.Provider provider = provider(OidcProperties.Claims.DEFAULTS, "acme", GROUPS);

    assertThat(ClaimMapping.identityOf(provider, jwt(Map.of("sub", "7"))).organization())
        .isEqualTo("acme");
  }

  @Test
  void aTokenWithoutItsOrganizationClaimIsRefused() {
    OidcProperties.Provider provider =
        provider(new OidcProperties.Claims(null, null, null, null, "org"), null, GROUPS);

    assertThatThrownBy(() -> ClaimMapping.identityOf(provider, jwt(Map.of("sub", "7"))))
        .isInstanceOf(InvalidBearerTokenException.class)
        .hasMessageContaining("org");
  }

  private static OidcProperties.Provider provider(
      OidcProperties.Claims claims, String organization, OidcProperties.RoleMapping roles) {
    return new OidcProperties.Provider(
        "corp",
        null,
        URI.create("https://idp.example.com"),
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
        claims,
        organization,
        roles);
  }

  private static Jwt jwt(Map<String, Object> claims) {
    Jwt.Builder builder =
        Jwt.withTokenValue("t")
            .header("alg", "RS256")
            .issuedAt(Instant.now())
            .expiresAt(Instant.now().plusSeconds(60));
    claims.forEach(builder::claim);
    if (!claims.containsKey("sub")) {
      builder.subject("ignored-unless-mapped");
    }
    return builder.build();
  }
}
