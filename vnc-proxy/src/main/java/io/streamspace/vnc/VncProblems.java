package io.streamspace.vnc;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The VNC path's refusals as RFC 9457 problems with the same {@code type} names as the rest of the
 * API (the server's problem mapper copies an {@link ErrorResponseException} unchanged).
 */
public final class VncProblems {

  private VncProblems() {}

  public static ErrorResponseException notFound(String detail) {
    return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", detail);
  }

  public static ErrorResponseException conflict(String detail) {
    return problem(HttpStatus.CONFLICT, "conflict", "Conflict", detail);
  }

  public static ErrorResponseException unauthorized(String detail) {
    return problem(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail);
  }

  public static ErrorResponseException forbidden(String detail) {
    return problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail);
  }

  public static ErrorResponseException tooManyViewers(String detail) {
    return problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-viewers", "Too many viewers", detail);
  }

  public static ErrorResponseException unavailable(String detail) {
    return problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Unavailable", detail);
  }

  private static ErrorResponseException problem(
      HttpStatus status, String type, String title, String detail) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
    body.setType(URI.create("urn:streamspace:problem:" + type));
    body.setTitle(title);
    return new ErrorResponseException(status, body, null);
  }
}
