package io.streamspace.server.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.server.StreamSpaceServer;
import io.streamspace.server.support.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The real first start, twice on one data directory: the platform seeds organization, admin and
 * templates through the command side, and a restart neither duplicates them nor forgets its signing
 * key.
 */
class FirstStartAcrossRestartTest {

  private static final String ADMIN_PASSWORD = "first-start-password";

  @Test
  void theFirstStartSeedsOnceAndARestartKeepsEverythingAsItWas() {
    Path dataDir = IntegrationTest.newDataDirectory();
    String tokenOfTheFirstRun;
    Map<String, Long> afterFirstStart;

    try (ConfigurableApplicationContext first = start(dataDir)) {
      JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
      afterFirstStart = seeded(jdbc);
      assertThat(afterFirstStart)
          .containsEntry("organizations named default", 1L)
          .containsEntry("admins", 1L)
          .containsEntry("templates", 3L)
          .containsEntry("steps done", 5L);
      assertThat(
              jdbc.queryForObject(
                  "select role from user_account where username = 'admin'", String.class))
          .isEqualTo("system_admin");
      tokenOfTheFirstRun = login(client(first), ADMIN_PASSWORD);
    }
    assertThat(Files.exists(dataDir.resolve("keys").resolve("jwt-signing.json"))).isTrue();

    try (ConfigurableApplicationContext second = start(dataDir)) {
      assertThat(seeded(second.getBean(JdbcTemplate.class))).isEqualTo(afterFirstStart);
      WebTestClient client = client(second);
      login(client, ADMIN_PASSWORD);
      client
          .get()
          .uri("/api/v1/test-probe/things?page_size=1")
          .headers(h -> h.setBearerAuth(tokenOfTheFirstRun))
          .exchange()
          .expectStatus()
          .isOk();
    }
  }

  @Test
  void theAdminExistsBeforeTheServerAcceptsAnyRequest() {
    AtomicReference<Long> adminsWhenThePortOpened = new AtomicReference<>();
    ApplicationListener<WebServerInitializedEvent> portOpened =
        event ->
            adminsWhenThePortOpened.set(
                count(
                    event.getApplicationContext().getBean(JdbcTemplate.class),
                    "select count(*) from user_account where username = ?",
                    "admin"));

    try (ConfigurableApplicationContext context =
        start(IntegrationTest.newDataDirectory(), portOpened)) {
      assertThat(adminsWhenThePortOpened.get()).isEqualTo(1L);
      WebTestClient client = client(context);
      client
          .get()
          .uri("/actuator/health/readiness")
          .exchange()
          .expectStatus()
          .isOk()
          .expectBody()
          .jsonPath("$.status")
          .isEqualTo("UP");
      login(client, ADMIN_PASSWORD);
    }
  }

  private static Map<String, Long> seeded(JdbcTemplate jdbc) {
    return Map.of(
        "organizations named default",
        count(
            jdbc,
            "select count(*) from domain_event_entry where payload_type = ?"
                + " and convert_from(payload, 'UTF8') like '%\"name\":\"default\"%'",
            "io.streamspace.events.organization.OrganizationCreated"),
        "admins",
        count(jdbc, "select count(*) from user_account where username = ?", "admin"),
        "templates",
        count(
            jdbc,
            "select count(*) from domain_event_entry where payload_type = ?",
            "io.streamspace.events.template.TemplateCreated"),
        // logins are audited as events of their own (LoginSucceeded): not the seeding's
        "all events",
        count(
            jdbc,
            "select count(*) from domain_event_entry where payload_type not like ?",
            "io.streamspace.events.identity.%"),
        "steps done",
        count(jdbc, "select count(*) from bootstrap_state where step <> ?", ""));
  }

  private static long count(JdbcTemplate jdbc, String sql, Object argument) {
    return jdbc.queryForObject(sql, Long.class, argument);
  }

  private static String login(WebTestClient client, String password) {
    return (String)
        client
            .post()
            .uri("/api/v1/auth/login")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("username", "admin", "password", password))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody()
            .get("access_token");
  }

  private static WebTestClient client(ConfigurableApplicationContext context) {
    return WebTestClient.bindToServer()
        .baseUrl("http://localhost:" + context.getEnvironment().getProperty("local.server.port"))
        .build();
  }

  private static ConfigurableApplicationContext start(
      Path dataDir, ApplicationListener<?>... listeners) {
    return new SpringApplicationBuilder(StreamSpaceServer.class)
        .listeners(listeners)
        .run(
            "--server.port=0",
            "--streamspace.data-dir=" + dataDir,
            "--streamspace.database.embedded-fsync=false",
            "--streamspace.bootstrap.admin-password=" + ADMIN_PASSWORD);
  }
}
