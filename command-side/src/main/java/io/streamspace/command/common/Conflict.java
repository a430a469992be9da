package io.streamspace.command.common;

/**
 * The request does not fit the current state (a lifecycle step out of order, a taken name, a
 * deleted template). Mapped to 409.
 */
public class Conflict extends RuntimeException {

  public Conflict(String detail) {
    super(detail);
  }
}
