package io.streamspace.command.agent;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v1/agents/tokens}: a name that says which agent or site it is for. */
public record AgentTokenRequest(
    @NotBlank @Size(max = AgentTokenHandler.MAX_NAME_LENGTH) String name) {}
