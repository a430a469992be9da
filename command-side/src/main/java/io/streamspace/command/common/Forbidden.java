package io.streamspace.command.common;

/** The requester may see the resource but their role does not allow the change. Mapped to 403. */
public class Forbidden extends RuntimeException {

  public Forbidden(String detail) {
    super(detail);
  }
}
