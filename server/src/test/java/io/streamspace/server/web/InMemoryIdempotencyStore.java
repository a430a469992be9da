package io.streamspace.server.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The store's contract kept in memory, for tests of the filter's own decisions. */
final class InMemoryIdempotencyStore implements IdempotencyStore {

  record Entry(RequestFingerprint request, StoredResponse response) {}

  final Map<String, Entry> entries = new ConcurrentHashMap<>();

  @Override
  public synchronized Claim claim(String userId, String key, RequestFingerprint request) {
    Entry existing = entries.putIfAbsent(userId + "/" + key, new Entry(request, null));
    if (existing == null) {
      return new Claim.Acquired();
    }
    if (!existing.request().equals(request)) {
      return new Claim.Mismatch(existing.request());
    }
    return existing.response() == null
        ? new Claim.InProgress()
        : new Claim.Replay(existing.response());
  }

  @Override
  public void complete(String userId, String key, StoredResponse response) {
    entries.computeIfPresent(userId + "/" + key, (k, e) -> new Entry(e.request(), response));
  }

  @Override
  public void release(String userId, String key) {
    entries.computeIfPresent(userId + "/" + key, (k, e) -> e.response() == null ? null : e);
  }

  @Override
  public int deleteExpired() {
    return 0;
  }
}
