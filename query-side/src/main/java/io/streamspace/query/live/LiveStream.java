package io.streamspace.query.live;

import io.streamspace.query.agent.AgentQueries;
import io.streamspace.query.session.SessionQueries;
import java.util.Map;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Turns the announced changes into the rows the read API shows, read once per replica and shared by
 * all of its subscribers. Reads happen after the announcing transaction committed, so they see the
 * change (or a later one: the stream always carries the current state).
 */
@Service
public class LiveStream {

  private static final int BACKLOG = 10_000;

  private final Flux<LiveEvent> events;

  public LiveStream(LiveListener listener, SessionQueries sessions, AgentQueries agents) {
    // concatMap: one session's changes arrive in the order they were announced. It asks for the
    // next change only once a read is done, and the listener drops what nobody asked for: the
    // buffer holds the changes announced meanwhile. Past it the stream fails, and every client
    // reconnects and reads afresh rather than miss a change.
    this.events =
        listener
            .changes()
            .onBackpressureBuffer(BACKLOG)
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
