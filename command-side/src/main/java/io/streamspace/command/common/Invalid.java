package io.streamspace.command.common;

/**
 * A command whose content breaks a domain rule that request validation cannot see (for example a
 * template with neither an image nor a command). Mapped to 400.
 *
 * <p>It extends {@link IllegalArgumentException} so a generic "bad argument → 400" mapping also
 * answers it correctly.
 */
public class Invalid extends IllegalArgumentException {

  public Invalid(String detail) {
    super(detail);
  }
}
