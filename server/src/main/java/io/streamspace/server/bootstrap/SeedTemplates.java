package io.streamspace.server.bootstrap;

import io.streamspace.events.common.Resources;
import io.streamspace.events.template.TemplateDefinition;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The catalog a new platform starts with: small X11 applications every Linux machine can run under
 * the local runtime, so the first session works without pulling any image.
 */
final class SeedTemplates {

  private static final int VNC_PORT = 5900;

  private SeedTemplates() {}

  static List<TemplateDefinition> all() {
    return List.of(
        new TemplateDefinition(
            "xterm",
            "Terminal",
            "A plain X terminal with a shell, the quickest way to try a session.",
            "Development",
            List.of("terminal", "shell", "x11"),
            icon("#1e293b", "#e2e8f0", ">_"),
            "streamspace/xterm:latest",
            List.of("xterm"),
            new Resources(500, 512),
            VNC_PORT,
            Map.of()),
        new TemplateDefinition(
            "xeyes",
            "Eyes",
            "The classic X11 eyes that follow the pointer: a lightweight check that the desktop"
                + " and the mouse reach the session.",
            "Demo",
            List.of("demo", "x11"),
            icon("#f8fafc", "#0f172a", "oo"),
            "streamspace/xeyes:latest",
            List.of("xeyes"),
            new Resources(250, 256),
            VNC_PORT,
            Map.of()),
        new TemplateDefinition(
            "xcalc",
            "Calculator",
            "A small scientific calculator for the desktop.",
            "Office",
            List.of("calculator", "office", "x11"),
            icon("#0369a1", "#f0f9ff", "="),
            "streamspace/xcalc:latest",
            List.of("xcalc"),
            new Resources(250, 256),
            VNC_PORT,
            Map.of()));
  }

  /** A self-contained SVG icon as a data: URI, so the catalog shows without any icon server. */
  private static String icon(String background, String foreground, String glyph) {
    String svg =
        "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 64 64'>"
            + "<rect width='64' height='64' rx='12' fill='"
            + background
            + "'/><text x='32' y='42' font-family='monospace' font-size='28'"
            + " text-anchor='middle' fill='"
            + foreground
            + "'>"
            + glyph.replace(">", "&gt;")
            + "</text></svg>";
    return "data:image/svg+xml;charset=utf-8,"
        + URLEncoder.encode(svg, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
