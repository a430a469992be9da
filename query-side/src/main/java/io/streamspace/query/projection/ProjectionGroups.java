package io.streamspace.query.projection;

import java.util.List;

/** The processing groups of the read models: one group, and so one processor, per read model. */
public final class ProjectionGroups {

  public static final String SESSIONS = "sessions";
  public static final String TEMPLATES = "templates";
  public static final String ORGANIZATIONS = "organizations";
  public static final String USERS = "users";
  public static final String AUDIT = "audit";
  public static final String AGENTS = "agents";

  public static final List<String> ALL =
      List.of(SESSIONS, TEMPLATES, ORGANIZATIONS, USERS, AUDIT, AGENTS);

  private ProjectionGroups() {}
}
