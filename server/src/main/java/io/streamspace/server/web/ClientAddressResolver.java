package io.streamspace.server.web;

import java.net.InetSocketAddress;
import java.util.List;
import org.springframework.web.server.ServerWebExchange;

/**
 * Finds the address of the client behind a request, for the audit trail.
 *
 * <p>{@code X-Forwarded-For} is believed only as far as it was written by trusted proxies: walking
 * the chain from the right, the first address that is not a trusted proxy is the client. Without
 * trusted proxies the header is ignored, because any client can send it.
 */
public class ClientAddressResolver {

  private final List<AddressRange> trustedProxies;

  public ClientAddressResolver(List<String> trustedProxies) {
    this.trustedProxies = trustedProxies.stream().map(AddressRange::parse).toList();
  }

  /** The client's IP address, or {@code null} when the connection has none (e.g. in tests). */
  public String clientAddress(ServerWebExchange exchange) {
    String remote = remoteAddress(exchange);
    if (remote == null || trustedProxies.isEmpty() || !isTrusted(remote)) {
      return remote;
    }
    List<String> forwarded = exchange.getRequest().getHeaders().get("X-Forwarded-For");
    if (forwarded == null) {
      return remote;
    }
    List<String> hops =
        forwarded.stream()
            .flatMap(value -> java.util.Arrays.stream(value.split(",")))
            .map(String::trim)
            .filter(hop -> !hop.isEmpty())
            .toList();
    String client = remote;
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop = hops.get(i);
      if (!looksLikeAddress(hop)) {
        return client;
      }
      client = hop;
      if (!isTrusted(hop)) {
        return hop;
      }
    }
    return client;
  }

  /**
   * Whether the request came straight from a trusted proxy, so the {@code X-Forwarded-*} headers it
   * carries were written by that proxy (and not by the client).
   */
  public boolean isFromTrustedProxy(ServerWebExchange exchange) {
    String remote = remoteAddress(exchange);
    return remote != null && !trustedProxies.isEmpty() && isTrusted(remote);
  }

  private boolean isTrusted(String address) {
    return trustedProxies.stream().anyMatch(range -> range.contains(address));
  }

  private static boolean looksLikeAddress(String hop) {
    return AddressRange.literal(hop) != null;
  }

  private static String remoteAddress(ServerWebExchange exchange) {
    InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
    if (remote == null) {
      return null;
    }
    return remote.getAddress() != null
        ? remote.getAddress().getHostAddress()
        : remote.getHostString();
  }
}
