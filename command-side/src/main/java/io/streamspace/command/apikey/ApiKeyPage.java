package io.streamspace.command.apikey;

import java.util.List;

/**
 * One page of the key list: {@code {"items": [...], "next_page_token": "..."}}, the token null on
 * the last page.
 */
public record ApiKeyPage(List<ApiKeyView> items, String nextPageToken) {

  public ApiKeyPage {
    items = List.copyOf(items);
  }
}
