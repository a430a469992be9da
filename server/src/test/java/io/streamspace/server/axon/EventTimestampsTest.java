package io.streamspace.server.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

/** An event's time is stored as the very text Axon's own formatter writes, and reads back. */
class EventTimestampsTest {

  @Test
  void everyInstantIsWrittenAsAxonWritesIt() {
    SplittableRandom random = new SplittableRandom(20261128);
    long earliest = Instant.parse("-0200-01-01T00:00:00Z").getEpochSecond();
    long latest = Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond();
    for (int i = 0; i < 200_000; i++) {
      Instant instant =
          Instant.ofEpochSecond(random.nextLong(earliest, latest), random.nextInt(1_000_000_000));
      assertThat(EventTimestamps.format(instant))
          .as("%s", instant)
          .isEqualTo(DateTimeUtils.formatInstant(instant));
    }
  }

  @Test
  void theEdgesOfADayAndOfTheFormatAreWrittenAsAxonWritesThem() {
    for (String time :
        new String[] {
          "1970-01-01T00:00:00Z",
          "1969-12-31T23:59:59.999999999Z",
          "2026-11-28T08:40:12.345678Z",
          "2024-02-29T23:59:59.9995Z",
          "0000-01-01T00:00:00Z",
          "0999-12-31T23:59:59.001Z",
          "9999-12-31T23:59:59.999Z",
          "+10000-01-01T00:00:00Z",
          "-0001-12-31T23:59:59Z"
        }) {
      Instant instant = Instant.parse(time);
      assertThat(EventTimestamps.format(instant))
          .as(time)
          .isEqualTo(DateTimeUtils.formatInstant(instant));
    }
  }

  @Test
  void whatIsWrittenReadsBackToTheMillisecond() {
    Instant instant = Instant.parse("2026-11-28T08:40:12.345678Z");

    assertThat(DateTimeUtils.parseInstant(EventTimestamps.format(instant)))
        .isEqualTo(Instant.parse("2026-11-28T08:40:12.345Z"));
  }
}
