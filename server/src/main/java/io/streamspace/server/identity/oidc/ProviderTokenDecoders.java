package io.streamspace.server.identity.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSecurityContextJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * The decoders that check a provider's tokens: the signature against the provider's key set ({@link
 * ProviderKeySet}: read again when a token names a key it does not hold, so the provider can rotate
 * keys), the issuer, the audience and the expiry. One for API access tokens (audience: the
 * configured {@code audience}) and one for ID tokens (audience: the client id).
 */
class ProviderTokenDecoders {

  /** The two decoders of one provider. */
  record Decoders(ReactiveJwtDecoder accessTokens, ReactiveJwtDecoder idTokens) {}

  private final ProviderDiscovery discovery;
  private final WebClient webClient;
  private final Duration keyRefreshCooldown;
  private final Duration keySetMaxAge;
  private final Clock clock;
  private final Map<String, Mono<Decoders>> decoders = new ConcurrentHashMap<>();

  ProviderTokenDecoders(
      ProviderDiscovery discovery,
      WebClient webClient,
      Duration keyRefreshCooldown,
      Duration keySetMaxAge,
      Clock clock) {
    this.discovery = discovery;
    this.webClient = webClient;
    this.keyRefreshCooldown = keyRefreshCooldown;
    this.keySetMaxAge = keySetMaxAge;
    this.clock = clock;
  }

  Mono<Decoders> of(OidcProperties.Provider provider) {
    return decoders.computeIfAbsent(
        provider.id(),
        id ->
            discovery
                .endpointsOf(provider)
                .map(endpoints -> build(provider, endpoints))
                // Rebuilt when the discovery document is due to be read again (so a moved key set
                // or issuer is followed); the decoder follows key rotation in between. A failure
                // is not kept.
                .cache(built -> keySetMaxAge, e -> Duration.ZERO, () -> Duration.ZERO));
  }

  private Decoders build(OidcProperties.Provider provider, ProviderEndpoints endpoints) {
    ProviderKeySet keys =
        new ProviderKeySet(
            provider.id(),
            webClient,
            endpoints.jwksUri(),
            keyRefreshCooldown,
            keySetMaxAge,
            System::nanoTime);
    return new Decoders(
        decoder(provider, endpoints, keys, provider.audience()),
        decoder(provider, endpoints, keys, provider.clientId()));
  }

  private ReactiveJwtDecoder decoder(
      OidcProperties.Provider provider,
      ProviderEndpoints endpoints,
      ProviderKeySet keys,
      String audience) {
    Set<JWSAlgorithm> algorithms =
        signatureAlgorithms(provider).stream()
            .map(algorithm -> JWSAlgorithm.parse(algorithm.getName()))
            .collect(Collectors.toUnmodifiableSet());
    NimbusReactiveJwtDecoder decoder =
        NimbusReactiveJwtDecoder.withJwkSource(keys::keysFor)
            // Providers differ in the typ header of access tokens (JWT, at+jwt, their own): the
            // signature, issuer and audience are what make a token acceptable here.
            .validateType(false)
            .jwtProcessorCustomizer(
                processor ->
                    processor.setJWSKeySelector(
                        new JWSVerificationKeySelector<>(
                            algorithms, new JWKSecurityContextJWKSet())))
            .build();
    JwtTimestampValidator timestamps = new JwtTimestampValidator();
    timestamps.setClock(clock);
    OAuth2TokenValidator<Jwt> audienceValidator =
        new JwtClaimValidator<List<String>>(
            JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience));
    OAuth2TokenValidator<Jwt> expiryPresent =
        new JwtClaimValidator<Object>(JwtClaimNames.EXP, exp -> exp != null);
    decoder.setJwtValidator(
        new DelegatingOAuth2TokenValidator<>(
            timestamps,
            new JwtIssuerValidator(endpoints.issuer()),
            audienceValidator,
            expiryPresent));
    return decoder;
  }

  private static List<SignatureAlgorithm> signatureAlgorithms(OidcProperties.Provider provider) {
    return provider.algorithms().stream()
        .map(
            name -> {
              // Asymmetric algorithms only: "none" and HMAC (which would verify with a value
              // anyone can read from the key set) are not SignatureAlgorithms at all.
              SignatureAlgorithm algorithm = SignatureAlgorithm.from(name);
              if (algorithm == null) {
                throw new IllegalArgumentException(
                    "provider " + provider.id() + ": unsupported signature algorithm " + name);
              }
              return algorithm;
            })
        .toList();
  }
}
