package io.streamspace.query.projection;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the read models' pooled streaming processors run ({@code streamspace.query.projections.*}).
 * Segments are claimed in the token table, so replicas share a group's work up to its segment
 * count.
 *
 * @param segments initial segment count of each group, unless {@code groups} says otherwise: two,
 *     so two replicas share each group's work; every segment is a work package of its own,
 *     committing its own transactions, and with four the read models cost 1.6 times the server CPU
 *     and 1.4 times the commits per command of two (ADR 0008)
 * @param batchSize events per transaction: rows and token commit together
 * @param maxClaimedSegments the most segments of one group a single replica claims
 * @param tokenClaimIntervalMillis how often a replica looks for unclaimed segments, and for events
 *     another replica appended (local commits wake the processors at once)
 * @param groups per-group overrides by processing group name (e.g. {@code audit})
 */
@ConfigurationProperties("streamspace.query.projections")
public record ProjectionProperties(
    @DefaultValue("2") int segments,
    @DefaultValue("100") int batchSize,
    @DefaultValue("16") int maxClaimedSegments,
    @DefaultValue("1000") long tokenClaimIntervalMillis,
    @DefaultValue Map<String, Group> groups) {

  public ProjectionProperties {
    groups = groups == null ? Map.of() : Map.copyOf(groups);
  }

  /** The settings of one processing group. */
  public record Group(Integer segments, Integer batchSize) {}

  public int segmentsOf(String group) {
    return pick(group, Group::segments, segments);
  }

  public int batchSizeOf(String group) {
    return pick(group, Group::batchSize, batchSize);
  }

  private int pick(String group, java.util.function.Function<Group, Integer> field, int fallback) {
    Group configured = groups.get(group);
    if (configured != null && field.apply(configured) != null) {
      return field.apply(configured);
    }
    return fallback;
  }
}
