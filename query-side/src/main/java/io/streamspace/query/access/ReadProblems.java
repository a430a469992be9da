package io.streamspace.query.access;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The read side's refusals as RFC 9457 problems with the same {@code type} and {@code title} the
 * write side answers, so a client tells a 404 from a 403 from a 409 the same way on every endpoint.
 *
 * <p>The query side may not depend on the server or the command side, so the type names are spelled
 * here; the server's problem mapper copies type, title and detail of an {@link
 * ErrorResponseException} unchanged.
 */
public final class ReadProblems {

  /** {@code urn:streamspace:problem:not-found}, as the write side's 404s. */
  public static final URI NOT_FOUND = type("not-found");

  /** {@code urn:streamspace:problem:forbidden}, as the write side's 403s. */
  public static final URI FORBIDDEN = type("forbidden");

  /** {@code urn:streamspace:problem:conflict}, as the write side's 409s. */
  public static final URI CONFLICT = type("conflict");

  private ReadProblems() {}

  /** A 404: the resource does not exist, or the caller may not know that it does. */
  public static ErrorResponseException notFound(String detail) {
    return problem(HttpStatus.NOT_FOUND, NOT_FOUND, "Not found", detail, null);
  }

  /** A 403: the caller's role does not allow the request. */
  public static ErrorResponseException forbidden(String detail) {
    return problem(HttpStatus.FORBIDDEN, FORBIDDEN, "Forbidden", detail, null);
  }

  /** A 409: the request conflicts with what is going on now. */
  public static ErrorResponseException conflict(String detail, Throwable cause) {
    return problem(HttpStatus.CONFLICT, CONFLICT, "Conflict", detail, cause);
  }

  private static ErrorResponseException problem(
      HttpStatus status, URI type, String title, String detail, Throwable cause) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
    body.setType(type);
    body.setTitle(title);
    return new ErrorResponseException(status, body, cause);
  }

  private static URI type(String name) {
    return URI.create("urn:streamspace:problem:" + name);
  }
}
