package io.streamspace.command.common;

/**
 * An aggregate that knows when nothing will ask for it again, so the aggregate caches drop it then
 * instead of keeping it until their bound crowds out the aggregates still in use.
 */
public interface CachedWhileInUse {

  /** Whether commands may still come for this aggregate often enough to keep it loaded. */
  boolean stillInUse();
}
