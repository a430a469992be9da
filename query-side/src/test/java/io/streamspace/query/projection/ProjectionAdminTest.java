package io.streamspace.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** The replay rules the admin enforces around Axon's processor (a test double here). */
class ProjectionAdminTest {

  private final StreamingEventProcessor processor = mock(StreamingEventProcessor.class);
  private final StreamingEventProcessor agents = mock(StreamingEventProcessor.class);
  private final EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
  private final ProjectionAdmin admin = new ProjectionAdmin(processing, mock(EventStore.class));

  @BeforeEach
  void fourReadModelsShareAProcessorAndTheAgentsHaveTheirOwn() {
    for (String group : ProjectionGroups.ALL) {
      when(processing.eventProcessorByProcessingGroup(group, StreamingEventProcessor.class))
          .thenReturn(Optional.of(group.equals(ProjectionGroups.AGENTS) ? agents : processor));
    }
    when(processor.getName()).thenReturn("read-models");
    when(processor.isRunning()).thenReturn(true);
    when(agents.getName()).thenReturn("agents");
    when(agents.isRunning()).thenReturn(true);
    when(agents.processingStatus()).thenReturn(Map.of());
  }

  @Test
  void replayingOneReadModelRebuildsEveryReadModelOfItsProcessor() {
    when(processor.processingStatus()).thenReturn(Map.of());

    assertThat(admin.replay(ProjectionGroups.SESSIONS).block())
        .containsExactly(
            ProjectionGroups.SESSIONS,
            ProjectionGroups.TEMPLATES,
            ProjectionGroups.ORGANIZATIONS,
            ProjectionGroups.USERS);
    assertThat(admin.replay(ProjectionGroups.AGENTS).block())
        .containsExactly(ProjectionGroups.AGENTS);
    verify(agents).resetTokens();
  }

  @Test
  void aReplayOfAnotherReadModelOfTheSameProcessorIsAConflict() {
    when(processor.processingStatus()).thenReturn(Map.of());
    admin.replay(ProjectionGroups.SESSIONS).block();

    assertStatus(() -> admin.replay(ProjectionGroups.TEMPLATES).block(), HttpStatus.CONFLICT);
    verify(processor).resetTokens();
  }

  @Test
  void aReplayStopsResetsAndRestartsTheProcessorInThatOrder() {
    when(processor.processingStatus()).thenReturn(Map.of());

    admin.replay(ProjectionGroups.SESSIONS).block();

    InOrder order = inOrder(processor);
    order.verify(processor).shutDown();
    order.verify(processor).resetTokens();
    order.verify(processor).start();
  }

  @Test
  void aSecondReplayWhileTheFirstHasNotClaimedASegmentIsAConflict() {
    when(processor.processingStatus()).thenReturn(Map.of());
    admin.replay(ProjectionGroups.USERS).block();

    assertStatus(() -> admin.replay(ProjectionGroups.USERS).block(), HttpStatus.CONFLICT);
  }

  @Test
  void aReplayWhileASegmentIsBehindItsResetPointIsAConflictAndTouchesNothing() {
    EventTrackerStatus behind = status(true, 3, 10);
    when(processor.processingStatus()).thenReturn(Map.of(0, behind));

    assertStatus(() -> admin.replay(ProjectionGroups.USERS).block(), HttpStatus.CONFLICT);
    verify(processor, never()).shutDown();
    verify(processor, never()).resetTokens();
  }

  @Test
  void aSegmentBackAtItsResetPointHasFinishedRebuilding() {
    assertThat(ProjectionAdmin.rebuilding(status(true, 10, 10))).isFalse();
    assertThat(ProjectionAdmin.rebuilding(status(true, 9, 10))).isTrue();
    assertThat(ProjectionAdmin.rebuilding(status(false, 9, 10))).isFalse();
  }

  @Test
  void theProcessorIsRestartedEvenWhenTheResetFails() {
    when(processor.processingStatus()).thenReturn(Map.of());
    org.mockito.Mockito.doThrow(new IllegalStateException("boom")).when(processor).resetTokens();

    assertThatThrownBy(() -> admin.replay(ProjectionGroups.TEMPLATES).block())
        .hasMessageContaining("boom");
    verify(processor).start();
  }

  @Test
  void anUnknownProjectionIsNotFound() {
    assertStatus(() -> admin.replay("invoices").block(), HttpStatus.NOT_FOUND);
  }

  private static EventTrackerStatus status(boolean replaying, long position, long resetPosition) {
    EventTrackerStatus status = mock(EventTrackerStatus.class);
    when(status.getSegment()).thenReturn(Segment.ROOT_SEGMENT);
    when(status.isReplaying()).thenReturn(replaying);
    when(status.getCurrentPosition()).thenReturn(OptionalLong.of(position));
    when(status.getResetPosition()).thenReturn(OptionalLong.of(resetPosition));
    return status;
  }

  private static void assertStatus(Runnable call, HttpStatus expected) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            ErrorResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(expected));
  }
}
