package io.streamspace.server.identity;

import io.streamspace.events.common.Role;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the command side's {@code user_account} table, for the login and for the check of every
 * request's account. Only reads it: accounts are written by the command side when users are
 * registered or changed.
 */
@Component
class JdbcUserAccounts implements UserAccounts {

  private final JdbcClient jdbc;

  JdbcUserAccounts(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  @Override
  public Optional<UserAccount> findByUsername(String username) {
    return jdbc.sql(
            """
            select user_id, organization_id, username, password_hash, role, disabled
              from user_account
             where username = ?
            """)
        .param(username)
        .query(
            (rs, row) ->
                new UserAccount(
                    rs.getString("user_id"),
                    rs.getString("organization_id"),
                    rs.getString("username"),
                    rs.getString("password_hash"),
                    role(rs.getString("role")),
                    rs.getBoolean("disabled")))
        .optional();
  }

  @Override
  public Optional<AccountStanding> standingOf(String userId) {
    return jdbc.sql("select user_id, role, disabled from user_account where user_id = ?")
        .param(userId)
        .query(
            (rs, row) ->
                new AccountStanding(
                    rs.getString("user_id"), role(rs.getString("role")), rs.getBoolean("disabled")))
        .optional();
  }

  private static Role role(String stored) {
    return Role.fromWireName(stored.trim().toLowerCase(Locale.ROOT));
  }
}
