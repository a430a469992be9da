package io.streamspace.query.organization;

import io.streamspace.events.organization.Quota;
import java.time.Instant;

/** An organization as the read API shows it: its quota and what its live sessions use of it. */
public record OrganizationView(
    String id,
    String name,
    String displayName,
    Quota quota,
    Usage usage,
    Instant createdAt,
    Instant updatedAt) {

  /** What the organization's live sessions hold of the quota. */
  public record Usage(int sessions, int cpuMillis, int memoryMb) {}
}
