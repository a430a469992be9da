package io.streamspace.query.audit;

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
import java.util.Objects;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;

/**
 * What the audit log files an event under, written beside the event in the event store as it is
 * appended: its type, the organization it belongs to, who caused it, and the resource it concerns
 * when it has no aggregate.
 *
 * @param eventType the payload's simple class name, as the log's {@code event_type} filter names it
 * @param organizationId the organization whose admins may read the event; null for platform-wide
 *     events, which only a system admin reading every organization sees
 * @param actorId who caused the event, from the command's metadata
 * @param resourceId the resource of an event published without an aggregate, named by its payload;
 *     null for an aggregate's event, whose resource is its aggregate
 */
public record AuditSubject(
    String eventType, String organizationId, String actorId, String resourceId) {

  /** Files {@code event}, as it is appended to the event store. */
  public static AuditSubject of(EventMessage<?> event) {
    Object payload = event.getPayload();
    MetaData metadata = event.getMetaData();
    boolean ofAnAggregate =
        event instanceof DomainEventMessage<?> domainEvent && domainEvent.getType() != null;
    return new AuditSubject(
        event.getPayloadType().getSimpleName(),
        organizationOf(payload, metadata),
        text(metadata, AuditMetadata.ACTOR_ID),
        // Published without an aggregate: the event store files it under its own message id,
        // which names nothing, so the resource comes from the payload.
        ofAnAggregate ? null : resourceOf(payload));
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

  private static boolean isPlatformWide(Object payload) {
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
