package io.streamspace.query.projection;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the read models' pooled streaming processors run ({@code streamspace.query.projections.*}).
 * Segments are claimed in the token table, so replicas share a processor's work up to its segment
 * count.
 *
 * @param segments initial segment count of each processor, unless {@code groups} says otherwise:
 *     two, so two replicas share the work; every segment is a work package of its own, committing
 *     its own transactions, and with four the read models cost 1.6 times the server CPU and 1.4
 *     times the commits per command of two (ADR 0008)
 * @param batchSize events per transaction: rows and token commit together
 * @param maxClaimedSegments the most segments of one processor a single replica claims
 * @param tokenClaimIntervalMillis how often a replica looks for unclaimed segments, and for events
 *     another replica appended (local commits wake the processors at once)
 * @param wakeIntervalMillis the shortest time between two wakes of a processor by local commits
 *     ({@link PromptEventSource}): a commit after a quiet interval wakes the read models at once,
 *     the commits within it are handled together at its end, in one transaction per work package; 0
 *     wakes them on every commit
 * @param waitForDisk whether the read models' transactions wait for PostgreSQL to flush them to
 *     disk before they count as committed; by default they do not ({@link RebuildableCommits}):
 *     what a crash of PostgreSQL loses of them is handled again from the event store
 * @param cachedEvents the newest events the event store keeps in memory for the processors that
 *     tail it; a processor further behind reads the store itself until it catches up. Cached events
 *     stay live objects, so the young collections copy them and the old generation fills with them:
 *     Axon's default of 10,000 held about ten seconds of the benchmark's peak, while the processors
 *     stay within a fraction of a second of the head (ADR 0015)
 * @param groups per-processor overrides by processor name (e.g. {@code read-models})
 * @param processors the processor that runs a read model, by read model name: each runs in a
 *     processor of its own name unless named here. Read models given the same processor (e.g.
 *     {@code sessions}, {@code templates}, {@code organizations}, {@code users} and {@code agents}
 *     all in {@code read-models}) are handled in one transaction with one token per batch and are
 *     replayed together; measured, that cut the commits per command by a sixth but made the read
 *     models lag further behind at peak, since one thread per segment then does their work serially
 *     (ADR 0009)
 */
@ConfigurationProperties("streamspace.query.projections")
public record ProjectionProperties(
    @DefaultValue("2") int segments,
    @DefaultValue("100") int batchSize,
    @DefaultValue("16") int maxClaimedSegments,
    @DefaultValue("1000") long tokenClaimIntervalMillis,
    @DefaultValue("50") long wakeIntervalMillis,
    @DefaultValue("false") boolean waitForDisk,
    @DefaultValue("1000") int cachedEvents,
    @DefaultValue Map<String, Group> groups,
    @DefaultValue Map<String, String> processors) {

  public ProjectionProperties {
    if (cachedEvents < 1) {
      throw new IllegalArgumentException(
          "streamspace.query.projections.cached-events must be at least 1");
    }
    groups = groups == null ? Map.of() : Map.copyOf(groups);
    processors = processors == null ? Map.of() : Map.copyOf(processors);
  }

  /** The settings of one processor. */
  public record Group(Integer segments, Integer batchSize) {}

  /** The processor that runs read model {@code readModel}. */
  public String processorOf(String readModel) {
    String processor = processors.get(readModel);
    return processor == null || processor.isBlank() ? readModel : processor;
  }

  /** Every processor that runs a read model, in the order of {@link ProjectionGroups#ALL}. */
  public Set<String> processorNames() {
    Set<String> names = new LinkedHashSet<>();
    ProjectionGroups.ALL.forEach(readModel -> names.add(processorOf(readModel)));
    return names;
  }

  /** The read models that processor {@code processor} runs, and so rebuilds together. */
  public List<String> readModelsOf(String processor) {
    return ProjectionGroups.ALL.stream()
        .filter(readModel -> processorOf(readModel).equals(processor))
        .toList();
  }

  public int segmentsOf(String processor) {
    return pick(processor, Group::segments, segments);
  }

  public int batchSizeOf(String processor) {
    return pick(processor, Group::batchSize, batchSize);
  }

  private int pick(
      String processor, java.util.function.Function<Group, Integer> field, int fallback) {
    Group configured = groups.get(processor);
    if (configured != null && field.apply(configured) != null) {
      return field.apply(configured);
    }
    return fallback;
  }
}
