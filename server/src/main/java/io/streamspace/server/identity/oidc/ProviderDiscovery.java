package io.streamspace.server.identity.oidc;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Reads each provider's OpenID Connect discovery document when it is first needed and keeps it for
 * {@code refresh}. Lazily, not at startup: a provider that is down must not keep the platform (and
 * its password login) from starting, and a failed read is tried again on the next request.
 */
class ProviderDiscovery {

  private static final Logger log = LoggerFactory.getLogger(ProviderDiscovery.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final WebClient webClient;
  private final Duration refresh;
  private final Map<String, Mono<ProviderEndpoints>> endpoints = new ConcurrentHashMap<>();

  ProviderDiscovery(WebClient webClient, Duration refresh) {
    this.webClient = webClient;
    this.refresh = refresh;
  }

  /** The provider's endpoints, read from discovery or taken from its configuration. */
  Mono<ProviderEndpoints> endpointsOf(OidcProperties.Provider provider) {
    if (provider.issuerUri() == null) {
      return Mono.just(
          new ProviderEndpoints(
              provider.issuer(),
              provider.authorizationUri(),
              provider.tokenUri(),
              provider.jwksUri()));
    }
    return endpoints.computeIfAbsent(
        provider.id(),
        id ->
            discover(provider)
                .cache(found -> refresh, failure -> Duration.ZERO, () -> Duration.ZERO));
  }

  private Mono<ProviderEndpoints> discover(OidcProperties.Provider provider) {
    URI issuer = provider.issuerUri();
    URI location =
        UriComponentsBuilder.fromUri(issuer)
            .replacePath(stripTrailingSlash(issuer.getPath()) + "/.well-known/openid-configuration")
            .build(true)
            .toUri();
    return webClient
        .get()
        .uri(location)
        .retrieve()
        .bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {})
        .timeout(TIMEOUT)
        .map(document -> endpointsFrom(provider, document))
        .doOnNext(found -> log.info("OIDC provider {}: discovered {}", provider.id(), found))
        .doOnError(
            e ->
                log.warn(
                    "OIDC provider {}: discovery at {} failed: {}",
                    provider.id(),
                    location,
                    e.toString()));
  }

  private static ProviderEndpoints endpointsFrom(
      OidcProperties.Provider provider, Map<String, Object> document) {
    Object issuer = document.get("issuer");
    // OpenID Connect Discovery 1.0, section 4.3: the document's issuer must be the one asked for.
    if (issuer == null || !provider.issuerUri().toString().equals(issuer.toString())) {
      throw new IllegalStateException(
          "provider "
              + provider.id()
              + ": discovery names issuer "
              + issuer
              + ", not the configured "
              + provider.issuerUri());
    }
    Object jwks = document.get("jwks_uri");
    if (jwks == null) {
      throw new IllegalStateException("provider " + provider.id() + ": discovery has no jwks_uri");
    }
    return new ProviderEndpoints(
        issuer.toString(),
        uri(provider.authorizationUri(), document.get("authorization_endpoint")),
        uri(provider.tokenUri(), document.get("token_endpoint")),
        provider.jwksUri() != null ? provider.jwksUri() : URI.create(jwks.toString()));
  }

  private static URI uri(URI configured, Object discovered) {
    if (configured != null) {
      return configured;
    }
    return discovered == null ? null : URI.create(discovered.toString());
  }

  private static String stripTrailingSlash(String path) {
    if (path == null) {
      return "";
    }
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
