package io.streamspace.query.audit;

import static io.streamspace.query.projection.ProjectionSql.utc;

import io.streamspace.events.agent.AgentConnectionRefused;
import io.streamspace.events.agent.AgentEvent;
import io.streamspace.events.agent.AgentTokenIssued;
import io.streamspace.events.agent.AgentTokenRevoked;
import io.streamspace.events.apikey.ApiKeyEvent;
import io.streamspace.events.apikey.ApiKeyUsed;
import io.streamspace.events.common.AuditMetadata;
import io.streamspace.events.identity.AccessDenied;
import io.streamspace.events.identity.LoginFailed;
import io.streamspace.events.identity.LoginSucceeded;
import io.streamspace.events.organization.OrganizationEvent;
import io.streamspace.events.session.SessionEvent;
import io.streamspace.events.template.TemplateEvent;
import io.streamspace.query.projection.BatchWrites;
import io.streamspace.query.projection.EventJson;
import io.streamspace.query.projection.ProjectionGroups;
import java.util.Objects;
import javax.sql.DataSource;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes every event of every type into {@code audit_log}, with who caused it (the metadata each
 * command carries onto its events) and where it sits in the event store.
 *
 * <p>The row's key is the event's global index, so a redelivered event inserts nothing. A
 * processor's batch is written as it commits, as one batched insert ({@link BatchWrites}): one
 * round trip for the batch instead of one per event.
 */
@Component
@ProcessingGroup(ProjectionGroups.AUDIT)
public class AuditProjection {

  private static final String INSERT =
      """
      insert into audit_log (global_index, event_id, event_type, aggregate_type, resource_id,
          aggregate_sequence, organization_id, actor_id, actor_organization_id, request_id,
          client_ip, user_agent, occurred_at, payload)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
      on conflict (global_index) do nothing
      """;

  private final JdbcTemplate jdbc;
  private final BatchWrites writes;
  private final EventPositions positions;

  @Autowired
  public AuditProjection(DataSource dataSource, ObjectProvider<EventPositions> positions) {
    this(dataSource, positions.getIfAvailable(() -> EventPositions.FROM_TOKEN));
  }

  AuditProjection(DataSource dataSource) {
    this(dataSource, EventPositions.FROM_TOKEN);
  }

  private AuditProjection(DataSource dataSource, EventPositions positions) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.writes = new BatchWrites(jdbc, AuditProjection.class);
    this.positions = positions;
  }

  @EventHandler
  void on(Object payload, TrackedEventMessage<?> event) {
    MetaData metadata = event.getMetaData();
    String aggregateType = null;
    String resourceId = null;
    Long aggregateSequence = null;
    if (event instanceof DomainEventMessage<?> domainEvent && domainEvent.getType() != null) {
      aggregateType = domainEvent.getType();
      resourceId = domainEvent.getAggregateIdentifier();
      aggregateSequence = domainEvent.getSequenceNumber();
    } else {
      // Published without an aggregate: the event store files it under its own message id,
      // which names nothing, so the resource comes from the payload.
      resourceId = resourceOf(payload);
    }
    Object[] row = {
      positions.of(event),
      event.getIdentifier(),
      event.getPayloadType().getSimpleName(),
      aggregateType,
      resourceId,
      aggregateSequence,
      organizationOf(payload, metadata),
      text(metadata, AuditMetadata.ACTOR_ID),
      text(metadata, AuditMetadata.ORGANIZATION_ID),
      text(metadata, AuditMetadata.REQUEST_ID),
      text(metadata, AuditMetadata.CLIENT_IP),
      text(metadata, AuditMetadata.USER_AGENT),
      utc(event.getTimestamp()),
      EventJson.toJson(payload)
    };
    writes.create(INSERT, row);
  }

  /** Replay starts from an empty log; the reset runs in the transaction that resets the tokens. */
  @ResetHandler
  void reset() {
    jdbc.update("delete from audit_log");
  }

  /**
   * The organization the event belongs to, which scopes who may read it. A system admin acting on
   * another organization carries their own organization in the metadata, so the payload wins.
   *
   * <p>Agents and agent tokens serve the whole platform: their events belong to no organization
   * (null), so only a system admin reading every organization's log sees them, never an org admin,
   * whichever organization the acting system admin happens to be in.
   */
  static String organizationOf(Object payload, MetaData metadata) {
    if (isPlatformWide(payload)) {
      return null;
    }
    if (payload instanceof SessionEvent event) {
      return event.organizationId();
    }
    if (payload instanceof TemplateEvent event) {
      return event.organizationId();
    }
    if (payload instanceof OrganizationEvent event) {
      return event.organizationId();
    }
    if (payload instanceof ApiKeyEvent event) {
      // a system admin may issue a key to another organization's member: the owner's counts
      return event.organizationId();
    }
    return text(metadata, AuditMetadata.ORGANIZATION_ID);
  }

  static boolean isPlatformWide(Object payload) {
    return payload instanceof AgentEvent
        || payload instanceof AgentTokenIssued
        || payload instanceof AgentTokenRevoked
        || payload instanceof AgentConnectionRefused;
  }

  private static String resourceOf(Object payload) {
    if (payload instanceof AgentConnectionRefused refused) {
      return refused.claimedAgentId();
    }
    if (payload instanceof ApiKeyUsed used) {
      return used.keyId();
    }
    if (payload instanceof LoginSucceeded login) {
      return login.userId();
    }
    if (payload instanceof LoginFailed login) {
      return login.userId();
    }
    if (payload instanceof AccessDenied denied) {
      return denied.target();
    }
    return null;
  }

  private static String text(MetaData metadata, String key) {
    Object value = metadata.get(key);
    return value == null ? null : Objects.toString(value);
  }
}
