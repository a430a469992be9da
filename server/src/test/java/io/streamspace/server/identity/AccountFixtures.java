package io.streamspace.server.identity;

import io.streamspace.events.common.Role;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Puts accounts straight into {@code user_account}, the table the login reads, so login tests do
 * not depend on how the command side registers people.
 */
final class AccountFixtures {

  private final JdbcTemplate jdbc;
  private final PasswordEncoder passwordEncoder;

  AccountFixtures(JdbcTemplate jdbc, PasswordEncoder passwordEncoder) {
    this.jdbc = jdbc;
    this.passwordEncoder = passwordEncoder;
    // The command side's migration owns this table; until its module is assembled here, tests
    // create the same columns so the login has something real to read.
    jdbc.execute(
        """
        create table if not exists user_account (
            user_id         text primary key,
            organization_id text not null,
            username        text not null unique,
            password_hash   text not null,
            role            text not null,
            disabled        boolean not null default false,
            created_at      timestamptz not null default now())
        """);
  }

  /** A new account with a unique username; answers it. */
  UserAccount create(String password, Role role, boolean disabled) {
    String userId = UUID.randomUUID().toString();
    String username = "user-" + userId.substring(0, 8);
    String organizationId = "org-" + UUID.randomUUID().toString().substring(0, 8);
    String hash = passwordEncoder.encode(password);
    jdbc.update(
        "insert into user_account (user_id, organization_id, username, password_hash, role, disabled)"
            + " values (?, ?, ?, ?, ?, ?)",
        userId,
        organizationId,
        username,
        hash,
        role.wireName(),
        disabled);
    return new UserAccount(userId, organizationId, username, hash, role, disabled);
  }
}
