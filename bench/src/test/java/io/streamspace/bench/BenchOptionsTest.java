package io.streamspace.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void defaultsDriveALocalServerWithSixteenWorkersAndPgbenchLikeTheIssue() {
    BenchOptions options =
        BenchOptions.parse(new String[0], Map.of("STREAMSPACE_ADMIN_PASSWORD", "secret"));

    assertThat(options.url()).hasToString("http://localhost:8000");
    assertThat(options.adminUser()).isEqualTo("admin");
    assertThat(options.adminPassword()).isEqualTo("secret");
    assertThat(options.pgUrl()).isNull();
    assertThat(options.workers()).isEqualTo(16);
    assertThat(options.organizations()).isEqualTo(1);
    assertThat(options.heldSessions()).isZero();
    assertThat(options.pgbenchClients()).isEqualTo(8);
    assertThat(options.pgbenchThreads()).isEqualTo(2);
    assertThat(options.pgbenchDuration()).isEqualTo(Duration.ofSeconds(15));
    assertThat(options.rate()).isZero();
    assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.warmupLimit()).isEqualTo(Duration.ofSeconds(900));
    assertThat(options.jitSettledMillisPerSecond()).isEqualTo(60);
  }

  @Test
  void theWarmUpLimitIsNeverShorterThanTheWarmUp() {
    Map<String, String> env = Map.of("STREAMSPACE_ADMIN_PASSWORD", "pw");

    BenchOptions longer =
        BenchOptions.parse(new String[] {"--warmup", "1200", "--warmup-limit", "600"}, env);
    BenchOptions fixed =
        BenchOptions.parse(new String[] {"--warmup", "150", "--warmup-limit", "150"}, env);

    assertThat(longer.warmupLimit()).isEqualTo(Duration.ofSeconds(1200));
    assertThat(fixed.warmup()).isEqualTo(fixed.warmupLimit());
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--jit-settled", "-5"}, env))
        .hasMessageContaining("--jit-settled cannot be negative");
  }

  @Test
  void flagsWinOverTheEnvironmentInBothSpellings() {
    BenchOptions options =
        BenchOptions.parse(
            new String[] {
              "--url=http://127.0.0.1:9000/",
              "--admin-password",
              "flag",
              "--workers",
              "4",
              "--held-sessions=2000",
              "--pg-url",
              "postgresql://postgres@127.0.0.1:5555/postgres"
            },
            Map.of("STREAMSPACE_ADMIN_PASSWORD", "env", "STREAMSPACE_BENCH_URL", "http://x"));

    assertThat(options.url()).hasToString("http://127.0.0.1:9000");
    assertThat(options.adminPassword()).isEqualTo("flag");
    assertThat(options.workers()).isEqualTo(4);
    assertThat(options.heldSessions()).isEqualTo(2000);
    assertThat(options.pgUrl()).isEqualTo("postgresql://postgres@127.0.0.1:5555/postgres");
  }

  @Test
  void theAdminPasswordIsRequired() {
    assertThatThrownBy(() -> BenchOptions.parse(new String[0], Map.of()))
        .hasMessageContaining("admin password is required");
  }

  @Test
  void unknownOptionsAndNonsenseNumbersAreRefusedByName() {
    Map<String, String> env = Map.of("STREAMSPACE_ADMIN_PASSWORD", "pw");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--wrokers", "4"}, env))
        .hasMessageContaining("--wrokers");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--workers", "0"}, env))
        .hasMessageContaining("--workers must be at least 1");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--held-sessions", "-1"}, env))
        .hasMessageContaining("--held-sessions cannot be negative");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--duration", "ten"}, env))
        .hasMessageContaining("--duration must be a whole number");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--workers"}, env))
        .hasMessageContaining("--workers needs a value");
  }
}
