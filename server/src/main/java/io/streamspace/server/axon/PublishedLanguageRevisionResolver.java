package io.streamspace.server.axon;

import io.streamspace.events.common.Revision;
import org.axonframework.serialization.RevisionResolver;

/** Reads an event's stored-shape revision from the published language's own {@link Revision}. */
public final class PublishedLanguageRevisionResolver implements RevisionResolver {

  @Override
  public String revisionOf(Class<?> payloadType) {
    Revision revision = payloadType.getAnnotation(Revision.class);
    return revision == null ? null : revision.value();
  }
}
