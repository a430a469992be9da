package io.streamspace.agent.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The local runtime's settings bind from {@code streamspace.agent.local.*} and default sensibly.
 */
class LocalRuntimeConfigurationTest {

  private final ApplicationContextRunner context =
      new ApplicationContextRunner().withUserConfiguration(LocalRuntimeConfiguration.class);

  @Test
  void defaultsWorkStandalone() {
    context.run(
        ctx -> {
          LocalRuntimeProperties properties = ctx.getBean(LocalRuntimeProperties.class);
          assertThat(properties.dataDir())
              .isEqualTo(Path.of(System.getProperty("user.home"), ".streamspace", "agent"));
          assertThat(properties.displayFrom()).isEqualTo(100);
          assertThat(properties.displayTo()).isEqualTo(399);
          assertThat(properties.screen()).isEqualTo("1280x800x24");
          assertThat(properties.startTimeout()).isEqualTo(Duration.ofSeconds(20));
          assertThat(properties.stopGrace()).isEqualTo(Duration.ofSeconds(5));
          assertThat(properties.niceness()).isEqualTo(10);
          assertThat(ctx).hasSingleBean(LocalRuntime.class);
        });
  }

  @Test
  void settingsBindFromTheirPrefix() {
    context
        .withPropertyValues(
            "streamspace.agent.local.data-dir=/srv/streamspace",
            "streamspace.agent.local.display-from=500",
            "streamspace.agent.local.display-to=510",
            "streamspace.agent.local.screen=1920x1080x24",
            "streamspace.agent.local.start-timeout=5s",
            "streamspace.agent.local.stop-grace=2s",
            "streamspace.agent.local.niceness=5",
            "streamspace.agent.local.path=/opt/x/bin")
        .run(
            ctx ->
                assertThat(ctx.getBean(LocalRuntimeProperties.class))
                    .isEqualTo(
                        new LocalRuntimeProperties(
                            Path.of("/srv/streamspace"),
                            500,
                            510,
                            "1920x1080x24",
                            Duration.ofSeconds(5),
                            Duration.ofSeconds(2),
                            5,
                            "/opt/x/bin")));
  }

  @Test
  void aScreenThatIsNotAGeometryIsRefused() {
    context
        .withPropertyValues("streamspace.agent.local.screen=big")
        .run(ctx -> assertThat(ctx).hasFailed());
  }
}
