package io.streamspace.query.paging;

import java.util.List;

/**
 * One page of a list answer: {@code {"items": [...], "next_page_token": "..."}}, the token absent
 * on the last page.
 */
public record Page<T>(List<T> items, String nextPageToken) {

  public Page {
    items = List.copyOf(items);
  }

  /** A list with nothing in it. */
  public static <T> Page<T> empty() {
    return new Page<>(List.of(), null);
  }

  /** A whole list answered as its only page. */
  public static <T> Page<T> of(List<T> items) {
    return new Page<>(items, null);
  }
}
