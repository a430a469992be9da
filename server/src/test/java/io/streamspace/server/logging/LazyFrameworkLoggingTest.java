package io.streamspace.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The frameworks' Commons Logging calls build their messages only when the level is on, and still
 * reach Logback when it is.
 */
class LazyFrameworkLoggingTest {

  private static final String NAME = "io.streamspace.server.logging.framework";

  private final Logger logback = (Logger) LoggerFactory.getLogger(NAME);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  @BeforeEach
  void capture() {
    appender.start();
    logback.addAppender(appender);
  }

  @AfterEach
  void release() {
    logback.detachAppender(appender);
    logback.setLevel(null);
  }

  @Test
  void aMessageBelowTheLevelIsNeverBuilt() {
    logback.setLevel(Level.INFO);
    Log log = LogFactory.getLog(NAME);
    CountingMessage message = new CountingMessage("matched");

    log.debug(message);
    log.trace(message);

    assertThat(message.built.get()).isZero();
    assertThat(appender.list).isEmpty();
  }

  @Test
  void aMessageAtTheLevelReachesLogbackWithItsLevel() {
    logback.setLevel(Level.DEBUG);
    Log log = LogFactory.getLog(NAME);

    log.debug(new CountingMessage("request matched"));

    assertThat(appender.list)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
              assertThat(event.getFormattedMessage()).isEqualTo("request matched");
              assertThat(event.getLoggerName()).isEqualTo(NAME);
            });
  }

  /** Stands in for Spring's {@code LogMessage}: built by {@code toString}. */
  private static final class CountingMessage {
    private final String text;
    private final AtomicInteger built = new AtomicInteger();

    CountingMessage(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      built.incrementAndGet();
      return text;
    }
  }
}
