package io.streamspace.server.axon;

import io.streamspace.events.common.Revision;
import java.util.Optional;
import org.axonframework.serialization.RevisionResolver;

/**
 * Reads an event's stored-shape revision from the published language's own {@link Revision}, once
 * per payload type: every event and snapshot written asks, and an annotation's value is read
 * through a reflective proxy.
 */
public final class PublishedLanguageRevisionResolver implements RevisionResolver {

  private static final ClassValue<Optional<String>> REVISIONS =
      new ClassValue<>() {
        @Override
        protected Optional<String> computeValue(Class<?> payloadType) {
          Revision revision = payloadType.getAnnotation(Revision.class);
          return Optional.ofNullable(revision == null ? null : revision.value());
        }
      };

  @Override
  public String revisionOf(Class<?> payloadType) {
    return REVISIONS.get(payloadType).orElse(null);
  }
}
