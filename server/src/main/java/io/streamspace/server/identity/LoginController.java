package io.streamspace.server.identity;

import io.streamspace.events.identity.LoginFailed;
import io.streamspace.events.identity.LoginSucceeded;
import io.streamspace.server.web.ClientAddressResolver;
import io.streamspace.server.web.RequestIdFilter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The standalone login: a username and password in, a bearer token of the platform out.
 *
 * <p>Guarded against guessing ({@link LoginThrottle}): a username or address that failed too often
 * is answered 429 with {@code Retry-After} without its password being checked. Every login, good or
 * bad, is audited ({@link LoginSucceeded}, {@link LoginFailed}: never the password).
 */
@RestController
public class LoginController {

  private static final int MAX_USER_AGENT_LENGTH = 512;

  private final PasswordLogin passwordLogin;
  private final TokenIssuer tokenIssuer;
  private final LoginThrottle throttle;
  private final IdentityAudit audit;
  private final ClientAddressResolver clientAddresses;

  public LoginController(
      PasswordLogin passwordLogin,
      TokenIssuer tokenIssuer,
      LoginThrottle throttle,
      IdentityAudit audit,
      ClientAddressResolver clientAddresses) {
    this.passwordLogin = passwordLogin;
    this.tokenIssuer = tokenIssuer;
    this.throttle = throttle;
    this.audit = audit;
    this.clientAddresses = clientAddresses;
  }

  @PostMapping("/api/v1/auth/login")
  public Mono<ResponseEntity<TokenResponse>> login(
      @Valid @RequestBody Mono<LoginRequest> request, ServerWebExchange exchange) {
    String address = clientAddresses.clientAddress(exchange);
    return request
        .flatMap(login -> authenticate(login, address, exchange))
        .map(tokenIssuer::issue)
        .map(
            token ->
                // A token is a credential: no cache may keep it (RFC 6749, section 5.1).
                ResponseEntity.ok()
                    .cacheControl(CacheControl.noStore())
                    .header(HttpHeaders.PRAGMA, "no-cache")
                    .body(
                        new TokenResponse(
                            token.accessToken(), "Bearer", token.expiresInSeconds())));
  }

  private Mono<UserAccount> authenticate(
      LoginRequest login, String address, ServerWebExchange exchange) {
    String username = login.username();
    return throttle
        .lockedFor(username, address)
        .flatMap(
            locked -> {
              if (locked.isPresent()) {
                return audit
                    .recordCapped(
                        new LoginFailed(username, null, null, address, "locked out"),
                        facts(null, null, address, exchange))
                    .then(Mono.error(new LoginLockedException(locked.get())));
              }
              return passwordLogin
                  .attempt(username, login.password())
                  .flatMap(attempt -> settle(attempt, username, address, exchange));
            });
  }

  private Mono<UserAccount> settle(
      PasswordLogin.Attempt attempt, String username, String address, ServerWebExchange exchange) {
    UserAccount account = attempt.account();
    String userId = account == null ? null : account.userId();
    String organizationId = account == null ? null : account.organizationId();
    if (attempt.succeeded()) {
      return throttle
          .succeeded(username)
          .then(
              audit.record(
                  new LoginSucceeded(userId, organizationId, account.username(), address),
                  facts(userId, organizationId, address, exchange)))
          .thenReturn(account);
    }
    return throttle
        .failed(username, address)
        .then(
            audit.recordCapped(
                new LoginFailed(username, userId, organizationId, address, attempt.failure()),
                // no actor: nobody proved who they are
                facts(null, organizationId, address, exchange)))
        .then(Mono.error(new InvalidCredentialsException()));
  }

  private static IdentityAudit.Facts facts(
      String actorId, String organizationId, String address, ServerWebExchange exchange) {
    String agent = exchange.getRequest().getHeaders().getFirst(HttpHeaders.USER_AGENT);
    if (agent != null && agent.length() > MAX_USER_AGENT_LENGTH) {
      agent = agent.substring(0, MAX_USER_AGENT_LENGTH);
    }
    return new IdentityAudit.Facts(
        actorId, organizationId, RequestIdFilter.requestId(exchange), address, agent);
  }

  /** What a person types to log in. */
  public record LoginRequest(
      @NotBlank @Size(max = 255) String username, @NotBlank @Size(max = 1024) String password) {

    @Override
    public String toString() {
      // never let the password reach a log line
      return "LoginRequest[username=" + username + "]";
    }
  }

  /** An OAuth 2.0 style bearer token answer (RFC 6749 section 5.1). */
  public record TokenResponse(String accessToken, String tokenType, long expiresIn) {}
}
