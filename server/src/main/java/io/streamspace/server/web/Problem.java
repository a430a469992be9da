package io.streamspace.server.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** An RFC 9457 problem answer: its body and the headers that go with it (e.g. {@code Allow}). */
public record Problem(ProblemDetail body, HttpHeaders headers) {

  public HttpStatusCode status() {
    return HttpStatusCode.valueOf(body.getStatus());
  }
}
