package io.streamspace.events.agent;

import io.streamspace.events.common.Resources;
import io.streamspace.events.template.TemplateDefinition;

/**
 * Run this session. Repeating the same {@code commandId} (a re-send after a reconnect) never starts
 * a second runtime.
 */
public record StartSessionOrder(
    String commandId,
    String sessionId,
    String organizationId,
    String userId,
    String templateId,
    TemplateDefinition template,
    Resources resources) {}
