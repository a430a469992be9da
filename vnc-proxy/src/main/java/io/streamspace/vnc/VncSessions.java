package io.streamspace.vnc;

import java.util.Collection;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The sessions' current state, as the read side knows it (the server wires the query side in). */
public interface VncSessions {

  /** The session, or empty when there is none. */
  Mono<VncSession> find(String sessionId);

  /** Those of {@code sessionIds} that exist, in any order. */
  Flux<VncSession> findAll(Collection<String> sessionIds);
}
