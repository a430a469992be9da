package io.streamspace.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/** The audit trail records the real client address, and only trusted proxies may say otherwise. */
class ClientAddressResolverTest {

  @Test
  void withoutTrustedProxiesTheConnectionsAddressIsTheClientWhateverHeadersSay() {
    ClientAddressResolver resolver = new ClientAddressResolver(List.of());

    assertThat(resolver.clientAddress(request("203.0.113.9", "198.51.100.1")))
        .isEqualTo("203.0.113.9");
  }

  @Test
  void behindATrustedProxyTheForwardedClientIsUsed() {
    ClientAddressResolver resolver = new ClientAddressResolver(List.of("10.0.0.0/8"));

    assertThat(resolver.clientAddress(request("10.1.2.3", "198.51.100.1")))
        .isEqualTo("198.51.100.1");
  }

  @Test
  void aForgedHopLeftOfTheLastUntrustedOneIsIgnored() {
    ClientAddressResolver resolver = new ClientAddressResolver(List.of("10.0.0.0/8"));

    // The client wrote "1.2.3.4" itself; the proxy appended the real address 198.51.100.1.
    assertThat(resolver.clientAddress(request("10.1.2.3", "1.2.3.4, 198.51.100.1, 10.9.9.9")))
        .isEqualTo("198.51.100.1");
  }

  @Test
  void aProxyThatIsNotTrustedCannotSpeakForItsClient() {
    ClientAddressResolver resolver = new ClientAddressResolver(List.of("10.0.0.0/8"));

    assertThat(resolver.clientAddress(request("192.0.2.7", "198.51.100.1"))).isEqualTo("192.0.2.7");
  }

  @Test
  void aHopThatIsNotAnAddressEndsTheWalk() {
    ClientAddressResolver resolver = new ClientAddressResolver(List.of("10.0.0.1", "::1"));

    assertThat(resolver.clientAddress(request("10.0.0.1", "evil.example.com")))
        .isEqualTo("10.0.0.1");
    assertThat(resolver.clientAddress(request("::1", "2001:db8::7"))).isEqualTo("2001:db8::7");
  }

  @Test
  void cidrRangesMatchBitByBit() {
    AddressRange range = AddressRange.parse("192.168.16.0/20");

    assertThat(range.contains("192.168.31.255")).isTrue();
    assertThat(range.contains("192.168.32.0")).isFalse();
    assertThat(range.contains("::1")).isFalse();
    assertThat(range.contains("localhost")).isFalse();
  }

  private static MockServerWebExchange request(String remote, String forwardedFor) {
    return MockServerWebExchange.from(
        MockServerHttpRequest.get("/api/v1/sessions")
            .remoteAddress(new InetSocketAddress(remote, 40000))
            .header("X-Forwarded-For", forwardedFor));
  }
}
