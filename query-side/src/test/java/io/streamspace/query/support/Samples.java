package io.streamspace.query.support;

import io.streamspace.events.common.Resources;
import io.streamspace.events.template.TemplateDefinition;
import java.util.List;
import java.util.Map;

/** Domain values the tests share. */
public final class Samples {

  private Samples() {}

  public static TemplateDefinition xterm() {
    return new TemplateDefinition(
        "xterm",
        "XTerm",
        "A terminal",
        "tools",
        List.of("terminal", "x11"),
        "https://example.test/xterm.png",
        "streamspace/xterm:1",
        List.of("xterm", "-fa", "Monospace"),
        new Resources(500, 256),
        5900,
        Map.of("LANG", "C.UTF-8"));
  }

  public static TemplateDefinition named(
      String name, String displayName, String category, List<String> tags) {
    return new TemplateDefinition(
        name,
        displayName,
        null,
        category,
        tags,
        null,
        "streamspace/" + name + ":1",
        List.of(name),
        new Resources(250, 128),
        5900,
        Map.of());
  }
}
