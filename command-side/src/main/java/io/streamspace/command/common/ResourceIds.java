package io.streamspace.command.common;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * New ids for the platform's resources (sessions, templates, organizations, users, keys, orders):
 * random UUIDs (version 4) as unguessable as {@link UUID#randomUUID()}'s, without its JVM-wide
 * lock.
 *
 * <p>{@code UUID.randomUUID()} draws from one {@code SecureRandom} behind a lock every thread
 * shares; the API's controllers mint ids on the HTTP event loops, which must never wait behind a
 * thread descheduled while holding it (ADR 0012). Each thread here has a DRBG of its own, seeded
 * from the system's entropy.
 */
public final class ResourceIds {

  private static final ThreadLocal<SecureRandom> RANDOM =
      ThreadLocal.withInitial(ResourceIds::drbg);

  private ResourceIds() {}

  /** A new random id, as text. */
  public static String next() {
    byte[] bytes = new byte[16];
    RANDOM.get().nextBytes(bytes);
    bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40); // version 4
    bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // RFC 9562's variant
    long most = 0;
    long least = 0;
    for (int i = 0; i < 8; i++) {
      most = (most << 8) | (bytes[i] & 0xff);
      least = (least << 8) | (bytes[i + 8] & 0xff);
    }
    return new UUID(most, least).toString();
  }

  private static SecureRandom drbg() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Java 9+ always has DRBG", e);
    }
  }
}
