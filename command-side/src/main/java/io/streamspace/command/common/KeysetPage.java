package io.streamspace.command.common;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Paging of a command-side list ordered by {@code (created_at, id)}: the requested page size and
 * the opaque page token, which names the list it belongs to so that no other list's token fits.
 */
public final class KeysetPage {

  public static final int DEFAULT_SIZE = 50;
  public static final int MAX_SIZE = 200;

  private KeysetPage() {}

  /**
   * The page size a client asked for ({@link #DEFAULT_SIZE} when it did not).
   *
   * @throws Invalid (400) when it is not a whole number from 1 to {@link #MAX_SIZE}
   */
  public static int size(String raw) {
    if (raw == null || raw.isBlank()) {
      return DEFAULT_SIZE;
    }
    int size;
    try {
      size = Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw new Invalid(
          "page_size must be a whole number from 1 to " + MAX_SIZE + ", got '" + raw + "'");
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new Invalid("page_size must be from 1 to " + MAX_SIZE + ", got " + size);
    }
    return size;
  }

  /** Where a page of {@code list} ended: the last row's creation time and id. */
  public record Cursor(String list, Instant createdAt, String id) {

    /** The page token clients pass back unchanged. */
    public String encode() {
      String text = list + "\n" + createdAt + "\n" + id;
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The cursor {@code token} encodes, if it is one of {@code list}'s.
     *
     * @throws Invalid (400) for anything else
     */
    public static Cursor decode(String list, String token) {
      try {
        String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        String[] parts = text.split("\n", -1);
        if (parts.length != 3 || !list.equals(parts[0]) || parts[2].isEmpty()) {
          throw malformed();
        }
        return new Cursor(list, Instant.parse(parts[1]), parts[2]);
      } catch (IllegalArgumentException | DateTimeParseException e) {
        throw malformed();
      }
    }

    private static Invalid malformed() {
      return new Invalid(
          "page_token is malformed: pass the next_page_token of the previous page unchanged");
    }
  }
}
