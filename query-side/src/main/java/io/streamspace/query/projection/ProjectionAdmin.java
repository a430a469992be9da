package io.streamspace.query.projection;

import io.streamspace.query.access.ReadProblems;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Shows how far each read model's processor has come and rebuilds a read model from the event store
 * on request. A processor may run several read models (by configuration, ADR 0009): its tokens are
 * shared, so replaying one of them replays, and rebuilds, every read model of its processor. Axon's
 * calls here block (token store, shutdown), so they run on {@code boundedElastic}.
 */
@Service
public class ProjectionAdmin {

  private final EventProcessingConfiguration processing;
  private final EventStore eventStore;

  /** Processors whose replay is being set up, or which restarted and have not claimed a segment. */
  private final Set<String> replayStarting = ConcurrentHashMap.newKeySet();

  public ProjectionAdmin(EventProcessingConfiguration processing, EventStore eventStore) {
    this.processing = processing;
    this.eventStore = eventStore;
  }

  public Flux<ProjectionStatus> statuses() {
    return Mono.fromCallable(
            () -> {
              Long head = position(eventStore.createHeadToken());
              return ProjectionGroups.ALL.stream().map(name -> status(name, head)).toList();
            })
        .subscribeOn(Schedulers.boundedElastic())
        .flatMapMany(Flux::fromIterable);
  }

  /**
   * Starts rebuilding read model {@code name} and every other read model of its processor: stops
   * the processor, resets its tokens (each read model's {@code @ResetHandler} empties its tables in
   * the same transaction) and starts it again. Answers with the read models being rebuilt once the
   * processor is running; the replay itself goes on in the background.
   *
   * @throws org.springframework.web.ErrorResponseException 404 for an unknown read model, 409 while
   *     a replay of its processor runs
   */
  public Mono<List<String>> replay(String name) {
    StreamingEventProcessor processor = processor(name);
    String processorName = processor.getName();
    return Mono.fromCallable(
            () -> {
              if (isReplaying(processorName, processor) || !replayStarting.add(processorName)) {
                throw ReadProblems.conflict(
                    "a replay of " + name + " (processor " + processorName + ") is already running",
                    null);
              }
              try {
                processor.shutDown();
                processor.resetTokens();
              } catch (UnableToClaimTokenException e) {
                replayStarting.remove(processorName);
                throw ReadProblems.conflict(
                    "cannot replay "
                        + name
                        + " while another replica holds one of its segments: retry shortly",
                    e);
              } catch (RuntimeException e) {
                replayStarting.remove(processorName);
                throw e;
              } finally {
                // A processor must never stay down because a reset failed.
                processor.start();
              }
              return readModelsOf(processorName);
            })
        .subscribeOn(Schedulers.boundedElastic());
  }

  private ProjectionStatus status(String name, Long head) {
    StreamingEventProcessor processor = processor(name);
    Map<Integer, EventTrackerStatus> claimed = processor.processingStatus();
    List<ProjectionStatus.Segment> segments =
        claimed.values().stream()
            .sorted(Comparator.comparingInt(status -> status.getSegment().getSegmentId()))
            .map(ProjectionAdmin::segment)
            .toList();
    boolean replaying = isReplaying(processor.getName(), processor);
    String state;
    if (processor.isError() || segments.stream().anyMatch(segment -> segment.error() != null)) {
      state = "error";
    } else if (!processor.isRunning()) {
      state = "stopped";
    } else if (replaying) {
      state = "replaying";
    } else {
      state = "running";
    }
    Long lag = null;
    if (head != null && !segments.isEmpty()) {
      long slowest =
          segments.stream()
              .mapToLong(segment -> segment.position() == null ? -1 : segment.position())
              .min()
              .orElse(-1);
      lag = Math.max(0, head - slowest);
    }
    return new ProjectionStatus(name, processor.getName(), state, replaying, head, lag, segments);
  }

  /**
   * Whether the processor's read models are being rebuilt. Axon reports a replay only once a
   * segment is claimed with its replay token, so between the restart and that claim the replay this
   * service started still counts.
   */
  private boolean isReplaying(String processorName, StreamingEventProcessor processor) {
    Map<Integer, EventTrackerStatus> claimed = processor.processingStatus();
    if (!claimed.isEmpty()) {
      replayStarting.remove(processorName);
    } else if (replayStarting.contains(processorName) && processor.isRunning()) {
      return true;
    }
    return claimed.values().stream().anyMatch(ProjectionAdmin::rebuilding);
  }

  /**
   * A segment rebuilds until it is back where it stood at the reset. Axon keeps calling it
   * replaying until an event newer than the reset point arrives, which on a quiet system may take
   * long; the read model is complete as soon as the reset position is reached.
   */
  static boolean rebuilding(EventTrackerStatus status) {
    if (!status.isReplaying()) {
      return false;
    }
    OptionalLong position = status.getCurrentPosition();
    OptionalLong reset = status.getResetPosition();
    if (position.isEmpty() || reset.isEmpty()) {
      return true;
    }
    return position.getAsLong() < reset.getAsLong();
  }

  private static ProjectionStatus.Segment segment(EventTrackerStatus status) {
    OptionalLong position = status.getCurrentPosition();
    OptionalLong reset = status.getResetPosition();
    return new ProjectionStatus.Segment(
        status.getSegment().getSegmentId(),
        position.isPresent() ? position.getAsLong() : null,
        status.isCaughtUp(),
        rebuilding(status),
        reset.isPresent() ? reset.getAsLong() : null,
        status.isErrorState() ? String.valueOf(status.getError()) : null);
  }

  private StreamingEventProcessor processor(String name) {
    if (!ProjectionGroups.ALL.contains(name)) {
      throw ReadProblems.notFound("projection " + name + " not found");
    }
    return processing
        .eventProcessorByProcessingGroup(name, StreamingEventProcessor.class)
        .orElseThrow(
            () -> ReadProblems.notFound("projection " + name + " has no running processor"));
  }

  /** The read models that processor {@code processorName} runs, in the order of the list. */
  private List<String> readModelsOf(String processorName) {
    return ProjectionGroups.ALL.stream()
        .filter(
            readModel ->
                processing
                    .eventProcessorByProcessingGroup(readModel, StreamingEventProcessor.class)
                    .map(candidate -> candidate.getName().equals(processorName))
                    .orElse(false))
        .toList();
  }

  private static Long position(TrackingToken token) {
    if (token == null) {
      return null;
    }
    OptionalLong position = token.position();
    return position.isPresent() ? position.getAsLong() : null;
  }
}
