package io.streamspace.server.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

/** Discovery against the real provider: its endpoints, its issuer checked, failures not kept. */
class ProviderDiscoveryTest {

  private final TestIdentityProvider idp = TestIdentityProvider.get();
  private final ProviderDiscovery discovery =
      new ProviderDiscovery(WebClient.create(), Duration.ofHours(1));

  @Test
  void theProvidersEndpointsComeFromItsDiscoveryDocument() {
    ProviderEndpoints endpoints =
        discovery.endpointsOf(provider("sas", idp.issuer())).block(Duration.ofSeconds(30));

    assertThat(endpoints.issuer()).isEqualTo(idp.issuer());
    assertThat(endpoints.authorizationEndpoint())
        .isEqualTo(URI.create(idp.issuer() + "/oauth2/authorize"));
    assertThat(endpoints.tokenEndpoint()).isEqualTo(URI.create(idp.issuer() + "/oauth2/token"));
    assertThat(endpoints.jwksUri()).isEqualTo(URI.create(idp.issuer() + "/oauth2/jwks"));
  }

  @Test
  void aDocumentNamingAnotherIssuerIsRefused() {
    // The same provider reached by another name: its document names 127.0.0.1, not localhost.
    String otherName = idp.issuer().replace("127.0.0.1", "localhost");

    assertThatThrownBy(
            () -> discovery.endpointsOf(provider("alias", otherName)).block(Duration.ofSeconds(30)))
        .hasMessageContaining("discovery names issuer");
  }

  @Test
  void aProviderThatWasDownIsAskedAgainAndFoundOnceItIsUp() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String issuer = "http://127.0.0.1:" + port;
    OidcProperties.Provider provider = provider("late", issuer);

    assertThatThrownBy(() -> discovery.endpointsOf(provider).block(Duration.ofSeconds(30)))
        .as("nobody listens yet")
        .isNotNull();

    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    byte[] document =
        ("{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/keys\"}")
            .getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/.well-known/openid-configuration",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, document.length);
          exchange.getResponseBody().write(document);
          exchange.close();
        });
    server.start();
    try {
      ProviderEndpoints endpoints = discovery.endpointsOf(provider).block(Duration.ofSeconds(30));

      assertThat(endpoints.jwksUri()).isEqualTo(URI.create(issuer + "/keys"));
      assertThat(endpoints.supportsBrowserLogin())
          .as("no authorization endpoint in the document")
          .isFalse();
    } finally {
      server.stop(0);
    }
  }

  private static OidcProperties.Provider provider(String id, String issuer) {
    return new OidcProperties.Provider(
        id,
        null,
        URI.create(issuer),
        null,
        null,
        null,
        null,
        "client",
        null,
        null,
        null,
        null,
        null,
        null,
        "acme",
        null);
  }
}
