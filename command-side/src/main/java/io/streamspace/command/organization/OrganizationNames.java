package io.streamspace.command.organization;

/** The register of taken organization names, which no single organization aggregate can see. */
public interface OrganizationNames {

  /**
   * Claims {@code name} for {@code organizationId} inside the current transaction.
   *
   * @return false when the name is already taken
   */
  boolean claim(String name, String organizationId);
}
