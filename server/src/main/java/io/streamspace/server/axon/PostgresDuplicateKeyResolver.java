package io.streamspace.server.axon;

import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Recognises PostgreSQL's unique-violation, so two writers appending the same aggregate sequence
 * number get Axon's {@code ConcurrencyException} (a clean retry or 409) rather than a generic
 * {@code EventStoreException} (STACK.md trap 7).
 */
public final class PostgresDuplicateKeyResolver implements PersistenceExceptionResolver {

  static final String UNIQUE_VIOLATION = "23505";

  @Override
  public boolean isDuplicateKeyViolation(Exception exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }
}
