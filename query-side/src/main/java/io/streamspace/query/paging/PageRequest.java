package io.streamspace.query.paging;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.web.server.ServerWebInputException;

/**
 * A validated {@code page_size} / {@code page_token} pair; reads one row more than the page to know
 * whether another page follows.
 */
public record PageRequest(int size, Optional<PageToken> after) {

  public static final int DEFAULT_SIZE = 50;
  public static final int MAX_SIZE = 200;

  /**
   * Parses the raw query parameters of a list request.
   *
   * @param list the name of the list, which its tokens carry
   * @param keyCount how many sort keys the list's cursor holds
   * @throws ServerWebInputException (400) for a size out of range or a malformed token
   */
  public static PageRequest parse(String pageSize, String pageToken, String list, int keyCount) {
    return new PageRequest(size(pageSize), token(pageToken, list, keyCount));
  }

  /** The number of rows to fetch: one more than the page, to see whether a next page exists. */
  public int fetchSize() {
    return size + 1;
  }

  /**
   * Cuts the fetched rows to the page and, when more rows followed, makes the token of the next
   * page from the last row's sort keys.
   */
  public <T> Page<T> page(List<T> fetched, String list, Function<T, List<String>> sortKeys) {
    if (fetched.size() <= size) {
      return new Page<>(fetched, null);
    }
    List<T> items = new ArrayList<>(fetched.subList(0, size));
    T last = items.get(items.size() - 1);
    return new Page<>(items, new PageToken(list, sortKeys.apply(last)).encode());
  }

  private static int size(String raw) {
    if (raw == null || raw.isBlank()) {
      return DEFAULT_SIZE;
    }
    int size;
    try {
      size = Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw new ServerWebInputException(
          "page_size must be a whole number from 1 to " + MAX_SIZE + ", got '" + raw + "'");
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new ServerWebInputException(
          "page_size must be from 1 to " + MAX_SIZE + ", got " + size);
    }
    return size;
  }

  private static Optional<PageToken> token(String raw, String list, int keyCount) {
    if (raw == null || raw.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(PageToken.decode(raw, list, keyCount));
  }
}
