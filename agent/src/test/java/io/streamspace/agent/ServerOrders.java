package io.streamspace.agent;

import io.streamspace.events.agent.HibernateSessionOrder;
import io.streamspace.events.agent.ResumeSessionOrder;
import io.streamspace.events.agent.StartSessionOrder;
import io.streamspace.events.agent.StopSessionOrder;
import io.streamspace.events.common.Resources;
import io.streamspace.events.template.TemplateDefinition;
import java.util.List;
import java.util.Map;

/** Orders as the server sends them, for tests. */
final class ServerOrders {

  private ServerOrders() {}

  static StartSessionOrder start(String commandId, String sessionId, String... command) {
    return start(commandId, sessionId, Map.of(), command);
  }

  static StartSessionOrder start(
      String commandId, String sessionId, Map<String, String> environment, String... command) {
    TemplateDefinition template =
        new TemplateDefinition(
            "xterm",
            "XTerm",
            "A terminal",
            "tools",
            List.of(),
            null,
            "streamspace/xterm",
            List.of(command),
            new Resources(500, 512),
            5900,
            environment);
    return new StartSessionOrder(
        commandId, sessionId, "org-1", "alice", "tpl-xterm", template, new Resources(0, 0));
  }

  static StopSessionOrder stop(String commandId, String sessionId) {
    return new StopSessionOrder(commandId, sessionId, "the user stopped it");
  }

  static HibernateSessionOrder hibernate(String commandId, String sessionId) {
    return new HibernateSessionOrder(commandId, sessionId, "idle");
  }

  static ResumeSessionOrder resume(String commandId, String sessionId) {
    return new ResumeSessionOrder(commandId, sessionId, "the user came back");
  }
}
