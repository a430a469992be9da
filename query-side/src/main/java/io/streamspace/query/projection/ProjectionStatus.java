package io.streamspace.query.projection;

import java.util.List;

/**
 * Where one read model's processor stands against the head of the event store.
 *
 * @param processor the processor that runs the read model; the read models of one processor share
 *     its tokens, so they are replayed together
 * @param state {@code running}, {@code replaying}, {@code stopped} or {@code error}
 * @param headPosition the global index of the newest event in the store, if any
 * @param lag how many positions the slowest claimed segment is behind the head
 * @param segments the segments this replica has claimed; other replicas may hold the rest
 */
public record ProjectionStatus(
    String name,
    String processor,
    String state,
    boolean replaying,
    Long headPosition,
    Long lag,
    List<Segment> segments) {

  /** One claimed segment of the processor. */
  public record Segment(
      int segment,
      Long position,
      boolean caughtUp,
      boolean replaying,
      Long resetPosition,
      String error) {}
}
