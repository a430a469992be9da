package io.streamspace.query.paging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.web.server.ServerWebInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * An opaque keyset cursor: the sort key of the last row a page returned, tagged with the list it
 * belongs to, as base64url JSON. Clients treat it as an opaque string.
 *
 * <p>The tag stops a token of one list from being replayed against another, where its values would
 * mean something else.
 */
public record PageToken(String list, List<String> keys) {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  public PageToken {
    keys = List.copyOf(keys);
  }

  /** The string a client sends back as {@code page_token}. */
  public String encode() {
    ArrayNode array = JSON.createArrayNode();
    array.add(list);
    keys.forEach(array::add);
    return ENCODER.encodeToString(JSON.writeValueAsBytes(array));
  }

  /**
   * Reads a client's {@code page_token} for {@code list}, whose keys number {@code keyCount}.
   *
   * @throws ServerWebInputException (400) when the token was not made by this list
   */
  public static PageToken decode(String token, String list, int keyCount) {
    JsonNode node;
    try {
      node = JSON.readTree(DECODER.decode(token.getBytes(StandardCharsets.US_ASCII)));
    } catch (IllegalArgumentException | JacksonException e) {
      throw malformed();
    }
    if (node == null || !node.isArray() || node.size() != keyCount + 1) {
      throw malformed();
    }
    for (JsonNode element : node) {
      if (!element.isString()) {
        throw malformed();
      }
    }
    if (!list.equals(node.get(0).asString())) {
      throw malformed();
    }
    List<String> keys = new ArrayList<>(keyCount);
    for (int i = 1; i <= keyCount; i++) {
      keys.add(node.get(i).asString());
    }
    return new PageToken(list, keys);
  }

  public String key(int index) {
    return keys.get(index);
  }

  /** A key that holds an instant; a token whose key does not parse is malformed (400). */
  public java.time.Instant instantKey(int index) {
    try {
      return java.time.Instant.parse(keys.get(index));
    } catch (java.time.format.DateTimeParseException e) {
      throw malformed();
    }
  }

  /** A key that holds a whole number; a token whose key does not parse is malformed (400). */
  public long longKey(int index) {
    try {
      return Long.parseLong(keys.get(index));
    } catch (NumberFormatException e) {
      throw malformed();
    }
  }

  static ServerWebInputException malformed() {
    return new ServerWebInputException(
        "page_token is malformed: pass the next_page_token of the previous page unchanged");
  }
}
