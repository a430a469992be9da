package io.streamspace.server.identity.oidc;

import io.streamspace.events.common.Role;
import java.util.Collection;
import java.util.Map;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/** Reads an {@link ExternalIdentity} from a provider's token through its configured claims. */
final class ClaimMapping {

  private static final int MAX_TEXT = 254;

  private ClaimMapping() {}

  /**
   * The identity {@code token} describes. Fails with {@link InvalidBearerTokenException} when the
   * token lacks the user id or the organization.
   */
  static ExternalIdentity identityOf(OidcProperties.Provider provider, Jwt token) {
    OidcProperties.Claims claims = provider.claims();
    String subject = text(claim(token.getClaims(), claims.userId()));
    if (subject == null) {
      throw new InvalidBearerTokenException("the token has no " + claims.userId() + " claim");
    }
    String organization =
        provider.organization() != null
            ? provider.organization()
            : text(claim(token.getClaims(), claims.organization()));
    if (organization == null) {
      throw new InvalidBearerTokenException(
          "the token has no " + claims.organization() + " claim naming an organization");
    }
    return new ExternalIdentity(
        provider.id(),
        subject,
        text(claim(token.getClaims(), claims.username())),
        text(claim(token.getClaims(), claims.email())),
        text(claim(token.getClaims(), claims.displayName())),
        organization,
        roleOf(provider.roles(), token.getClaims()));
  }

  /**
   * The role the person's groups map to: the highest of the mapped ones (a member of both the
   * users' and the admins' group is an admin), else the default.
   */
  static Role roleOf(OidcProperties.RoleMapping mapping, Map<String, Object> claims) {
    if (mapping.claim() == null) {
      return mapping.defaultRole();
    }
    Object groups = claim(claims, mapping.claim());
    Role best = null;
    if (groups instanceof Collection<?> many) {
      for (Object group : many) {
        best = higher(best, mapping.mapping().get(String.valueOf(group)));
      }
    } else if (groups != null) {
      best = mapping.mapping().get(String.valueOf(groups));
    }
    return best != null ? best : mapping.defaultRole();
  }

  private static Role higher(Role a, Role b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.ordinal() >= b.ordinal() ? a : b;
  }

  /** A claim by name, or by dotted path into nested objects when no claim has the whole name. */
  static Object claim(Map<String, Object> claims, String name) {
    if (name == null) {
      return null;
    }
    if (claims.containsKey(name)) {
      return claims.get(name);
    }
    Object current = claims;
    for (String part : name.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(part);
    }
    return current;
  }

  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    String text = String.valueOf(value).strip();
    if (text.isEmpty()) {
      return null;
    }
    return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
  }
}
