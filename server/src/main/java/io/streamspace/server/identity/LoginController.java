package io.streamspace.server.identity;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The standalone login: a username and password in, a bearer token of the platform out. */
@RestController
public class LoginController {

  private final PasswordLogin passwordLogin;
  private final TokenIssuer tokenIssuer;

  public LoginController(PasswordLogin passwordLogin, TokenIssuer tokenIssuer) {
    this.passwordLogin = passwordLogin;
    this.tokenIssuer = tokenIssuer;
  }

  @PostMapping("/api/v1/auth/login")
  public Mono<ResponseEntity<TokenResponse>> login(@Valid @RequestBody Mono<LoginRequest> request) {
    return request
        .flatMap(login -> passwordLogin.authenticate(login.username(), login.password()))
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

  /** What a person types to log in. */
  public record LoginRequest(
      @NotBlank @Size(max = 255) String username, @NotBlank @Size(max = 1024) String password) {}

  /** An OAuth 2.0 style bearer token answer (RFC 6749 section 5.1). */
  public record TokenResponse(String accessToken, String tokenType, long expiresIn) {}
}
