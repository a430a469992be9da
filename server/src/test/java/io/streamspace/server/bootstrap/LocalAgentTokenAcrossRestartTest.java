package io.streamspace.server.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.command.agent.AgentCredential;
import io.streamspace.command.agent.AgentCredentials;
import io.streamspace.events.agent.RevokeAgentToken;
import io.streamspace.events.common.Requester;
import io.streamspace.server.StreamSpaceServer;
import io.streamspace.server.support.IntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Standalone mode keeps a valid token for its local agent in {@code <data dir>/agent/}, readable by
 * the platform's user alone: issued on the first start (through the command side, so audited), kept
 * across restarts, and replaced when it was revoked or the file was lost.
 */
class LocalAgentTokenAcrossRestartTest {

  @Test
  void theFirstStartWritesAPrivateValidTokenAndRestartsKeepOrReplaceIt() throws IOException {
    Path dataDir = IntegrationTest.newDataDirectory();
    Path file = dataDir.resolve("agent").resolve("local-agent.token");
    String first;
    String firstTokenId;

    try (ConfigurableApplicationContext context = start(dataDir)) {
      assertThat(context.getBean(LocalAgentToken.class).tokenFile()).isEqualTo(file);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
          .isEqualTo("rwx------");
      first = read(file);
      assertThat(first).matches("ssa_[A-Za-z0-9_-]{43}");
      Optional<AgentCredential> credential = context.getBean(AgentCredentials.class).verify(first);
      assertThat(credential).isPresent();
      assertThat(credential.get().name()).isEqualTo("local agent");
      firstTokenId = credential.get().tokenId();
      JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
      assertThat(
              jdbc.queryForObject(
                  "select created_by from agent_token where token_id = ?",
                  String.class,
                  firstTokenId))
          .isEqualTo("system");
      assertThat(issuedTokens(jdbc)).isEqualTo(1);
    }

    // a restart with a valid token issues nothing and keeps the file, private
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    try (ConfigurableApplicationContext context = start(dataDir)) {
      assertThat(read(file)).isEqualTo(first);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      assertThat(issuedTokens(context.getBean(JdbcTemplate.class))).isEqualTo(1);
      // an admin revokes it while the server runs
      context
          .getBean(CommandGateway.class)
          .sendAndWait(
              new RevokeAgentToken(
                  firstTokenId, Requester.system(FirstStartBootstrap.ORGANIZATION_ID)));
      assertThat(context.getBean(AgentCredentials.class).verify(first)).isEmpty();
    }

    // the next start finds it revoked and replaces it
    String second;
    try (ConfigurableApplicationContext context = start(dataDir)) {
      second = read(file);
      assertThat(second).isNotEqualTo(first);
      assertThat(context.getBean(AgentCredentials.class).verify(second)).isPresent();
      assertThat(issuedTokens(context.getBean(JdbcTemplate.class))).isEqualTo(2);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      Files.delete(file);
    }

    // a lost file is issued again too
    try (ConfigurableApplicationContext context = start(dataDir)) {
      String third = read(file);
      assertThat(third).isNotIn(first, second);
      assertThat(context.getBean(AgentCredentials.class).verify(third)).isPresent();
      assertThat(issuedTokens(context.getBean(JdbcTemplate.class))).isEqualTo(3);
      assertThat(leftovers(file.getParent())).containsExactly("local-agent.token");
    }
  }

  private static long issuedTokens(JdbcTemplate jdbc) {
    return jdbc.queryForObject(
        "select count(*) from domain_event_entry where payload_type = ?",
        Long.class,
        "io.streamspace.events.agent.AgentTokenIssued");
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.US_ASCII).strip();
  }

  private static List<String> leftovers(Path directory) throws IOException {
    try (var files = Files.list(directory)) {
      return files.map(path -> path.getFileName().toString()).toList();
    }
  }

  private static ConfigurableApplicationContext start(Path dataDir) {
    return new SpringApplicationBuilder(StreamSpaceServer.class)
        .run(
            "--server.port=0",
            "--streamspace.data-dir=" + dataDir,
            "--streamspace.database.embedded-fsync=false",
            "--streamspace.bootstrap.admin-password=local-agent-test");
  }
}
