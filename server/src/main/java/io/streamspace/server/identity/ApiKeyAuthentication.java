package io.streamspace.server.identity;

import io.streamspace.command.apikey.ApiKeyCredential;
import io.streamspace.command.apikey.ApiKeyCredentials;
import io.streamspace.command.apikey.ApiKeySecrets;
import io.streamspace.command.apikey.ApiKeyUsage;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import io.streamspace.server.web.ClientAddressResolver;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The second way into the API besides the platform's JWTs: an API key, sent as {@code
 * Authorization: Bearer ssk_...} or {@code X-API-Key: ssk_...}. The key is checked against the
 * {@code api_key} table (hash lookup, constant-time compare, unrevoked, unexpired) and its owner
 * against the account table, like every token: a disabled owner's keys stop working. The requester
 * acts with the lower of the key's scope and the owner's current role.
 */
final class ApiKeyAuthentication {

  /** The header scripts may send the key in instead of {@code Authorization}. */
  static final String API_KEY_HEADER = "X-API-Key";

  private static final String BEARER = "bearer ";

  private final ApiKeyCredentials credentials;
  private final ApiKeyUsage usage;
  private final CachedAccountStandings standings;
  private final ClientAddressResolver clientAddresses;

  ApiKeyAuthentication(
      ApiKeyCredentials credentials,
      ApiKeyUsage usage,
      CachedAccountStandings standings,
      ClientAddressResolver clientAddresses) {
    this.credentials = credentials;
    this.usage = usage;
    this.standings = standings;
    this.clientAddresses = clientAddresses;
  }

  /** The filter that authenticates requests carrying an API key where {@code guarded} matches. */
  AuthenticationWebFilter filter(
      ServerWebExchangeMatcher guarded, ServerAuthenticationEntryPoint entryPoint) {
    AuthenticationWebFilter filter = new AuthenticationWebFilter(manager());
    filter.setServerAuthenticationConverter(presentedKeys(guarded));
    filter.setAuthenticationFailureHandler(
        new ServerAuthenticationEntryPointFailureHandler(entryPoint));
    filter.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
    return filter;
  }

  /**
   * {@code bearerTokens} minus the requests that carry an API key, so the JWT check never sees (and
   * refuses) a key.
   */
  static ServerAuthenticationConverter exceptApiKeys(ServerAuthenticationConverter bearerTokens) {
    return exchange ->
        presentedKey(exchange) != null ? Mono.empty() : bearerTokens.convert(exchange);
  }

  /** The API key a request presents, or null when it presents none. */
  static String presentedKey(ServerWebExchange exchange) {
    HttpHeaders headers = exchange.getRequest().getHeaders();
    String header = headers.getFirst(API_KEY_HEADER);
    if (header != null) {
      return header.trim();
    }
    String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      String bearer = authorization.substring(BEARER.length()).trim();
      if (ApiKeySecrets.looksLikeApiKey(bearer)) {
        return bearer;
      }
    }
    return null;
  }

  private ServerAuthenticationConverter presentedKeys(ServerWebExchangeMatcher guarded) {
    return exchange ->
        guarded
            .matches(exchange)
            .filter(ServerWebExchangeMatcher.MatchResult::isMatch)
            .flatMap(
                match -> {
                  String key = presentedKey(exchange);
                  return key == null
                      ? Mono.empty()
                      : Mono.just(new PresentedKey(key, clientAddresses.clientAddress(exchange)));
                });
  }

  private ReactiveAuthenticationManager manager() {
    return authentication -> {
      PresentedKey presented = (PresentedKey) authentication;
      // The lookup is JDBC, and the first use in an interval appends an audit event: both stay
      // off the event loop.
      return Mono.fromCallable(
              () ->
                  credentials.check(presented.key()).orElseThrow(ApiKeyAuthentication::invalidKey))
          .subscribeOn(Schedulers.boundedElastic())
          .flatMap(key -> requesterOf(key).map(requester -> new Resolved(key, requester)))
          .flatMap(
              resolved ->
                  Mono.fromRunnable(() -> usage.record(resolved.key(), presented.clientAddress()))
                      .subscribeOn(Schedulers.boundedElastic())
                      .thenReturn(
                          (Authentication)
                              new ApiKeyAuthenticated(resolved.requester(), resolved.key())));
    };
  }

  private Mono<Requester> requesterOf(ApiKeyCredential key) {
    return standings
        .standingOf(key.userId())
        .map(
            standing -> {
              AccountStanding account = standing.orElseThrow(ApiKeyAuthentication::invalidKey);
              if (account.disabled()) {
                throw new DisabledException("account disabled");
              }
              return new Requester(
                  key.userId(), key.organizationId(), lower(key.scope(), account.role()));
            });
  }

  private static Role lower(Role a, Role b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static InvalidBearerTokenException invalidKey() {
    return new InvalidApiKeyException();
  }

  private record Resolved(ApiKeyCredential key, Requester requester) {}

  /** An API key refused: unknown, malformed, revoked or expired (one answer for all). */
  static final class InvalidApiKeyException extends InvalidBearerTokenException {
    InvalidApiKeyException() {
      super("the API key is unknown, expired or revoked");
    }
  }

  /** A key as the request presented it, not yet checked. */
  static final class PresentedKey extends AbstractAuthenticationToken {
    private final String key;
    private final String clientAddress;

    PresentedKey(String key, String clientAddress) {
      super(List.of());
      this.key = key;
      this.clientAddress = clientAddress;
    }

    String key() {
      return key;
    }

    String clientAddress() {
      return clientAddress;
    }

    @Override
    public Object getCredentials() {
      return key;
    }

    @Override
    public Object getPrincipal() {
      return null;
    }

    @Override
    public String toString() {
      // never let the secret reach a log line
      return "PresentedKey[" + (key.length() > 12 ? key.substring(0, 12) : "") + "]";
    }
  }

  /**
   * A request authenticated by an API key: its principal is the {@link Requester} (the key's owner,
   * with the key's scope), its authority that role, as for {@link RequesterAuthentication}.
   */
  static final class ApiKeyAuthenticated extends AbstractAuthenticationToken {
    private final Requester requester;
    private final String keyId;

    ApiKeyAuthenticated(Requester requester, ApiKeyCredential key) {
      super(List.of(new SimpleGrantedAuthority("ROLE_" + requester.role().name())));
      this.requester = requester;
      this.keyId = key.keyId();
      setAuthenticated(true);
    }

    @Override
    public Requester getPrincipal() {
      return requester;
    }

    /** The key's id: never its secret. */
    @Override
    public String getCredentials() {
      return keyId;
    }

    @Override
    public String getName() {
      return requester.userId();
    }
  }
}
