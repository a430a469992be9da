package io.streamspace.query.live;

import io.streamspace.query.agent.AgentQueries;
import io.streamspace.query.session.SessionQueries;
import java.util.Map;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Turns the announced changes into the rows the read API shows, read once per replica and shared
 * by all of its subscribers. Reads happen after the announcing transaction committed, so they see
 * the change (or a later one: the stream always carries the current state).
 */
@Service
public class LiveStream {

  private final Flux<LiveEvent> events;

  public LiveStream(LiveListener listener, SessionQueries sessions, AgentQueries agents) {
    // concatMap: one session's changes arrive in the order they were announced.
    this.events =
        listener
            .changes()
            .concatMap(change -> read(change, sessions, agents).onErrorResume(e -> Mono.empty()))
            .share();
  }

  Flux<LiveEvent> events() {
    return events;
  }

  private static Mono<LiveEvent> read(
      LiveChange change, SessionQueries sessions, AgentQueries agents) {
    if (change.equals(LiveListener.RESYNC)) {
      return Mono.just(new LiveEvent("resync", null, null, Map.of("reason", "reconnected")));
    }
    if (LiveChange.SESSION.equals(change.kind())) {
      return sessions
          .find(change.id())
          .map(s -> new LiveEvent(LiveChange.SESSION, s.organizationId(), s.userId(), s));
    }
    return agents.find(change.id()).map(a -> new LiveEvent(LiveChange.AGENT, null, null, a));
  }
}
