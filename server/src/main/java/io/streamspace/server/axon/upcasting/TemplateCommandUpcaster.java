package io.streamspace.server.axon.upcasting;

import io.streamspace.events.session.SessionCreated;
import io.streamspace.events.template.TemplateCreated;
import io.streamspace.events.template.TemplateUpdated;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the revision-1 shape of every event that carries a template definition ({@link
 * TemplateCreated}, {@link TemplateUpdated}, {@link SessionCreated}), in which the local runtime's
 * {@code command} was one shell-style string, as revision 2, in which it is an argv list. The
 * string is split on whitespace, honouring single and double quotes, the way a shell without
 * expansions would have run it.
 */
@Component
@Order(1)
public class TemplateCommandUpcaster extends PayloadUpcaster {

  /** Where each event keeps its definition. */
  private static final Map<String, String> DEFINITION_FIELD =
      Map.of(
          TemplateCreated.class.getName(), "definition",
          TemplateUpdated.class.getName(), "definition",
          SessionCreated.class.getName(), "template");

  public TemplateCommandUpcaster() {
    super(DEFINITION_FIELD.keySet(), "1", "2");
  }

  @Override
  JsonNode upcast(JsonNode payload, IntermediateEventRepresentation event) {
    String field = DEFINITION_FIELD.get(event.getType().getName());
    if (payload.get(field) instanceof ObjectNode definition
        && definition.get("command") != null
        && definition.get("command").isString()) {
      ArrayNode argv = definition.arrayNode();
      splitArguments(definition.get("command").asString()).forEach(argv::add);
      definition.set("command", argv);
    }
    return payload;
  }

  static List<String> splitArguments(String commandLine) {
    List<String> argv = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    char quote = 0;
    boolean inArgument = false;
    for (char c : commandLine.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          current.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inArgument = true;
      } else if (Character.isWhitespace(c)) {
        if (inArgument) {
          argv.add(current.toString());
          current.setLength(0);
          inArgument = false;
        }
      } else {
        current.append(c);
        inArgument = true;
      }
    }
    if (inArgument) {
      argv.add(current.toString());
    }
    return argv;
  }
}
