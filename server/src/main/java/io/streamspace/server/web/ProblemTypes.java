package io.streamspace.server.web;

import java.net.URI;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** The problem types the API answers, so clients can tell failures apart without parsing text. */
public final class ProblemTypes {

  public static final URI INVALID_REQUEST = type("invalid-request");
  public static final URI VALIDATION = type("validation");
  public static final URI BODY_TOO_LARGE = type("body-too-large");
  public static final URI NOT_FOUND = type("not-found");
  public static final URI CONFLICT = type("conflict");
  public static final URI QUOTA_EXCEEDED = type("quota-exceeded");
  public static final URI CONCURRENT_MODIFICATION = type("concurrent-modification");
  public static final URI FORBIDDEN = type("forbidden");
  public static final URI UNAUTHORIZED = type("unauthorized");
  public static final URI IDEMPOTENCY_KEY_IN_PROGRESS = type("idempotency-key-in-progress");
  public static final URI SECRET_NOT_REPEATED = type("secret-not-repeated");
  public static final URI IDEMPOTENCY_KEY_REUSED = type("idempotency-key-reused");
  public static final URI UNAVAILABLE = type("unavailable");
  public static final URI INTERNAL = type("internal");

  private ProblemTypes() {}

  /** A problem of {@code type} with its title and a human detail. */
  public static ProblemDetail problem(
      HttpStatusCode status, URI type, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(type);
    problem.setTitle(title);
    return problem;
  }

  private static URI type(String name) {
    return URI.create("urn:streamspace:problem:" + name);
  }
}
