package io.streamspace.server.vnc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import io.streamspace.events.session.SessionStatus;
import io.streamspace.server.agent.AgentIntegrationTest;
import io.streamspace.server.agent.AgentProcess;
import io.streamspace.vnc.access.VncGrant;
import io.streamspace.vnc.access.VncTokens;
import io.streamspace.vnc.tunnel.Tunnels;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;

/**
 * The VNC path end to end with real sessions (the agent application, Xvfb, an xterm, x11vnc): a
 * token from the API opens {@code /ws/vnc}, RFB passes through browser ⇄ server ⇄ agent ⇄ VNC
 * unchanged, viewers are evented, bad tokens and foreign pages are refused before any byte reaches
 * the VNC server, and every way a tunnel can end leaves nothing open.
 */
class VncProxyTest extends AgentIntegrationTest {

  @Autowired Tunnels tunnels;
  @Autowired VncTokens vncTokens;
  @Autowired RSAKey platformSigningKey;

  @Test
  void aTokenOpensTheSessionsDesktopAndTheViewerIsAudited() throws Exception {
    Tenant tenant = tenant();
    Requester alice = tenant.user("alice");
    try (AgentProcess agent = startAgent()) {
      String sessionId = runningSession(tenant, alice, agent);

      Map<String, Object> access = vncAccess(alice, sessionId);
      assertThat((String) access.get("vnc_url"))
          .startsWith("ws://localhost:" + port + "/ws/vnc?token=");
      assertThat(Instant.parse((String) access.get("expires_at")))
          .isBetween(Instant.now().plus(Duration.ofMinutes(59)), Instant.now().plusSeconds(3601));

      try (RfbSocket viewer = RfbSocket.open((String) access.get("vnc_url"))) {
        assertThat(viewer.subprotocol()).isEqualTo("binary");
        int[] size = viewer.handshake();
        assertThat(size[0]).isPositive();
        assertThat(size[1]).isPositive();
        assertThat(viewer.framebufferUpdate(size[0], size[1])).isPositive();
        assertThat(tunnels.openCount()).isEqualTo(1);
        assertThat(connectionsTo(vncEndpoint(sessionId))).isEqualTo(1);
      }

      // The browser leaving ends every hop.
      eventually(() -> assertThat(tunnels.openCount()).isZero());
      eventually(() -> assertThat(connectionsTo(vncEndpoint(sessionId))).isZero());
      eventually(
          () ->
              assertThat(historyOf(alice, sessionId))
                  .containsSubsequence("ViewerConnected", "ViewerDisconnected"));
      List<Map<String, Object>> viewers =
          audit(tenant.admin(), sessionId).stream()
              .filter(entry -> ((String) entry.get("event_type")).startsWith("Viewer"))
              .toList();
      assertThat(viewers)
          .allSatisfy(entry -> assertThat(entry.get("actor_id")).isEqualTo(alice.userId()));
    }
  }

  @Test
  void refusedTokensAndForeignPagesNeverReachTheVncServer() throws Exception {
    Tenant tenant = tenant();
    Requester alice = tenant.user("alice");
    Requester bob = tenant.user("bob");
    Tenant other = tenant();
    try (AgentProcess agent = startAgent()) {
      String sessionId = runningSession(tenant, alice, agent);
      String token = (String) vncAccess(alice, sessionId).get("token");
      Instant run = runningSince(sessionId);

      // Bob may not use Alice's session: no token for him, as if it did not exist.
      as(bob)
          .get()
          .uri("/api/v1/sessions/{id}/vnc", sessionId)
          .exchange()
          .expectStatus()
          .isNotFound();
      as(other.admin())
          .get()
          .uri("/api/v1/sessions/{id}/vnc", sessionId)
          .exchange()
          .expectStatus()
          .isNotFound();

      VncTokens expiring =
          new VncTokens(
              platformSigningKey,
              issuer(),
              Duration.ofMinutes(1),
              Clock.fixed(Instant.now().minus(Duration.ofMinutes(2)), ZoneOffset.UTC));
      VncTokens forging =
          new VncTokens(
              new RSAKeyGenerator(2048).keyID(platformSigningKey.getKeyID()).generate(),
              issuer(),
              Duration.ofHours(1),
              Clock.systemUTC());
      VncTokens foreignIssuer =
          new VncTokens(
              platformSigningKey, "http://elsewhere", Duration.ofHours(1), Clock.systemUTC());

      assertRefused(socketUrl(null), 401);
      assertRefused(socketUrl("not-a-jwt"), 401);
      assertRefused(socketUrl(sign(expiring, sessionId, alice, run)), 401);
      assertRefused(socketUrl(sign(forging, sessionId, alice, run)), 401);
      assertRefused(socketUrl(sign(foreignIssuer, sessionId, alice, run)), 401);
      // An API token is for another audience.
      assertRefused(socketUrl(tokenFor(alice)), 401);
      // Signed by us, but naming someone who may not use the session.
      assertRefused(socketUrl(sign(vncTokens, sessionId, bob, run)), 401);
      assertRefused(
          socketUrl(
              sign(
                  vncTokens,
                  sessionId,
                  new Requester(other.admin().userId(), tenant.organizationId(), Role.USER),
                  run)),
          401);
      // A token of an earlier run of the session.
      assertRefused(socketUrl(sign(vncTokens, sessionId, alice, run.minusSeconds(5))), 401);
      // A page of another site.
      assertRefused(socketUrl(token), "http://evil.example", 403);
      // Tampered: the payload changed, the signature kept.
      String[] parts = token.split("\\.");
      String tampered =
          parts[0]
              + "."
              + java.util.Base64.getUrlEncoder()
                  .withoutPadding()
                  .encodeToString(
                      new String(
                              java.util.Base64.getUrlDecoder().decode(parts[1]),
                              StandardCharsets.UTF_8)
                          .replace(alice.userId(), bob.userId())
                          .getBytes(StandardCharsets.UTF_8))
              + "."
              + parts[2];
      assertRefused(socketUrl(tampered), 401);

      assertThat(agentLog(agent)).doesNotContain("tunnel ");
      assertThat(connectionsTo(vncEndpoint(sessionId))).isZero();

      // The page's own origin is fine, and the token still works.
      try (RfbSocket viewer = RfbSocket.open(socketUrl(token), "http://localhost:" + port)) {
        viewer.handshake();
      }

      // Stopping the session revokes its tokens.
      as(alice)
          .delete()
          .uri("/api/v1/sessions/{id}", sessionId)
          .exchange()
          .expectStatus()
          .isAccepted();
      awaitStatus(alice, sessionId, SessionStatus.STOPPED);
      assertRefused(socketUrl(token), 401);
      as(alice)
          .get()
          .uri("/api/v1/sessions/{id}/vnc", sessionId)
          .exchange()
          .expectStatus()
          .isEqualTo(409);
    }
  }

  @Test
  void hibernatingOrStoppingTheSessionClosesItsTunnels() throws Exception {
    Tenant tenant = tenant();
    Requester alice = tenant.user("alice");
    try (AgentProcess agent = startAgent()) {
      String sessionId = runningSession(tenant, alice, agent);
      String endpoint = vncEndpoint(sessionId);
      RfbSocket viewer = RfbSocket.open((String) vncAccess(alice, sessionId).get("vnc_url"));
      viewer.handshake();

      as(alice)
          .post()
          .uri("/api/v1/sessions/{id}/hibernate", sessionId)
          .exchange()
          .expectStatus()
          .isAccepted();
      RfbSocket.Closed closed = viewer.closed().get(15, TimeUnit.SECONDS);
      assertThat(closed.code()).isEqualTo(4001);
      assertThat(closed.reason()).contains("hibernated");
      eventually(() -> assertThat(tunnels.openCount()).isZero());
      eventually(() -> assertThat(connectionsTo(endpoint)).isZero());

      as(alice)
          .post()
          .uri("/api/v1/sessions/{id}/resume", sessionId)
          .exchange()
          .expectStatus()
          .isAccepted();
      awaitStatus(alice, sessionId, SessionStatus.RUNNING);
      // x11vnc may drop the first connection after a resume: retry as noVNC's reconnect does
      RfbSocket second = eventuallyGet(() -> openViewer(alice, sessionId));
      as(alice)
          .delete()
          .uri("/api/v1/sessions/{id}", sessionId)
          .exchange()
          .expectStatus()
          .isAccepted();
      assertThat(second.closed().get(15, TimeUnit.SECONDS).code()).isIn(4001, 4003);
      eventually(() -> assertThat(tunnels.openCount()).isZero());
      eventually(() -> assertThat(connectionsTo(endpoint)).isZero());
      // every viewer that came also left, each recorded once
      eventually(
          () -> {
            List<String> history = historyOf(alice, sessionId);
            long came = history.stream().filter("ViewerConnected"::equals).count();
            assertThat(came).isGreaterThanOrEqualTo(2);
            assertThat(history.stream().filter("ViewerDisconnected"::equals)).hasSize((int) came);
          });
    }
  }

  @Test
  void anAgentThatGoesAwayTakesItsTunnelsWithIt() throws Exception {
    Tenant tenant = tenant();
    Requester alice = tenant.user("alice");
    AgentProcess agent = startAgent();
    try {
      String sessionId = runningSession(tenant, alice, agent);
      RfbSocket viewer = RfbSocket.open((String) vncAccess(alice, sessionId).get("vnc_url"));
      viewer.handshake();
      agent.kill();
      RfbSocket.Closed closed = viewer.closed().get(15, TimeUnit.SECONDS);
      assertThat(closed.code()).isIn(4002, 4003);
      eventually(() -> assertThat(tunnels.openCount()).isZero());
    } finally {
      agent.close();
    }
  }

  @Test
  void aServerShuttingDownClosesTunnelsCleanly() throws Exception {
    Tenant tenant = tenant();
    Requester alice = tenant.user("alice");
    try (AgentProcess agent = startAgent()) {
      String sessionId = runningSession(tenant, alice, agent);
      String endpoint = vncEndpoint(sessionId);
      RfbSocket viewer = RfbSocket.open((String) vncAccess(alice, sessionId).get("vnc_url"));
      viewer.handshake();
      // The lifecycle step the server runs on shutdown, before its web server stops.
      tunnels.stop();
      try {
        RfbSocket.Closed closed = viewer.closed().get(15, TimeUnit.SECONDS);
        assertThat(closed.code()).isEqualTo(1001);
        assertThat(tunnels.openCount()).isZero();
        eventually(() -> assertThat(connectionsTo(endpoint)).isZero());
        eventually(() -> assertThat(historyOf(alice, sessionId)).contains("ViewerDisconnected"));
      } finally {
        tunnels.start();
      }
    }
  }

  private AgentProcess startAgent() throws Exception {
    AgentProcess agent =
        AgentProcess.start(port, issueAgentToken("vnc"), "vnc-" + newId(), agentDir(), 2);
    awaitConnected(agent.agentId);
    return agent;
  }

  private String runningSession(Tenant tenant, Requester user, AgentProcess agent) {
    String sessionId = createSession(tenant, user);
    awaitStatus(user, sessionId, SessionStatus.RUNNING);
    eventually(() -> assertThat(runningSince(sessionId)).isNotNull());
    return sessionId;
  }

  /** A viewer past the RFB handshake, or null when the session does not take one yet. */
  private RfbSocket openViewer(Requester user, String sessionId) throws InterruptedException {
    RfbSocket viewer = null;
    try {
      viewer = RfbSocket.open((String) vncAccess(user, sessionId).get("vnc_url"));
      viewer.handshake();
      return viewer;
    } catch (RuntimeException | AssertionError notYet) {
      if (viewer != null) {
        viewer.close();
      }
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> vncAccess(Requester user, String sessionId) {
    return as(user)
        .get()
        .uri("/api/v1/sessions/{id}/vnc", sessionId)
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .value(HttpHeaders.CACHE_CONTROL, value -> assertThat(value).contains("no-store"))
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody();
  }

  private Instant runningSince(String sessionId) {
    return jdbc
        .queryForList(
            "select running_since from session_view where id = ?",
            java.sql.Timestamp.class,
            sessionId)
        .stream()
        .filter(java.util.Objects::nonNull)
        .map(java.sql.Timestamp::toInstant)
        .findFirst()
        .orElse(null);
  }

  private String issuer() {
    return "http://localhost:" + port;
  }

  private static String sign(VncTokens tokens, String sessionId, Requester who, Instant run) {
    VncGrant grant = tokens.grant(sessionId, who.userId(), who.organizationId(), who.role(), run);
    return tokens.sign(grant);
  }

  private String socketUrl(String token) {
    return "ws://localhost:"
        + port
        + "/ws/vnc"
        + (token == null ? "" : "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
  }

  private static void assertRefused(String url, int status) {
    assertRefused(url, null, status);
  }

  private static void assertRefused(String url, String origin, int status) {
    assertThatThrownBy(() -> RfbSocket.open(url, origin).close())
        .isInstanceOfSatisfying(
            RfbSocket.Refused.class, refused -> assertThat(refused.status).isEqualTo(status));
  }

  @SuppressWarnings("unchecked")
  private List<String> historyOf(Requester user, String sessionId) {
    Map<String, Object> history =
        as(user)
            .get()
            .uri("/api/v1/sessions/{id}/events?page_size=200", sessionId)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return ((List<Map<String, Object>>) history.get("items"))
        .stream().map(event -> (String) event.get("type")).toList();
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> audit(Requester admin, String sessionId) {
    Map<String, Object> page =
        as(admin)
            .get()
            .uri("/api/v1/audit?resource_id={id}&page_size=200", sessionId)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return (List<Map<String, Object>>) page.get("items");
  }

  private static String agentLog(AgentProcess agent) throws Exception {
    StringBuilder log = new StringBuilder();
    try (Stream<Path> files = Files.list(agent.dataDir)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
        log.append(Files.readString(file));
      }
    }
    return log.toString();
  }

  /** Established TCP connections to {@code endpoint} (host:port) on this machine. */
  static long connectionsTo(String endpoint) throws Exception {
    int port = Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    String hexPort = String.format(":%04X", port);
    long count = 0;
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path path = Path.of(table);
      if (!Files.exists(path)) {
        continue;
      }
      for (String line : Files.readAllLines(path)) {
        String[] fields = line.trim().split("\\s+");
        // local, remote, state (01 = ESTABLISHED): count the client ends, whose remote is the port
        if (fields.length > 3 && fields[2].endsWith(hexPort) && fields[3].equals("01")) {
          count++;
        }
      }
    }
    return count;
  }
}
