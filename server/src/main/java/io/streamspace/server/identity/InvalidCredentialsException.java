package io.streamspace.server.identity;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A login that failed. One message for a wrong password, an unknown user and a disabled account, so
 * the answer never tells which usernames exist.
 */
public class InvalidCredentialsException extends ErrorResponseException {

  static final String DETAIL = "invalid username or password";

  public InvalidCredentialsException() {
    super(HttpStatus.UNAUTHORIZED, problem(), null);
  }

  private static ProblemDetail problem() {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, DETAIL);
    problem.setType(URI.create("urn:streamspace:problem:invalid-credentials"));
    problem.setTitle("Login failed");
    return problem;
  }
}
