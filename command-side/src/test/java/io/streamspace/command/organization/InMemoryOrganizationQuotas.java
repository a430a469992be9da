package io.streamspace.command.organization;

import io.streamspace.command.common.QuotaExceeded;
import io.streamspace.events.common.Resources;
import io.streamspace.events.organization.Quota;
import java.util.HashMap;
import java.util.Map;

/**
 * The quota register for tests that run Axon without a database. It keeps no transaction: a share
 * taken by a command that then fails stays taken, which the tests using it never rely on.
 */
public final class InMemoryOrganizationQuotas implements OrganizationQuotas {

  private record Hold(String organizationId, Resources resources) {}

  private final Map<String, Quota> limits = new HashMap<>();
  private final Map<String, Hold> holds = new HashMap<>();

  @Override
  public synchronized void open(String organizationId, Quota quota) {
    limits.put(organizationId, quota);
  }

  @Override
  public synchronized void limit(String organizationId, Quota quota) {
    limits.put(organizationId, quota);
  }

  @Override
  public synchronized void take(String organizationId, String sessionId, Resources resources) {
    Quota quota = limits.get(organizationId);
    int sessions = sessionsOf(organizationId);
    Resources used = usedBy(organizationId);
    if (!quota.admits(sessions, used, resources)) {
      throw new QuotaExceeded(organizationId, quota, sessions, used, resources);
    }
    holds.put(sessionId, new Hold(organizationId, resources));
  }

  @Override
  public synchronized void giveBack(String sessionId) {
    holds.remove(sessionId);
  }

  /** The limits enforced for the organization, null before it was opened. */
  public synchronized Quota limitsOf(String organizationId) {
    return limits.get(organizationId);
  }

  /** Sessions holding a share of the organization's quota. */
  public synchronized int sessionsOf(String organizationId) {
    return (int)
        holds.values().stream().filter(h -> h.organizationId().equals(organizationId)).count();
  }

  /** What the organization's sessions hold. */
  public synchronized Resources usedBy(String organizationId) {
    return holds.values().stream()
        .filter(h -> h.organizationId().equals(organizationId))
        .map(Hold::resources)
        .reduce(Resources.NONE, Resources::plus);
  }
}
