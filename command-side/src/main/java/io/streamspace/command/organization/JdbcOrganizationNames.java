package io.streamspace.command.organization;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Organization names in the {@code organization_name} table, written in the unit of work's
 * transaction so the claim and {@code OrganizationCreated} commit or roll back together.
 */
@Component
public class JdbcOrganizationNames implements OrganizationNames {

  private final JdbcTemplate jdbc;

  public JdbcOrganizationNames(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public boolean claim(String name, String organizationId) {
    Integer taken =
        jdbc.queryForObject(
            "select count(*) from organization_name where name = ?", Integer.class, name);
    if (taken != null && taken > 0) {
      return false;
    }
    try {
      jdbc.update(
          "insert into organization_name (name, organization_id) values (?, ?)",
          name,
          organizationId);
      return true;
    } catch (DuplicateKeyException e) {
      return false; // lost a race for the same name (or the id was already used)
    }
  }
}
