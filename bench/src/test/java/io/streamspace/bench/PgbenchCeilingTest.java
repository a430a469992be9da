package io.streamspace.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PgbenchCeilingTest {

  @Test
  void readsTheTpsWithoutConnectionTimeFromPgbench15Output() {
    String output =
        """
        transaction type: insert.sql
        scaling factor: 1
        query mode: simple
        number of clients: 8
        number of threads: 2
        duration: 15 s
        number of transactions actually processed: 151234
        latency average = 0.793 ms
        initial connection time = 12.345 ms
        tps = 10082.266667 (without initial connection time)
        """;

    assertThat(PgbenchCeiling.parseTps(output)).isEqualTo(10082.266667);
  }

  @Test
  void readsTheTpsExcludingConnectionsOfOlderPgbench() {
    String output =
        """
        tps = 9000.1 (including connections establishing)
        tps = 9100.5 (excluding connections establishing)
        """;

    assertThat(PgbenchCeiling.parseTps(output)).isEqualTo(9100.5);
  }

  @Test
  void theReportNeverShowsTheDatabasePassword() {
    assertThat(PgbenchCeiling.withoutPassword("postgresql://bench:s3cr:et@db:5432/app"))
        .isEqualTo("postgresql://bench:***@db:5432/app");
    assertThat(PgbenchCeiling.withoutPassword("postgresql://postgres@localhost:5432/postgres"))
        .isEqualTo("postgresql://postgres@localhost:5432/postgres");
  }

  @Test
  void outputWithoutATpsLineIsAnError() {
    assertThatThrownBy(() -> PgbenchCeiling.parseTps("connection refused"))
        .hasMessageContaining("no tps line");
  }

  @Test
  void aSecondReadingMakesTheCeilingTheMeanOfBoth() {
    PgbenchCeiling.Result before = new PgbenchCeiling.Result(6000, "pgbench -c 8");
    PgbenchCeiling.Result after = new PgbenchCeiling.Result(8000, "pgbench -c 8");

    PgbenchCeiling.Result both = before.and(after);

    assertThat(both.tps()).isEqualTo(7000);
    assertThat(both.readings()).containsExactly(6000.0, 8000.0);
    assertThat(both.command()).isEqualTo("pgbench -c 8");
    assertThat(both.describe()).isEqualTo("7000 (mean of 6000 and 8000)");
    assertThat(before.describe()).isEqualTo("6000");
  }

  @Test
  void aSecondReadingThatFailsLeavesTheFirstAloneAndSaysSo() throws Exception {
    PgbenchCeiling.Result first = new PgbenchCeiling.Result(6000, "pgbench -c 8");
    List<String> logged = new ArrayList<>();

    PgbenchCeiling.Result kept =
        PgbenchCeiling.readAgain(
            first,
            () -> {
              throw new IllegalStateException("pgbench exited with 1");
            },
            logged::add);

    assertThat(kept).isEqualTo(first);
    assertThat(logged).singleElement().asString().contains("first reading alone");
  }

  @Test
  void aSecondReadingJoinsTheFirst() throws Exception {
    PgbenchCeiling.Result both =
        PgbenchCeiling.readAgain(
            new PgbenchCeiling.Result(6000, "pgbench"),
            () -> new PgbenchCeiling.Result(7000, "pgbench"),
            message -> {});

    assertThat(both.readings()).containsExactly(6000.0, 7000.0);
    assertThat(both.tps()).isEqualTo(6500);
  }
}
