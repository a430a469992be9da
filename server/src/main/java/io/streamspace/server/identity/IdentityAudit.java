package io.streamspace.server.identity;

import io.streamspace.events.common.AuditMetadata;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Puts the identity events that belong to no aggregate (logins, refused escalations) into the event
 * stream, and so into the audit log, with the request's facts as metadata. Appending is JDBC, so it
 * runs on {@code boundedElastic}; an event that cannot be stored is logged, never the request's
 * failure. Events of kinds an outsider can cause at will are capped per minute, so nobody floods
 * the event store by knocking.
 */
@Component
public class IdentityAudit {

  private static final Logger log = LoggerFactory.getLogger(IdentityAudit.class);

  private final EventGateway events;
  private final int cappedPerMinute;
  private final AtomicLong windowStart = new AtomicLong(System.nanoTime());
  private final AtomicLong inWindow = new AtomicLong();

  public IdentityAudit(EventGateway events, LoginProtectionProperties properties) {
    this.events = events;
    this.cappedPerMinute = properties.auditedFailuresPerMinute();
  }

  /** The request facts an event is filed with; any may be null. */
  public record Facts(
      String actorId,
      String organizationId,
      String requestId,
      String clientAddress,
      String userAgent) {}

  /** Appends {@code event}; always. */
  public Mono<Void> record(Object event, Facts facts) {
    return Mono.<Void>fromRunnable(() -> publish(event, facts))
        .subscribeOn(Schedulers.boundedElastic());
  }

  /** Appends {@code event} unless this minute's share of capped events is used up. */
  public Mono<Void> recordCapped(Object event, Facts facts) {
    return mayRecord() ? record(event, facts) : Mono.empty();
  }

  private void publish(Object event, Facts facts) {
    Map<String, String> metadata = new HashMap<>();
    put(metadata, AuditMetadata.ACTOR_ID, facts.actorId());
    put(metadata, AuditMetadata.ORGANIZATION_ID, facts.organizationId());
    put(metadata, AuditMetadata.REQUEST_ID, facts.requestId());
    put(metadata, AuditMetadata.CLIENT_IP, facts.clientAddress());
    put(metadata, AuditMetadata.USER_AGENT, facts.userAgent());
    try {
      events.publish(
          GenericEventMessage.asEventMessage(event).withMetaData(MetaData.from(metadata)));
    } catch (RuntimeException e) {
      log.warn("{} could not be audited", event.getClass().getSimpleName(), e);
    }
  }

  private boolean mayRecord() {
    long now = System.nanoTime();
    long start = windowStart.get();
    if (now - start > Duration.ofMinutes(1).toNanos() && windowStart.compareAndSet(start, now)) {
      inWindow.set(0);
    }
    return inWindow.incrementAndGet() <= cappedPerMinute;
  }

  private static void put(Map<String, String> metadata, String key, String value) {
    if (value != null) {
      metadata.put(key, value);
    }
  }
}
