package io.streamspace.server.axon.upcasting;

import io.streamspace.events.template.TemplateCreated;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads {@link TemplateCreated} revision 1, whose {@code definition.command} was one shell-style
 * string, as revision 2, where it is an argv list. Split on whitespace, honouring single and double
 * quotes, which is how the local runtime used to run it.
 */
@Component
public class TemplateCreatedCommandUpcaster extends SingleEventUpcaster {

  private static final SimpleSerializedType REVISION_1 =
      new SimpleSerializedType(TemplateCreated.class.getName(), "1");
  private static final SimpleSerializedType REVISION_2 =
      new SimpleSerializedType(TemplateCreated.class.getName(), "2");

  @Override
  protected boolean canUpcast(IntermediateEventRepresentation representation) {
    return representation.getType().equals(REVISION_1);
  }

  @Override
  protected IntermediateEventRepresentation doUpcast(
      IntermediateEventRepresentation representation) {
    return representation.upcastPayload(
        REVISION_2,
        JsonNode.class,
        payload -> {
          JsonNode definition = payload.get("definition");
          if (definition instanceof ObjectNode object
              && object.get("command") != null
              && object.get("command").isString()) {
            ArrayNode argv = object.arrayNode();
            splitArguments(object.get("command").asString()).forEach(argv::add);
            object.set("command", argv);
          }
          return payload;
        });
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
