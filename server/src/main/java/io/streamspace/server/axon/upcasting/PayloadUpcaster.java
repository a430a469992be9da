package io.streamspace.server.axon.upcasting;

import java.util.Set;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import tools.jackson.databind.JsonNode;

/**
 * Reads one revision of some event types' JSON payload as the next: the subclass rewrites the
 * payload, and may look at the rest of the stored event (its metadata) to do it.
 */
abstract class PayloadUpcaster extends SingleEventUpcaster {

  private final Set<String> types;
  private final String from;
  private final String to;

  PayloadUpcaster(Set<String> types, String from, String to) {
    this.types = types;
    this.from = from;
    this.to = to;
  }

  /** The payload of {@code event} in revision {@code to}; may change and return {@code payload}. */
  abstract JsonNode upcast(JsonNode payload, IntermediateEventRepresentation event);

  @Override
  protected boolean canUpcast(IntermediateEventRepresentation representation) {
    SerializedType type = representation.getType();
    return types.contains(type.getName()) && from.equals(type.getRevision());
  }

  @Override
  protected IntermediateEventRepresentation doUpcast(
      IntermediateEventRepresentation representation) {
    return representation.upcastPayload(
        new SimpleSerializedType(representation.getType().getName(), to),
        JsonNode.class,
        payload -> upcast(payload, representation));
  }
}
