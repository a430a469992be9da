package io.streamspace.server.axon;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.SplittableRandom;
import java.util.UUID;
import org.axonframework.common.IdentifierFactory;

/**
 * Identifiers that must be unique but need not be secret: the ids of Axon's messages (events,
 * commands, their results; Axon finds this class through {@code META-INF/services}) and of API
 * requests. Time-ordered UUIDs (version 7, RFC 9562) drawn without a lock.
 *
 * <p>{@link UUID#randomUUID()} takes the JVM-wide lock of its {@code SecureRandom}. A command and
 * its events create a few dozen messages across the command thread and every processor's work
 * packages, and on two busy cores a thread descheduled while holding that lock held up the others,
 * event loops included, for 10 ms or more at a time (ADR 0012). Here each thread draws from a
 * generator of its own, seeded once from a {@code SecureRandom}. Resources' ids (sessions,
 * templates, users) stay unguessable: they come from {@code ResourceIds}.
 *
 * <p>Ordered by time, the event table's unique index on {@code event_identifier} grows at its end
 * instead of at a random leaf per event, and request ids sort as their requests came.
 */
public class TimeOrderedIdentifiers extends IdentifierFactory {

  private static final SecureRandom SEEDS = new SecureRandom();
  private static final ThreadLocal<SplittableRandom> RANDOM =
      ThreadLocal.withInitial(() -> new SplittableRandom(SEEDS.nextLong()));
  private static final TimeOrderedIdentifiers SYSTEM = new TimeOrderedIdentifiers();

  private final Clock clock;

  /** The instance Axon's {@code ServiceLoader} creates. */
  public TimeOrderedIdentifiers() {
    this(Clock.systemUTC());
  }

  TimeOrderedIdentifiers(Clock clock) {
    this.clock = clock;
  }

  /** A new identifier, as text. */
  public static String next() {
    return SYSTEM.generateIdentifier();
  }

  @Override
  public String generateIdentifier() {
    return nextUuid().toString();
  }

  /** A version 7 UUID: 48 bits of Unix milliseconds, then 74 random bits. */
  UUID nextUuid() {
    SplittableRandom random = RANDOM.get();
    long millis = clock.millis();
    long mostSignificant = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
    long leastSignificant = 0x8000_0000_0000_0000L | (random.nextLong() >>> 2);
    return new UUID(mostSignificant, leastSignificant);
  }
}
