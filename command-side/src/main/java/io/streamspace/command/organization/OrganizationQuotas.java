package io.streamspace.command.organization;

import io.streamspace.command.common.QuotaExceeded;
import io.streamspace.events.common.Resources;
import io.streamspace.events.organization.Quota;

/**
 * The organizations' quotas as the command side enforces them: the limits the organization
 * aggregate decided and what live sessions hold of them. Every method works in the current
 * transaction, so a share is taken or given back together with the session's event (ADR 0016).
 */
public interface OrganizationQuotas {

  /** Opens the quota of a new organization, with nothing held yet. */
  void open(String organizationId, Quota limits);

  /** Sets new limits: sessions holding a share keep it, new ones must fit the new limits. */
  void limit(String organizationId, Quota limits);

  /**
   * Takes {@code sessionId}'s share, or refuses it. The organization's quota stays locked until the
   * transaction ends, so racing creates are decided one after the other.
   *
   * @throws QuotaExceeded when the session does not fit beside the sessions holding a share
   */
  void take(String organizationId, String sessionId, Resources resources);

  /** Gives back what {@code sessionId} holds; a session holding nothing gives nothing. */
  void giveBack(String sessionId);
}
