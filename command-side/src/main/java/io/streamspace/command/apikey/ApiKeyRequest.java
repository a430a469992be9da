package io.streamspace.command.apikey;

import io.streamspace.events.common.Role;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * Body of {@code POST /api/v1/api-keys}.
 *
 * @param name what the key is for (a script, a CI job)
 * @param userId whose key it is: the caller when absent; an admin may name a member of an
 *     organization they administer
 * @param scope the highest role the key acts with, at most the owner's and the caller's role; the
 *     owner's role when absent
 * @param expiresAt when the key stops working: required, at most the configured maximum lifetime
 *     ahead
 */
public record ApiKeyRequest(
    @NotBlank @Size(max = ApiKeyHandler.MAX_NAME_LENGTH) String name,
    @Size(max = 200) String userId,
    Role scope,
    @NotNull Instant expiresAt) {}
