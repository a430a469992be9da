package io.streamspace.query.live;

import io.streamspace.events.common.Caller;
import io.streamspace.events.common.Role;
import io.streamspace.query.access.ReadAccess;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/**
 * {@code GET /api/v1/live}: Server-Sent Events of session and agent changes as they commit, each
 * carrying the resource as {@code GET} would answer it ({@code event: session} with a session,
 * {@code event: agent} with an agent). A caller gets what the read API would show them: plain users
 * their own sessions, admins their organization's, system admins every session and the agents.
 * {@code event: resync} says changes may have been missed: read the lists again.
 */
@RestController
@RequestMapping("/api/v1/live")
public class LiveController {

  private final LiveStream stream;
  private final LiveProperties properties;

  public LiveController(LiveStream stream, LiveProperties properties) {
    this.stream = stream;
    this.properties = properties;
  }

  @GetMapping(produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  public Flux<ServerSentEvent<Object>> live(Caller caller) {
    Flux<ServerSentEvent<Object>> changes =
        stream
            .events()
            // A client too slow for its buffer loses the stream, never a change silently: it
            // reconnects and reads afresh.
            .onBackpressureBuffer(properties.bufferSize())
            .filter(event -> visible(caller, event))
            .map(event -> ServerSentEvent.builder(event.data()).event(event.kind()).build());
    Flux<ServerSentEvent<Object>> keepAlive =
        Flux.interval(properties.keepAlive())
            .map(tick -> ServerSentEvent.builder().comment("keep-alive").build());
    // The first comment commits the response, so a client knows it is subscribed.
    return Flux.concat(
        Flux.just(ServerSentEvent.builder().comment("connected").build()),
        Flux.merge(changes, keepAlive));
  }

  static boolean visible(Caller caller, LiveEvent event) {
    return switch (event.kind()) {
      case LiveChange.SESSION ->
          ReadAccess.mayReadOwned(caller, event.organizationId(), event.userId());
      case LiveChange.AGENT -> caller.role() == Role.SYSTEM_ADMIN;
      default -> true;
    };
  }
}
