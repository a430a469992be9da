package io.streamspace.events.common;

import java.util.HashMap;
import java.util.Map;

/**
 * The authenticated person behind one API request, with the request facts that every command's
 * metadata records for the audit trail.
 */
public record Caller(Requester requester, String requestId, String clientIp, String userAgent) {

  public String userId() {
    return requester.userId();
  }

  public String organizationId() {
    return requester.organizationId();
  }

  public Role role() {
    return requester.role();
  }

  /** The metadata every command of this request carries (see {@link AuditMetadata}). */
  public Map<String, String> auditMetadata() {
    Map<String, String> metadata = new HashMap<>();
    metadata.put(AuditMetadata.ACTOR_ID, requester.userId());
    metadata.put(AuditMetadata.ORGANIZATION_ID, requester.organizationId());
    put(metadata, AuditMetadata.REQUEST_ID, requestId);
    put(metadata, AuditMetadata.CLIENT_IP, clientIp);
    put(metadata, AuditMetadata.USER_AGENT, userAgent);
    return metadata;
  }

  private static void put(Map<String, String> metadata, String key, String value) {
    if (value != null) {
      metadata.put(key, value);
    }
  }
}
