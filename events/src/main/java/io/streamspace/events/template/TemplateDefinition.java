package io.streamspace.events.template;

import io.streamspace.events.common.Resources;
import java.util.List;
import java.util.Map;

/**
 * Everything that describes an application in the catalog: how it looks in the catalog and how each
 * runtime launches it.
 *
 * @param image container image for the Kubernetes and Docker runtimes
 * @param command argv run under the local runtime (inside the session's X display); until revision
 *     2 of the events that carry a definition it was one shell-style string
 * @param vncPort the port the session's VNC server listens on inside a container
 * @param idle how long its sessions may go without a viewer; absent in events stored before it
 *     existed, which read as the platform's defaults
 */
public record TemplateDefinition(
    String name,
    String displayName,
    String description,
    String category,
    List<String> tags,
    String iconUrl,
    String image,
    List<String> command,
    Resources defaultResources,
    int vncPort,
    Map<String, String> environment,
    IdleLimits idle) {

  public TemplateDefinition {
    tags = tags == null ? List.of() : List.copyOf(tags);
    command = command == null ? List.of() : List.copyOf(command);
    environment = environment == null ? Map.of() : Map.copyOf(environment);
    idle = idle == null ? IdleLimits.DEFAULTS : idle;
  }

  /** A definition with the platform's idle limits. */
  public TemplateDefinition(
      String name,
      String displayName,
      String description,
      String category,
      List<String> tags,
      String iconUrl,
      String image,
      List<String> command,
      Resources defaultResources,
      int vncPort,
      Map<String, String> environment) {
    this(
        name,
        displayName,
        description,
        category,
        tags,
        iconUrl,
        image,
        command,
        defaultResources,
        vncPort,
        environment,
        IdleLimits.DEFAULTS);
  }
}
