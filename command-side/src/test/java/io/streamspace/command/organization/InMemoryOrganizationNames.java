package io.streamspace.command.organization;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The name register for tests that run Axon without a database. */
public final class InMemoryOrganizationNames implements OrganizationNames {

  private final Map<String, String> owners = new ConcurrentHashMap<>();

  @Override
  public boolean claim(String name, String organizationId) {
    return owners.putIfAbsent(name, organizationId) == null;
  }
}
