package io.streamspace.query.live;

/**
 * What the projections announce after they commit a change: which session or agent changed. The
 * stream reads the current row itself, so the notice stays small and never goes stale.
 *
 * @param kind {@code session} or {@code agent}
 */
public record LiveChange(String kind, String id) {

  static final String SESSION = "session";
  static final String AGENT = "agent";

  /** The notice as PostgreSQL carries it: {@code kind:id} (ids hold no colon before it). */
  String encode() {
    return kind + ":" + id;
  }

  /** The notice {@code payload} names, or null for a payload of another shape. */
  static LiveChange decode(String payload) {
    int colon = payload == null ? -1 : payload.indexOf(':');
    if (colon <= 0 || colon == payload.length() - 1) {
      return null;
    }
    String kind = payload.substring(0, colon);
    if (!SESSION.equals(kind) && !AGENT.equals(kind)) {
      return null;
    }
    return new LiveChange(kind, payload.substring(colon + 1));
  }
}
