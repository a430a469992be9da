package io.streamspace.server.web;

/**
 * Remembers Idempotency-Keys and their answers, per caller. Blocking: callers run it off the event
 * loop.
 */
public interface IdempotencyStore {

  /** Takes {@code key} for a request, or says why it cannot run (see {@link Claim}). */
  Claim claim(String userId, String key, RequestFingerprint request);

  /** Stores the answer of the request that holds {@code key}. */
  void complete(String userId, String key, StoredResponse response);

  /** Frees {@code key} without an answer, so a retry runs the request again. */
  void release(String userId, String key);

  /** Deletes keys past their time to live; answers how many. */
  int deleteExpired();

  /** The outcome of claiming a key. */
  sealed interface Claim {

    /** The key is this request's: run it. */
    record Acquired() implements Claim {}

    /** The same request already ran: answer as it was answered. */
    record Replay(StoredResponse response) implements Claim {}

    /** The same request is running right now. */
    record InProgress() implements Claim {}

    /** The key was used for a different request: {@code original}. */
    record Mismatch(RequestFingerprint original) implements Claim {}
  }
}
