package io.streamspace.command.agent;

import java.util.List;

/**
 * One page of the token list: {@code {"items": [...], "next_page_token": "..."}}, the token null on
 * the last page.
 */
public record AgentTokenPage(List<AgentTokenView> items, String nextPageToken) {

  public AgentTokenPage {
    items = List.copyOf(items);
  }
}
