package io.streamspace.server.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.common.Requester;
import io.streamspace.events.organization.CreateOrganization;
import io.streamspace.events.organization.Quota;
import io.streamspace.query.projection.PromptEventSource;
import io.streamspace.server.support.IntegrationTest;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The read models are woken by a commit instead of polling: their streams accept Axon's
 * availability callback and call it once a unit of work that published events has committed.
 */
class PromptEventSourceTest extends IntegrationTest {

  @Autowired Configuration axon;

  @Test
  void aCommittedCommandWakesAStreamThatHasCaughtUp() throws Exception {
    PromptEventSource source = axon.getComponent(PromptEventSource.class);
    try (BlockingStream<TrackedEventMessage<?>> stream =
        source.openStream(source.createHeadToken())) {
      CountDownLatch woken = new CountDownLatch(1);
      assertThat(stream.setOnAvailableCallback(woken::countDown)).isTrue();
      assertThat(stream.hasNextAvailable()).isFalse();

      String organizationId = newId();
      send(
          new CreateOrganization(
              organizationId, "prompt-" + organizationId, "Prompt", new Quota(1, 1000, 1024)),
          Requester.system(organizationId));

      assertThat(woken.await(10, TimeUnit.SECONDS))
          .as("the callback ran after the commit")
          .isTrue();
      assertThat(stream.hasNextAvailable()).isTrue();
      assertThat(stream.nextAvailable().getPayload())
          .hasFieldOrPropertyWithValue("organizationId", organizationId);
    }
  }
}
