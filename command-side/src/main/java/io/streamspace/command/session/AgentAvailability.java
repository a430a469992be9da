package io.streamspace.command.session;

import io.streamspace.events.common.Resources;
import io.streamspace.events.template.TemplateDefinition;
import java.util.Optional;

/**
 * Whether a session about to be created could go to a connected agent now, asked by its creation:
 * one that no agent could take waits from its creation on, in the same unit of work, instead of
 * after a second command from the dispatcher. Placing a session on an agent stays the dispatcher's.
 */
public interface AgentAvailability {

  /**
   * Why a session of this definition and size would wait now; empty when some agent could run it.
   */
  Optional<String> reasonToWait(TemplateDefinition template, Resources resources);
}
