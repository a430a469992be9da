package io.streamspace.command.common;

import io.streamspace.events.common.Resources;
import io.streamspace.events.organization.Quota;

/**
 * A new session would take the organization past its quota. Mapped to 409; it carries the quota,
 * the usage and the request so the problem detail can say exactly what did not fit.
 */
public class QuotaExceeded extends Conflict {

  private final String organizationId;
  private final Quota quota;
  private final int sessions;
  private final Resources used;
  private final Resources requested;

  public QuotaExceeded(
      String organizationId, Quota quota, int sessions, Resources used, Resources requested) {
    super(detail(quota, sessions, used, requested));
    this.organizationId = organizationId;
    this.quota = quota;
    this.sessions = sessions;
    this.used = used;
    this.requested = requested;
  }

  private static String detail(Quota quota, int sessions, Resources used, Resources requested) {
    return "quota exceeded: the organization runs %d of %d sessions and uses %d of %d CPU millicores and %d of %d MiB memory; the new session asks for %d millicores and %d MiB"
        .formatted(
            sessions,
            quota.maxSessions(),
            used.cpuMillis(),
            quota.maxCpuMillis(),
            used.memoryMb(),
            quota.maxMemoryMb(),
            requested.cpuMillis(),
            requested.memoryMb());
  }

  public String organizationId() {
    return organizationId;
  }

  public Quota quota() {
    return quota;
  }

  /** Sessions holding a share of the quota when the request came. */
  public int sessions() {
    return sessions;
  }

  public Resources used() {
    return used;
  }

  public Resources requested() {
    return requested;
  }
}
