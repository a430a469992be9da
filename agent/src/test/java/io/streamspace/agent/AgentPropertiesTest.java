package io.streamspace.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamspace.agent.connection.Backoff;
import io.streamspace.agent.connection.FrameMasking;
import io.streamspace.agent.connection.MachineUsage;
import io.streamspace.events.agent.AgentCapacity;
import io.streamspace.events.agent.AgentProtocol;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@code streamspace.agent.*}: defaults that work standalone, the token, and a lasting agent id.
 */
class AgentPropertiesTest {

  @TempDir Path dataDir;

  @Test
  void defaultsConnectToALocalServerWithTheMachinesCapacity() {
    AgentSettings settings = bind(Map.of("token", "t0ken")).resolve();

    assertThat(settings.serverUrl()).isEqualTo(URI.create("http://localhost:8000"));
    assertThat(settings.capacity())
        .isEqualTo(new AgentCapacity(8, 0, new MachineUsage().totalMemoryMb())); // CPU: no limit
    assertThat(settings.heartbeatInterval()).isEqualTo(AgentProtocol.HEARTBEAT_INTERVAL);
    assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.reconnect()).isEqualTo(Backoff.Policy.DEFAULT);
    AgentProperties unset =
        new Binder(new MapConfigurationPropertySource(Map.of()))
            .bindOrCreate("streamspace.agent", AgentProperties.class);
    assertThat(unset.dataDir())
        .isEqualTo(Path.of(System.getProperty("user.home"), ".streamspace", "agent"));
  }

  @Test
  void everySettingBindsFromItsProperty() {
    AgentSettings settings =
        bind(Map.ofEntries(
                Map.entry("server-url", "https://streamspace.example.com"),
                Map.entry("token", "t0ken"),
                Map.entry("agent-id", "edge-7"),
                Map.entry("capacity.sessions", "3"),
                Map.entry("capacity.cpu-millis", "1500"),
                Map.entry("capacity.memory-mb", "2048"),
                Map.entry("heartbeat-interval", "2s"),
                Map.entry("request-timeout", "5s"),
                Map.entry("reconnect.initial-delay", "100ms"),
                Map.entry("reconnect.factor", "3"),
                Map.entry("reconnect.max-delay", "10s"),
                Map.entry("frame-masking", "always")))
            .resolve();

    assertThat(settings)
        .isEqualTo(
            new AgentSettings(
                URI.create("https://streamspace.example.com"),
                "t0ken",
                null,
                "edge-7",
                new AgentCapacity(3, 1500, 2048),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                new Backoff.Policy(Duration.ofMillis(100), 3, Duration.ofSeconds(10)),
                FrameMasking.ALWAYS));
  }

  @Test
  void theTokenIsReadFromTheTokenFileWhenNotGiven() throws Exception {
    Path file = Files.writeString(dataDir.resolve("token"), "  from-a-file\n");

    AgentSettings settings = bind(Map.of("token-file", file.toString())).resolve();

    assertThat(settings.token()).isEqualTo("from-a-file");
    assertThat(settings.tokenFile()).isEqualTo(file); // read again before every connection
  }

  @Test
  void withoutATokenTheAgentDoesNotStartAndSaysWhatToPass() {
    assertThatThrownBy(() -> bind(Map.of()).resolve())
        .isInstanceOf(AgentConfigurationException.class)
        .hasMessage(
            "no agent token: pass --token or --token-file (properties streamspace.agent.token,"
                + " streamspace.agent.token-file; environment STREAMSPACE_AGENT_TOKEN)");
    assertThatThrownBy(() -> bind(Map.of("token-file", "/nonexistent/token")).resolve())
        .isInstanceOf(AgentConfigurationException.class)
        .hasMessageStartingWith("cannot read the agent token file /nonexistent/token");
  }

  @Test
  void aGeneratedAgentIdIsKeptInTheDataDirectoryAndReusedAfterARestart() throws Exception {
    String first = bind(Map.of("token", "t")).resolve().agentId();
    String second = bind(Map.of("token", "t")).resolve().agentId();

    assertThat(first).matches("[a-z0-9-]+-[0-9a-f]{8}");
    assertThat(second).isEqualTo(first);
    assertThat(Files.readString(dataDir.resolve("agent-id")).strip()).isEqualTo(first);
  }

  @Test
  void theTokenNeverShowsWhenTheSettingsArePrinted() {
    AgentProperties properties = bind(Map.of("token", "sat_very-secret"));

    assertThat(properties.toString()).doesNotContain("sat_very-secret");
    assertThat(properties.resolve().toString()).doesNotContain("sat_very-secret");
  }

  private AgentProperties bind(Map<String, String> values) {
    Map<String, String> properties = new HashMap<>();
    properties.put("streamspace.agent.data-dir", dataDir.toString());
    values.forEach((key, value) -> properties.put("streamspace.agent." + key, value));
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("streamspace.agent", AgentProperties.class);
  }
}
