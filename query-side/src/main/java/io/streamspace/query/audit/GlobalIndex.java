package io.streamspace.query.audit;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.MergedTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;

/**
 * An event's position in the event store, read from the token it was delivered with. The token may
 * be wrapped while a replay or a segment merge runs; the position is always that of the part that
 * advanced to this event.
 */
public final class GlobalIndex {

  private GlobalIndex() {}

  public static long of(TrackingToken token) {
    if (token instanceof ReplayToken replay) {
      return of(replay.getCurrentToken());
    }
    if (token instanceof MergedTrackingToken merged) {
      return of(
          merged.isLowerSegmentAdvanced()
              ? merged.lowerSegmentToken()
              : merged.upperSegmentToken());
    }
    if (token instanceof GapAwareTrackingToken gapAware) {
      return gapAware.getIndex();
    }
    if (token instanceof GlobalSequenceTrackingToken global) {
      return global.getGlobalIndex();
    }
    if (token != null && token.position().isPresent()) {
      return token.position().getAsLong();
    }
    throw new IllegalArgumentException("no global position in tracking token " + token);
  }
}
