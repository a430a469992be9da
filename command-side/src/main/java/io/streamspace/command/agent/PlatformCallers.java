package io.streamspace.command.agent;

import io.streamspace.events.common.Caller;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;

/**
 * The platform's own actors in the audit trail: the dispatcher (placement, timeouts) and each agent
 * (its reports), named so a reader sees which one acted.
 */
final class PlatformCallers {

  static final String PLATFORM_ORGANIZATION = "platform";

  private PlatformCallers() {}

  static Caller dispatcher() {
    return new Caller(
        new Requester("system:dispatcher", PLATFORM_ORGANIZATION, Role.SYSTEM_ADMIN),
        null,
        null,
        "streamspace-dispatcher");
  }

  static Caller agent(String agentId, String remoteAddress, String version) {
    return new Caller(
        new Requester("agent:" + agentId, PLATFORM_ORGANIZATION, Role.SYSTEM_ADMIN),
        null,
        remoteAddress,
        "streamspace-agent/" + version);
  }
}
