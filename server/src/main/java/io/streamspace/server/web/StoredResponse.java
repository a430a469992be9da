package io.streamspace.server.web;

/** The first answer to an idempotent request, replayed verbatim to its retries. */
public record StoredResponse(int status, String contentType, String location, byte[] body) {

  public StoredResponse {
    body = body == null ? new byte[0] : body;
  }
}
