package io.streamspace.command.common;

/**
 * The addressed resource does not exist, or belongs to another organization (answered the same way
 * so nothing about another tenant leaks). Mapped to 404.
 */
public class NotFound extends RuntimeException {

  public NotFound(String detail) {
    super(detail);
  }

  /** "session 42 not found": the wording every unknown or foreign id gets. */
  public static NotFound of(String kind, String id) {
    return new NotFound(kind + " " + id + " not found");
  }
}
