package io.streamspace.server.identity.oidc;

import com.nimbusds.jwt.JWTParser;
import io.streamspace.server.identity.RequesterAuthentication;
import io.streamspace.server.web.ClientAddressResolver;
import java.text.ParseException;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.ReactiveAuthenticationManagerResolver;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Chooses who checks a bearer token by its (not yet verified) issuer: the platform's own tokens go
 * to the platform's manager as before; a configured provider's access token is verified against
 * that provider's keys, issuer, audience and expiry and mapped to the platform's account
 * (provisioned on first sight). Any other issuer is refused.
 *
 * <p>Reading {@code iss} before the signature is checked is safe: it only picks the verifier, and
 * each verifier accepts only its own issuer.
 */
public final class BearerTokenAuthentication
    implements ReactiveAuthenticationManagerResolver<ServerWebExchange> {

  private final ReactiveAuthenticationManager platform;
  private final String platformIssuer;
  private final Map<String, OidcProperties.Provider> providersByIssuer;
  private final ProviderTokenDecoders decoders;
  private final ExternalUsers users;
  private final ClientAddressResolver addresses;

  BearerTokenAuthentication(
      ReactiveAuthenticationManager platform,
      String platformIssuer,
      OidcProperties properties,
      ProviderTokenDecoders decoders,
      ExternalUsers users,
      ClientAddressResolver addresses) {
    this.platform = platform;
    this.platformIssuer = platformIssuer;
    this.providersByIssuer =
        properties.providers().stream()
            .collect(
                Collectors.toUnmodifiableMap(
                    OidcProperties.Provider::expectedIssuer, Function.identity()));
    this.decoders = decoders;
    this.users = users;
    this.addresses = addresses;
  }

  @Override
  public Mono<ReactiveAuthenticationManager> resolve(ServerWebExchange exchange) {
    if (providersByIssuer.isEmpty()) {
      return Mono.just(platform); // no single sign-on: exactly the standalone behaviour
    }
    return Mono.just(authentication -> authenticate(authentication, exchange));
  }

  private Mono<Authentication> authenticate(
      Authentication authentication, ServerWebExchange exchange) {
    if (!(authentication instanceof BearerTokenAuthenticationToken bearer)) {
      return platform.authenticate(authentication);
    }
    String issuer;
    try {
      issuer = JWTParser.parse(bearer.getToken()).getJWTClaimsSet().getIssuer();
    } catch (ParseException e) {
      return Mono.error(new InvalidBearerTokenException("the bearer token is not a JWT", e));
    }
    if (issuer == null || issuer.equals(platformIssuer)) {
      return platform.authenticate(authentication);
    }
    OidcProperties.Provider provider = providersByIssuer.get(issuer);
    if (provider == null) {
      return Mono.error(new InvalidBearerTokenException("the token's issuer is not trusted"));
    }
    return decoders
        .of(provider)
        .flatMap(d -> d.accessTokens().decode(bearer.getToken()))
        // A bad token, or a provider whose discovery or key set cannot be read right now (logged
        // where it happened): either way this token cannot be verified.
        .onErrorMap(
            e -> !(e instanceof AuthenticationException),
            e ->
                new InvalidBearerTokenException(
                    e instanceof JwtException
                        ? e.getMessage()
                        : "the identity provider cannot be reached",
                    e))
        .flatMap(
            jwt ->
                users
                    .accountOf(
                        ClaimMapping.identityOf(provider, jwt),
                        RequestFacts.of(exchange, addresses))
                    .map(
                        account ->
                            (Authentication)
                                new RequesterAuthentication(account.requester(), jwt)));
  }
}
