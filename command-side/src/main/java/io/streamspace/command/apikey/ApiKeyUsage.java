package io.streamspace.command.apikey;

import io.streamspace.events.apikey.ApiKeyUsed;
import io.streamspace.events.common.AuditMetadata;
import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Records that API keys were used: the last use of every key goes to {@code api_key.last_used_at}
 * in one batch per flush interval (not one write per request), and a key's first use in each audit
 * interval becomes an {@link ApiKeyUsed} event (at most {@link
 * ApiKeyProperties#auditedUsesPerMinute()} a minute across all keys, so nobody floods the event
 * store by cycling keys).
 */
@Component
public class ApiKeyUsage {

  private static final Logger log = LoggerFactory.getLogger(ApiKeyUsage.class);

  private final JdbcTemplate jdbc;
  private final EventGateway events;
  private final ApiKeyProperties properties;
  private final Map<String, Instant> unwritten = new ConcurrentHashMap<>();
  private final Map<String, Long> lastAuditedNanos = new ConcurrentHashMap<>();
  private final AtomicLong windowStart = new AtomicLong(System.nanoTime());
  private final AtomicLong auditedInWindow = new AtomicLong();

  public ApiKeyUsage(JdbcTemplate jdbc, EventGateway events, ApiKeyProperties properties) {
    this.jdbc = jdbc;
    this.events = events;
    this.properties = properties;
  }

  /**
   * Notes one use of {@code key} from {@code clientAddress}; audits it when it is the key's first
   * use in the interval. Blocking only when it audits (the event store append).
   */
  public void record(ApiKeyCredential key, String clientAddress) {
    unwritten.put(key.keyId(), Instant.now());
    long now = System.nanoTime();
    long interval = properties.useAuditInterval().toNanos();
    boolean[] due = {false};
    lastAuditedNanos.compute(
        key.keyId(),
        (id, last) -> {
          if (last == null || now - last >= interval) {
            due[0] = true;
            return now;
          }
          return last;
        });
    if (due[0] && mayAudit(now)) {
      audit(key, clientAddress);
    }
  }

  private void audit(ApiKeyCredential key, String clientAddress) {
    Map<String, String> metadata = new HashMap<>();
    metadata.put(AuditMetadata.ACTOR_ID, key.userId());
    metadata.put(AuditMetadata.ORGANIZATION_ID, key.organizationId());
    if (clientAddress != null) {
      metadata.put(AuditMetadata.CLIENT_IP, clientAddress);
    }
    try {
      events.publish(
          GenericEventMessage.asEventMessage(
                  new ApiKeyUsed(
                      key.keyId(), key.organizationId(), key.userId(), key.prefix(), clientAddress))
              .withMetaData(MetaData.from(metadata)));
    } catch (RuntimeException e) {
      // the request goes on: a use that cannot be audited must not become an outage
      log.warn("the use of API key {} could not be audited", key.prefix(), e);
    }
  }

  private boolean mayAudit(long now) {
    long start = windowStart.get();
    if (now - start > 60_000_000_000L && windowStart.compareAndSet(start, now)) {
      auditedInWindow.set(0);
    }
    return auditedInWindow.incrementAndGet() <= properties.auditedUsesPerMinute();
  }

  /** Writes what is still unwritten when the server stops, so a graceful stop loses no use. */
  @PreDestroy
  void flushOnShutdown() {
    flush();
  }

  /** Writes the last uses noted since the previous flush, in one batch. Blocking. */
  @Scheduled(
      initialDelayString = "${streamspace.api-keys.last-use-flush-interval:30s}",
      fixedDelayString = "${streamspace.api-keys.last-use-flush-interval:30s}")
  public void flush() {
    if (unwritten.isEmpty()) {
      return;
    }
    List<Object[]> rows = new ArrayList<>();
    for (String keyId : List.copyOf(unwritten.keySet())) {
      Instant at = unwritten.remove(keyId);
      if (at != null) {
        rows.add(new Object[] {Timestamp.from(at), keyId});
      }
    }
    try {
      jdbc.batchUpdate(
          "update api_key set last_used_at = greatest(coalesce(last_used_at, ?), ?)"
              + " where key_id = ?",
          rows.stream().map(r -> new Object[] {r[0], r[0], r[1]}).toList());
    } catch (RuntimeException e) {
      log.warn("the last use of {} API keys could not be written", rows.size(), e);
    }
    if (lastAuditedNanos.size() > 100_000) {
      // Forget old audit times rather than grow without bound; a key is audited again at worst.
      long now = System.nanoTime();
      long interval = properties.useAuditInterval().toNanos();
      lastAuditedNanos.values().removeIf(last -> now - last >= interval);
    }
  }
}
