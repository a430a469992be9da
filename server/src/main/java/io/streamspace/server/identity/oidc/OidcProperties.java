package io.streamspace.server.identity.oidc;

import io.streamspace.events.common.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The external OpenID Connect providers people may sign in with. No provider (the default) means no
 * single sign-on: the standalone password login is the only one.
 *
 * @param providers the identity providers, each with its own id
 * @param loginTimeout how long a browser has from leaving for the provider's login page to coming
 *     back with a code
 * @param discoveryRefresh how long a provider's discovery document and key set are trusted before
 *     they are read again (a key the provider withdrew stops being accepted within it)
 * @param keyRefreshCooldown the shortest time between two reads of a provider's key set prompted by
 *     tokens naming unknown keys (a rotated key is picked up at once unless the set was read within
 *     this time)
 */
@ConfigurationProperties("streamspace.identity.oidc")
public record OidcProperties(
    @DefaultValue List<Provider> providers,
    @DefaultValue("10m") Duration loginTimeout,
    @DefaultValue("1h") Duration discoveryRefresh,
    @DefaultValue("30s") Duration keyRefreshCooldown) {

  public OidcProperties {
    providers = providers == null ? List.of() : List.copyOf(providers);
    if (loginTimeout == null || loginTimeout.isNegative() || loginTimeout.isZero()) {
      loginTimeout = Duration.ofMinutes(10);
    }
    if (discoveryRefresh == null || discoveryRefresh.isNegative() || discoveryRefresh.isZero()) {
      discoveryRefresh = Duration.ofHours(1);
    }
    if (keyRefreshCooldown == null || keyRefreshCooldown.isNegative()) {
      keyRefreshCooldown = Duration.ofSeconds(30);
    }
    Set<String> ids = new HashSet<>();
    Set<String> issuers = new HashSet<>();
    for (Provider provider : providers) {
      if (!ids.add(provider.id())) {
        throw new IllegalArgumentException(
            "streamspace.identity.oidc.providers: the id " + provider.id() + " is used twice");
      }
      if (!issuers.add(provider.expectedIssuer())) {
        throw new IllegalArgumentException(
            "streamspace.identity.oidc.providers: the issuer "
                + provider.expectedIssuer()
                + " is configured twice; a token's iss must name one provider");
      }
    }
  }

  /**
   * One identity provider.
   *
   * @param id short name, used in URLs ({@code /api/v1/auth/oidc/{id}/login}) and as the account
   *     link's provider; letters, digits, '-' and '_'
   * @param displayName what the login page shows ("Sign in with ...")
   * @param issuerUri the issuer: its discovery document {@code
   *     <issuer-uri>/.well-known/openid-configuration} names the endpoints and the key set. Must
   *     equal the {@code iss} of its tokens exactly (mind trailing slashes)
   * @param jwksUri instead of discovery: the key set's URL (then {@code issuer} is required, and
   *     browser login needs {@code authorization-uri} and {@code token-uri})
   * @param issuer with {@code jwks-uri}: the expected {@code iss}
   * @param authorizationUri with {@code jwks-uri}: the authorization endpoint
   * @param tokenUri with {@code jwks-uri}: the token endpoint
   * @param clientId the platform's client id at the provider (the ID token's audience)
   * @param clientSecret the client secret; prefer {@code client-secret-file} (never in the repo).
   *     Neither: a public client (PKCE only)
   * @param clientSecretFile a file holding the client secret (e.g. a mounted Kubernetes secret)
   * @param audience the {@code aud} that API access tokens must carry; unset, the client id
   * @param scopes asked for at login
   * @param algorithms accepted signature algorithms
   * @param claims which claims say who the person is
   * @param organization a fixed organization (name or id) for everyone of this provider; else the
   *     {@code claims.organization} claim names it
   * @param roles how the provider's groups become roles
   */
  public record Provider(
      String id,
      String displayName,
      URI issuerUri,
      URI jwksUri,
      String issuer,
      URI authorizationUri,
      URI tokenUri,
      String clientId,
      String clientSecret,
      Path clientSecretFile,
      String audience,
      @DefaultValue({"openid", "profile", "email"}) List<String> scopes,
      @DefaultValue({"RS256"}) List<String> algorithms,
      @DefaultValue Claims claims,
      String organization,
      @DefaultValue RoleMapping roles) {

    public Provider {
      if (id == null || !id.matches("[A-Za-z0-9_-]{1,64}")) {
        throw new IllegalArgumentException(
            "streamspace.identity.oidc.providers[].id must be 1-64 letters, digits, '-' or '_'"
                + " (got "
                + id
                + ")");
      }
      if (displayName == null || displayName.isBlank()) {
        displayName = id;
      }
      if (issuerUri == null && (jwksUri == null || issuer == null || issuer.isBlank())) {
        throw new IllegalArgumentException(
            "provider " + id + ": set issuer-uri (discovery), or jwks-uri together with issuer");
      }
      if (clientId == null || clientId.isBlank()) {
        throw new IllegalArgumentException("provider " + id + ": client-id is required");
      }
      if (clientSecret != null && clientSecret.isBlank()) {
        clientSecret = null;
      }
      if (audience == null || audience.isBlank()) {
        audience = clientId;
      }
      scopes = scopes == null || scopes.isEmpty() ? List.of("openid", "profile", "email") : scopes;
      if (!scopes.contains("openid")) {
        scopes = concat("openid", scopes);
      }
      algorithms = algorithms == null || algorithms.isEmpty() ? List.of("RS256") : algorithms;
      claims = claims == null ? Claims.DEFAULTS : claims;
      roles = roles == null ? RoleMapping.DEFAULTS : roles;
      if (organization != null && organization.isBlank()) {
        organization = null;
      }
      if (organization == null && claims.organization() == null) {
        throw new IllegalArgumentException(
            "provider "
                + id
                + ": set organization (everyone joins it) or claims.organization (a claim names"
                + " it)");
      }
    }

    /** The {@code iss} this provider's tokens carry. */
    public String expectedIssuer() {
      return issuerUri != null ? issuerUri.toString() : issuer;
    }

    /** The client secret, read from its file when configured so. */
    public String resolveClientSecret() {
      if (clientSecretFile == null) {
        return clientSecret;
      }
      try {
        return Files.readString(clientSecretFile, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "provider " + id + ": cannot read client-secret-file " + clientSecretFile, e);
      }
    }

    @Override
    public String toString() {
      // the secret never reaches a log line
      return "Provider[id=%s, issuer=%s, clientId=%s]".formatted(id, expectedIssuer(), clientId);
    }

    private static List<String> concat(String first, List<String> rest) {
      java.util.ArrayList<String> all = new java.util.ArrayList<>(rest.size() + 1);
      all.add(first);
      all.addAll(rest);
      return List.copyOf(all);
    }
  }

  /**
   * The claims that name the person. A claim name may be a dotted path into nested objects ({@code
   * realm_access.roles}).
   *
   * @param userId the stable, unique id at the provider (never an email: emails change)
   * @param username the preferred login name; taken or absent, the account is named {@code
   *     <provider>:<subject>}
   * @param organization the claim holding the organization's name or id (unset: the provider's
   *     fixed {@code organization})
   */
  public record Claims(
      @DefaultValue("sub") String userId,
      @DefaultValue("preferred_username") String username,
      @DefaultValue("email") String email,
      @DefaultValue("name") String displayName,
      String organization) {

    static final Claims DEFAULTS = new Claims("sub", "preferred_username", "email", "name", null);

    public Claims {
      userId = orDefault(userId, "sub");
      username = orDefault(username, "preferred_username");
      email = orDefault(email, "email");
      displayName = orDefault(displayName, "name");
      organization = organization == null || organization.isBlank() ? null : organization;
    }
  }

  /**
   * How groups become roles: the first role of the highest rank among the person's groups wins.
   *
   * @param claim the claim holding the person's groups (a list or a single string); unset, everyone
   *     gets {@code default-role}
   * @param mapping group name → role ({@code user}, {@code org_admin}, {@code system_admin}). Group
   *     names with characters other than letters, digits and '-' need brackets in properties files:
   *     {@code mapping[/StreamSpace Admins]=org_admin}
   * @param defaultRole the role of someone none of whose groups is mapped
   */
  public record RoleMapping(
      String claim,
      @DefaultValue Map<String, Role> mapping,
      @DefaultValue("user") Role defaultRole) {

    static final RoleMapping DEFAULTS = new RoleMapping(null, Map.of(), Role.USER);

    public RoleMapping {
      claim = claim == null || claim.isBlank() ? null : claim;
      mapping = mapping == null ? Map.of() : Map.copyOf(mapping);
      defaultRole = defaultRole == null ? Role.USER : defaultRole;
    }
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
