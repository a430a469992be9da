package io.streamspace.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streamspace.agent.runtime.SessionRuntime;
import io.streamspace.agent.runtime.local.LocalRuntime;
import io.streamspace.events.agent.AgentSetup;
import io.streamspace.events.agent.BackendKind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The agent application as {@code ./streamspace agent} runs it: configured, connected, closable.
 */
class AgentApplicationTest {

  @TempDir Path dataDir;

  @Test
  void theApplicationConnectsWithItsTokenFileAndOneDataDirectoryForEverything() throws Exception {
    Path tokenFile = Files.writeString(dataDir.resolve("token"), "sat_from-file\n");
    try (ServerEnd server = ServerEnd.start();
        ConfigurableApplicationContext context =
            run(
                "--streamspace.agent.server-url=" + server.url(),
                "--streamspace.agent.token-file=" + tokenFile,
                "--streamspace.agent.data-dir=" + dataDir)) {

      await().until(() -> context.getBean(Agent.class).connected());
      AgentSetup setup = server.setups.get(0);
      assertThat(setup.token()).isEqualTo("sat_from-file");
      assertThat(setup.backend()).isEqualTo(BackendKind.LOCAL);
      assertThat(setup.agentId()).isEqualTo(Files.readString(dataDir.resolve("agent-id")).strip());
      assertThat(context.getBean(LocalRuntime.class)).isNotNull();
      assertThat(context.getBean(Agent.class).settings().capacity().sessions()).isEqualTo(8);
    }
  }

  @Test
  void withoutATokenTheApplicationFailsToStartWithOneClearLine() {
    assertThatThrownBy(() -> run("--streamspace.agent.data-dir=" + dataDir).close())
        .rootCause()
        .isInstanceOf(AgentConfigurationException.class)
        .hasMessageStartingWith("no agent token: pass --token or --token-file");
  }

  @Test
  void anotherApplicationScanningIoStreamspaceFindsNoAgentAndNoRuntime() {
    new ApplicationContextRunner()
        .withUserConfiguration(ScansLikeTheServer.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(Agent.class);
              assertThat(context).doesNotHaveBean(SessionRuntime.class);
              assertThat(context).doesNotHaveBean(AgentApplication.class);
            });
  }

  /** The server's scan: everything under {@code io.streamspace} (this module on its classpath). */
  @Configuration
  @ComponentScan("io.streamspace.agent")
  static class ScansLikeTheServer {}

  private static ConfigurableApplicationContext run(String... args) {
    return AgentApplication.builder().run(args);
  }
}
