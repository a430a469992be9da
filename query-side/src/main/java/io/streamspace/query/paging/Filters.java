package io.streamspace.query.paging;

import io.streamspace.events.common.Role;
import io.streamspace.events.session.SessionStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.web.server.ServerWebInputException;

/**
 * Parses the filter parameters of the list endpoints, answering a bad value with a 400 that names
 * the parameter and what it accepts.
 */
public final class Filters {

  private Filters() {}

  /** A text filter: absent when missing or blank. */
  public static Optional<String> text(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  /** An RFC 3339 timestamp with an offset, e.g. {@code 2026-01-31T12:00:00Z}. */
  public static Optional<Instant> instant(String parameter, String value) {
    Optional<String> text = text(value);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    // An unencoded "+" of an offset arrives as a space in a query string.
    String timestamp = text.get().replaceFirst(" (\\d{2}:\\d{2})$", "+$1");
    try {
      return Optional.of(OffsetDateTime.parse(timestamp).toInstant());
    } catch (DateTimeParseException e) {
      throw new ServerWebInputException(
          parameter
              + " must be an RFC 3339 timestamp such as 2026-01-31T12:00:00Z, got '"
              + value
              + "'");
    }
  }

  /** A session status by its wire name ({@code pending}, {@code running}, ...). */
  public static Optional<SessionStatus> sessionStatus(String value) {
    Optional<String> text = text(value);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    for (SessionStatus status : SessionStatus.values()) {
      if (status.wireName().equals(text.get())) {
        return Optional.of(status);
      }
    }
    throw new ServerWebInputException(
        "status must be one of "
            + Arrays.stream(SessionStatus.values())
                .map(SessionStatus::wireName)
                .collect(Collectors.joining(", "))
            + ", got '"
            + value
            + "'");
  }

  /** A role by its wire name ({@code user}, {@code org_admin}, {@code system_admin}). */
  public static Optional<Role> role(String value) {
    Optional<String> text = text(value);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    for (Role role : Role.values()) {
      if (role.wireName().equals(text.get())) {
        return Optional.of(role);
      }
    }
    throw new ServerWebInputException(
        "role must be one of "
            + Arrays.stream(Role.values()).map(Role::wireName).collect(Collectors.joining(", "))
            + ", got '"
            + value
            + "'");
  }

  /** An event type by its simple name, e.g. {@code SessionCreated}. */
  public static Optional<String> eventType(String value) {
    Optional<String> text = text(value);
    if (text.isPresent() && !text.get().matches("[A-Z][A-Za-z0-9]{0,99}")) {
      throw new ServerWebInputException(
          "event_type must be an event's simple name such as SessionCreated, got '" + value + "'");
    }
    return text;
  }

  /** A pair of bounds where {@code from} must not be after {@code to}. */
  public static void requireOrdered(Optional<Instant> from, Optional<Instant> to) {
    if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
      throw new ServerWebInputException("from must not be after to");
    }
  }
}
