package io.streamspace.query.projection;

import java.util.List;

/**
 * The processing groups of the read models, one per read model: the names under which each is
 * listed and replayed. Which processor runs a group is configuration ({@link
 * ProjectionProperties#processorOf}); by default each has a processor of its own name.
 */
public final class ProjectionGroups {

  public static final String SESSIONS = "sessions";
  public static final String TEMPLATES = "templates";
  public static final String ORGANIZATIONS = "organizations";
  public static final String USERS = "users";
  public static final String AGENTS = "agents";

  public static final List<String> ALL = List.of(SESSIONS, TEMPLATES, ORGANIZATIONS, USERS, AGENTS);

  private ProjectionGroups() {}
}
