package io.streamspace.server.identity.oidc;

import com.nimbusds.jose.jwk.RSAKey;
import io.streamspace.command.common.NotFound;
import io.streamspace.server.identity.IdentityProperties;
import io.streamspace.server.identity.TokenIssuer;
import io.streamspace.server.identity.UserAccount;
import io.streamspace.server.web.ClientAddressResolver;
import io.streamspace.server.web.HttpProperties;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Browser sign-in through an external provider, by authorization code with PKCE (S256):
 *
 * <ol>
 *   <li>{@code GET /api/v1/auth/providers} lists the providers and where each login starts;
 *   <li>{@code GET /api/v1/auth/oidc/{id}/login} sends the browser to the provider with a fresh
 *       state, nonce and code challenge, remembered in a signed HttpOnly cookie;
 *   <li>the provider sends it back to {@code /login/oauth2/code/{id}}, where the code is exchanged
 *       (with the verifier), the ID token checked (signature, issuer, audience, expiry, nonce), the
 *       person provisioned or synced, and the browser sent on to {@code
 *       /login/callback#access_token=...} with a platform token.
 * </ol>
 *
 * Every failure ends at {@code /login?error=<code>} and is audited.
 */
@RestController
public class SingleSignOnController {

  static final String COOKIE = "streamspace_oidc_login";
  static final String CALLBACK_PATH = "/login/oauth2/code/";

  private final OidcProperties properties;
  private final ProviderDiscovery discovery;
  private final ProviderTokenDecoders decoders;
  private final ExternalUsers users;
  private final SignOnAudit audit;
  private final TokenIssuer tokenIssuer;
  private final RSAKey signingKey;
  private final String publicUrl;
  private final WebClient webClient;
  private final ClientAddressResolver addresses;
  private final Clock clock;

  SingleSignOnController(
      OidcProperties properties,
      ProviderDiscovery discovery,
      ProviderTokenDecoders decoders,
      ExternalUsers users,
      SignOnAudit audit,
      TokenIssuer tokenIssuer,
      RSAKey signingKey,
      IdentityProperties identity,
      ObjectProvider<WebClient.Builder> webClients,
      HttpProperties http) {
    this.properties = properties;
    this.discovery = discovery;
    this.decoders = decoders;
    this.users = users;
    this.audit = audit;
    this.tokenIssuer = tokenIssuer;
    this.signingKey = signingKey;
    // The public URL, when configured, is where the provider must send browsers back.
    this.publicUrl = identity.issuer();
    this.webClient = webClients.getIfAvailable(WebClient::builder).build();
    this.addresses = new ClientAddressResolver(http.trustedProxies());
    this.clock = Clock.systemUTC();
  }

  /** One sign-in option of the login page. */
  public record ProviderOption(String id, String displayName, String loginUrl) {}

  /** The list of sign-in options. */
  public record ProviderOptions(List<ProviderOption> items) {}

  @GetMapping(value = "/api/v1/auth/providers", produces = MediaType.APPLICATION_JSON_VALUE)
  public ProviderOptions providers() {
    return new ProviderOptions(
        properties.providers().stream()
            .map(
                p ->
                    new ProviderOption(
                        p.id(), p.displayName(), "/api/v1/auth/oidc/" + p.id() + "/login"))
            .toList());
  }

  @GetMapping("/api/v1/auth/oidc/{id}/login")
  public Mono<ResponseEntity<Void>> login(@PathVariable String id, ServerWebExchange exchange) {
    OidcProperties.Provider provider = provider(id);
    LoginState state = LoginState.start(provider.id());
    return discovery
        .endpointsOf(provider)
        .map(
            endpoints -> {
              if (!endpoints.supportsBrowserLogin()) {
                return failure("provider_unavailable");
              }
              URI authorize =
                  UriComponentsBuilder.fromUri(endpoints.authorizationEndpoint())
                      .queryParam("response_type", "code")
                      .queryParam("client_id", provider.clientId())
                      .queryParam("redirect_uri", redirectUri(provider, exchange))
                      .queryParam("scope", String.join(" ", provider.scopes()))
                      .queryParam("state", state.state())
                      .queryParam("nonce", state.nonce())
                      .queryParam("code_challenge", state.codeChallenge())
                      .queryParam("code_challenge_method", "S256")
                      .encode(StandardCharsets.UTF_8)
                      .build()
                      .toUri();
              ResponseCookie cookie =
                  ResponseCookie.from(
                          COOKIE,
                          state.seal(
                              signingKey, tokenIssuer.issuer(), clock, properties.loginTimeout()))
                      .httpOnly(true)
                      .secure(isSecure(exchange))
                      .sameSite("Lax")
                      .path(CALLBACK_PATH)
                      .maxAge(properties.loginTimeout())
                      .build();
              return ResponseEntity.status(HttpStatus.FOUND)
                  .location(authorize)
                  .cacheControl(CacheControl.noStore())
                  .header(HttpHeaders.SET_COOKIE, cookie.toString())
                  .<Void>build();
            })
        .onErrorResume(
            e ->
                audit
                    .refused(
                        provider.id(),
                        null,
                        "provider_unavailable",
                        "discovery failed: " + e.getMessage(),
                        RequestFacts.of(exchange, addresses))
                    .thenReturn(failure("provider_unavailable")));
  }

  @GetMapping(CALLBACK_PATH + "{id}")
  public Mono<ResponseEntity<Void>> callback(
      @PathVariable String id,
      @RequestParam(required = false) String code,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String error,
      ServerWebExchange exchange) {
    RequestFacts facts = RequestFacts.of(exchange, addresses);
    OidcProperties.Provider provider =
        properties.providers().stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
    if (provider == null) {
      String named = abbreviate(id);
      return refuse(
          named, null, "unknown_provider", "no provider " + named + " is configured", facts);
    }
    HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
    LoginState remembered =
        cookie == null
            ? null
            : LoginState.open(cookie.getValue(), signingKey, tokenIssuer.issuer(), clock)
                .orElse(null);
    if (remembered == null
        || !remembered.providerId().equals(provider.id())
        || state == null
        || !constantTimeEquals(state, remembered.state())) {
      return refuse(
          id,
          null,
          "invalid_state",
          "the login's state is missing, expired or does not match this browser's",
          facts);
    }
    if (error != null) {
      String reason = "access_denied".equals(error) ? "access_denied" : "provider_error";
      return refuse(id, null, reason, "the provider answered " + abbreviate(error), facts);
    }
    if (code == null || code.isBlank()) {
      return refuse(id, null, "invalid_request", "the provider sent no code", facts);
    }
    return discovery
        .endpointsOf(provider)
        .flatMap(endpoints -> exchangeCode(provider, endpoints, code, remembered, exchange))
        .flatMap(
            idToken ->
                decoders
                    .of(provider)
                    .flatMap(d -> d.idTokens().decode(idToken))
                    .onErrorMap(JwtException.class, SignInFailure::invalidIdToken))
        .flatMap(idToken -> signIn(provider, idToken, remembered, facts))
        .onErrorResume(
            SignInFailure.class, f -> refuse(id, f.subject, f.reason, f.getMessage(), facts))
        .onErrorResume(
            SignOnRefusedException.class,
            // already audited where it was decided
            e -> Mono.just(failure(e.reason())))
        .onErrorResume(
            DisabledException.class,
            e -> refuse(id, null, "account_disabled", "the account is disabled", facts))
        .onErrorResume(
            e -> refuse(id, null, "login_failed", "the sign-in could not complete: " + e, facts));
  }

  private Mono<String> exchangeCode(
      OidcProperties.Provider provider,
      ProviderEndpoints endpoints,
      String code,
      LoginState remembered,
      ServerWebExchange exchange) {
    if (!endpoints.supportsBrowserLogin()) {
      return Mono.error(new SignInFailure("provider_unavailable", "no token endpoint", null));
    }
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("grant_type", "authorization_code");
    form.add("code", code);
    form.add("redirect_uri", redirectUri(provider, exchange));
    form.add("code_verifier", remembered.codeVerifier());
    String secret = provider.resolveClientSecret();
    WebClient.RequestBodySpec request =
        webClient
            .post()
            .uri(endpoints.tokenEndpoint())
            .accept(MediaType.APPLICATION_JSON)
            .contentType(MediaType.APPLICATION_FORM_URLENCODED);
    if (secret != null) {
      // client_secret_basic (RFC 6749, section 2.3.1): both parts form-encoded first
      request.headers(
          h ->
              h.setBasicAuth(
                  java.net.URLEncoder.encode(provider.clientId(), StandardCharsets.UTF_8),
                  java.net.URLEncoder.encode(secret, StandardCharsets.UTF_8)));
    } else {
      form.add("client_id", provider.clientId()); // a public client, proven by PKCE alone
    }
    return request
        .body(BodyInserters.fromFormData(form))
        .retrieve()
        .onStatus(
            status -> status.isError(),
            response ->
                response
                    .bodyToMono(String.class)
                    .defaultIfEmpty("")
                    .map(
                        body ->
                            new SignInFailure(
                                "token_exchange_failed",
                                "the token endpoint answered "
                                    + response.statusCode().value()
                                    + ": "
                                    + abbreviate(body),
                                null)))
        .bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {})
        .timeout(java.time.Duration.ofSeconds(15))
        .flatMap(
            tokens -> {
              Object idToken = tokens.get("id_token");
              return idToken == null
                  ? Mono.error(
                      new SignInFailure(
                          "invalid_token_response", "the provider returned no ID token", null))
                  : Mono.just(idToken.toString());
            });
  }

  private Mono<ResponseEntity<Void>> signIn(
      OidcProperties.Provider provider, Jwt idToken, LoginState remembered, RequestFacts facts) {
    // OpenID Connect Core 1.0, 3.1.3.7: the nonce must be the one this browser's login sent,
    // and with several audiences the authorized party must be us.
    String nonce = idToken.getClaimAsString("nonce");
    if (nonce == null || !constantTimeEquals(nonce, remembered.nonce())) {
      return Mono.error(
          new SignInFailure("invalid_id_token", "the ID token's nonce does not match", null));
    }
    String azp = idToken.getClaimAsString("azp");
    if (azp != null && !azp.equals(provider.clientId())) {
      return Mono.error(
          new SignInFailure("invalid_id_token", "the ID token was issued to another client", null));
    }
    ExternalIdentity identity;
    try {
      identity = ClaimMapping.identityOf(provider, idToken);
    } catch (RuntimeException e) {
      return Mono.error(
          new SignInFailure("invalid_id_token", e.getMessage(), idToken.getSubject()));
    }
    return users
        .accountOf(identity, facts)
        .map(
            account ->
                tokenIssuer.issue(
                    new UserAccount(
                        account.userId(),
                        account.organizationId(),
                        account.username(),
                        null,
                        account.role(),
                        false)))
        .map(
            token ->
                redirect(
                    "/login/callback#access_token="
                        + token.accessToken()
                        + "&token_type=Bearer&expires_in="
                        + token.expiresInSeconds()));
  }

  private Mono<ResponseEntity<Void>> refuse(
      String providerId, String subject, String reason, String detail, RequestFacts facts) {
    return audit.refused(providerId, subject, reason, detail, facts).thenReturn(failure(reason));
  }

  private static ResponseEntity<Void> failure(String reason) {
    return redirect("/login?error=" + reason);
  }

  private static ResponseEntity<Void> redirect(String location) {
    // The login cookie has done its work, whatever the outcome: it is removed.
    ResponseCookie expired =
        ResponseCookie.from(COOKIE, "").httpOnly(true).path(CALLBACK_PATH).maxAge(0).build();
    return ResponseEntity.status(HttpStatus.FOUND)
        .header(HttpHeaders.LOCATION, location)
        .header(HttpHeaders.SET_COOKIE, expired.toString())
        .cacheControl(CacheControl.noStore())
        .header(HttpHeaders.PRAGMA, "no-cache")
        .build();
  }

  private OidcProperties.Provider provider(String id) {
    return properties.providers().stream()
        .filter(p -> p.id().equals(id))
        .findFirst()
        .orElseThrow(() -> NotFound.of("identity provider", id));
  }

  private String redirectUri(OidcProperties.Provider provider, ServerWebExchange exchange) {
    String base = publicUrl;
    if (base == null) {
      URI request = exchange.getRequest().getURI();
      base =
          UriComponentsBuilder.newInstance()
              .scheme(request.getScheme())
              .host(request.getHost())
              .port(request.getPort())
              .build()
              .toUriString();
    }
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base + CALLBACK_PATH + provider.id();
  }

  private boolean isSecure(ServerWebExchange exchange) {
    String base = publicUrl != null ? publicUrl : exchange.getRequest().getURI().toString();
    return base.startsWith("https:");
  }

  private static boolean constantTimeEquals(String a, String b) {
    return java.security.MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static String abbreviate(String text) {
    String oneLine = text.replaceAll("[\\r\\n]+", " ");
    return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
  }

  /** A browser sign-in that failed at a known step, with the code the login page shows. */
  static final class SignInFailure extends RuntimeException {
    final String reason;
    final String subject;

    SignInFailure(String reason, String detail, String subject) {
      super(detail);
      this.reason = reason;
      this.subject = subject;
    }

    static SignInFailure invalidIdToken(JwtException e) {
      return new SignInFailure(
          "invalid_id_token", "the ID token is invalid: " + e.getMessage(), null);
    }
  }
}
