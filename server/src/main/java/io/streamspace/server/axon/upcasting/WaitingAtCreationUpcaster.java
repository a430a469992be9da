package io.streamspace.server.axon.upcasting;

import io.streamspace.events.session.SessionCreated;
import java.util.Set;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a revision-2 {@link SessionCreated} as revision 3, whose {@code waiting_reason} says why a
 * session waited for an agent from its creation on. Revision 2 kept that reason in the event's
 * metadata ({@code waiting_at_creation}) and repeated it in a {@code SessionWaiting} of the same
 * commit, which old histories still hold; both say the same, so reading them twice changes nothing.
 * Runs after {@link TemplateCommandUpcaster}, which brings revision 1 to 2.
 */
@Component
@Order(2)
public class WaitingAtCreationUpcaster extends PayloadUpcaster {

  /** Where revision 2 kept the reason. */
  static final String REVISION_TWO_METADATA = "waiting_at_creation";

  public WaitingAtCreationUpcaster() {
    super(Set.of(SessionCreated.class.getName()), "2", "3");
  }

  @Override
  JsonNode upcast(JsonNode payload, IntermediateEventRepresentation event) {
    MetaData metadata = event.getMetaData().getObject();
    Object reason = metadata.get(REVISION_TWO_METADATA);
    if (payload instanceof ObjectNode created && !created.has("waiting_reason")) {
      if (reason == null) {
        created.putNull("waiting_reason");
      } else {
        created.put("waiting_reason", reason.toString());
      }
    }
    return payload;
  }
}
