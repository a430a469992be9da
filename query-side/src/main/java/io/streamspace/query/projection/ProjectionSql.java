package io.streamspace.query.projection;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Small conversions the projections share when binding JDBC parameters. */
public final class ProjectionSql {

  private ProjectionSql() {}

  /**
   * An event's time as a JDBC value for a {@code timestamptz} column, in UTC so that the JVM's zone
   * never shifts it.
   */
  public static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
