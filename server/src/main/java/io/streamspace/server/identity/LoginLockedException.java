package io.streamspace.server.identity;

import java.net.URI;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A login refused without looking at the password, because its username or client address failed
 * too often: 429 with {@code Retry-After}. Said the same way whether the username exists or not.
 */
public class LoginLockedException extends ErrorResponseException {

  public LoginLockedException(Duration remaining) {
    super(HttpStatus.TOO_MANY_REQUESTS, problem(seconds(remaining)), null);
    getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds(remaining)));
  }

  private static long seconds(Duration remaining) {
    return Math.max(1, (remaining.toMillis() + 999) / 1000);
  }

  private static ProblemDetail problem(long seconds) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.TOO_MANY_REQUESTS, "too many failed logins: try again in " + seconds + " s");
    problem.setType(URI.create("urn:streamspace:problem:login-locked"));
    problem.setTitle("Login locked");
    return problem;
  }
}
