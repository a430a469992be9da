package io.streamspace.server.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import io.streamspace.server.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/admin/settings} shows system admins the configuration the server really runs
 * with (the shared test context sets a 6 h pending timeout: the answer must say so), and nobody
 * else. Who gets which status is in {@code AuthorizationMatrixTest}.
 */
class SettingsApiTest extends IntegrationTest {

  @Test
  void aSystemAdminReadsTheEffectiveSettingsGroupedByArea() {
    Requester root = new Requester("root-" + newId(), newId(), Role.SYSTEM_ADMIN);
    Map<?, ?> settings = read(root);

    assertThat(settings.keySet().stream().map(String::valueOf))
        .containsExactlyInAnyOrder("sign_in", "sessions", "vnc", "rate_limits", "agents");
    Map<?, ?> sessions = (Map<?, ?>) settings.get("sessions");
    assertThat(sessions.get("pending_timeout_seconds")).isEqualTo(6 * 3600);
    assertThat(sessions.get("idle_hibernate_after_seconds")).isEqualTo(3600);
    Map<?, ?> signIn = (Map<?, ?>) settings.get("sign_in");
    assertThat(signIn.get("password_login")).isEqualTo(true);
    assertThat(signIn.get("providers")).asList().isEmpty();
    Map<?, ?> vnc = (Map<?, ?>) settings.get("vnc");
    assertThat(vnc.get("max_tunnels_per_session")).isEqualTo(8);
    Map<?, ?> rateLimits = (Map<?, ?>) settings.get("rate_limits");
    // standalone: no Redis, so no limits, whatever the switch says
    assertThat(rateLimits.get("redis_configured")).isEqualTo(false);
    assertThat(rateLimits.get("enforced")).isEqualTo(false);
  }

  @Test
  void anOrganizationAdminIsRefusedWithAProblem() {
    Requester admin = new Requester("admin-" + newId(), newId(), Role.ORG_ADMIN);
    client
        .get()
        .uri("/api/v1/admin/settings")
        .header("Authorization", "Bearer " + tokenFor(admin))
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectHeader()
        .contentType("application/problem+json")
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("this needs the system_admin role");
  }

  private Map<?, ?> read(Requester requester) {
    return client
        .get()
        .uri("/api/v1/admin/settings")
        .header("Authorization", "Bearer " + tokenFor(requester))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody();
  }
}
