package io.streamspace.server.identity.oidc;

import io.streamspace.events.common.AuditMetadata;
import io.streamspace.events.user.SingleSignOnRefused;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Records refused sign-ins in the audit trail ({@link SingleSignOnRefused}), at most {@link
 * #AUDITED_PER_MINUTE} a minute, so nobody can flood the event store by sending bad callbacks.
 * Every refusal is logged.
 */
class SignOnAudit {

  static final int AUDITED_PER_MINUTE = 60;
  private static final Logger log = LoggerFactory.getLogger(SignOnAudit.class);

  private final EventGateway events;
  private final AtomicLong windowStart = new AtomicLong(System.nanoTime());
  private final AtomicLong inWindow = new AtomicLong();

  SignOnAudit(EventGateway events) {
    this.events = events;
  }

  /** Audits the refusal off the event loop; completes when it is stored (or could not be). */
  Mono<Void> refused(
      String providerId, String subject, String reason, String detail, RequestFacts facts) {
    log.warn(
        "single sign-on through {} refused ({}): {} [subject {}, client {}]",
        providerId,
        reason,
        detail,
        subject,
        facts.clientIp());
    if (!mayAudit()) {
      return Mono.empty();
    }
    Map<String, String> metadata = new HashMap<>();
    put(metadata, AuditMetadata.REQUEST_ID, facts.requestId());
    put(metadata, AuditMetadata.CLIENT_IP, facts.clientIp());
    put(metadata, AuditMetadata.USER_AGENT, facts.userAgent());
    SingleSignOnRefused event =
        new SingleSignOnRefused(providerId, subject, reason, detail, facts.clientIp());
    return Mono.fromRunnable(
            () ->
                events.publish(
                    GenericEventMessage.asEventMessage(event).andMetaData(MetaData.from(metadata))))
        .subscribeOn(Schedulers.boundedElastic())
        .onErrorResume(
            e -> {
              log.warn("the refused sign-in through {} could not be audited", providerId, e);
              return Mono.empty();
            })
        .then();
  }

  private boolean mayAudit() {
    long now = System.nanoTime();
    long start = windowStart.get();
    if (now - start > Duration.ofMinutes(1).toNanos() && windowStart.compareAndSet(start, now)) {
      inWindow.set(0);
    }
    return inWindow.incrementAndGet() <= AUDITED_PER_MINUTE;
  }

  private static void put(Map<String, String> metadata, String key, String value) {
    if (value != null) {
      metadata.put(key, value);
    }
  }
}
