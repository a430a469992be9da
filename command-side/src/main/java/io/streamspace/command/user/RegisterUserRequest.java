package io.streamspace.command.user;

import io.streamspace.events.common.Role;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/users}. Only a system admin may name another {@code organization_id};
 * without it the person joins the caller's organization.
 *
 * @param password at most 72 characters: bcrypt ignores anything past 72 bytes
 */
public record RegisterUserRequest(
    @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._@-]+") String username,
    @NotBlank @Size(min = 8, max = 72) String password,
    @Email @Size(max = 254) String email,
    @Size(max = 200) String displayName,
    @NotNull Role role,
    @Size(max = 200) String organizationId) {

  @Override
  public String toString() {
    // never let the password reach a log line
    return "RegisterUserRequest[username=%s, role=%s, organizationId=%s]"
        .formatted(username, role, organizationId);
  }
}
