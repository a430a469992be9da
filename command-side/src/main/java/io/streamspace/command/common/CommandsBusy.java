package io.streamspace.command.common;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Every command thread is busy and the queue in front of them is full (or the server is shutting
 * down): the command was not started, so the client may simply retry. Answered 503 with {@code
 * Retry-After}.
 */
public class CommandsBusy extends ResponseStatusException {

  public CommandsBusy() {
    super(HttpStatus.SERVICE_UNAVAILABLE, "the server is busy with other changes; retry shortly");
  }

  @Override
  public HttpHeaders getHeaders() {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.RETRY_AFTER, "1");
    return headers;
  }
}
