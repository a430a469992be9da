package io.streamspace.events.common;

import java.util.List;

/**
 * The metadata keys every command carries and every stored event keeps: the audit trail by
 * construction.
 */
public final class AuditMetadata {
  public static final String ACTOR_ID = "actor_id";
  public static final String ORGANIZATION_ID = "organization_id";
  public static final String REQUEST_ID = "request_id";
  public static final String CLIENT_IP = "client_ip";
  public static final String USER_AGENT = "user_agent";

  public static final List<String> KEYS =
      List.of(ACTOR_ID, ORGANIZATION_ID, REQUEST_ID, CLIENT_IP, USER_AGENT);

  private AuditMetadata() {}
}
