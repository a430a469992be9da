package io.streamspace.query.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.template.TemplateCreated;
import io.streamspace.events.template.TemplateDeleted;
import io.streamspace.events.template.TemplateUpdated;
import io.streamspace.query.support.EventLog;
import io.streamspace.query.support.Projector;
import io.streamspace.query.support.ReadModelDatabase;
import io.streamspace.query.support.Samples;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TemplateProjectionTest {

  private final EventLog log = new EventLog().actor("admin", "acme");
  private final TemplateQueries queries = new TemplateQueries(ReadModelDatabase.databaseClient());
  private Projector projector;

  @BeforeEach
  void emptyTables() {
    ReadModelDatabase.clear();
    projector = new Projector(new TemplateProjection(ReadModelDatabase.dataSource()));
  }

  @Test
  void aCreatedTemplateKeepsEveryFieldOfItsDefinition() {
    projector.apply(log.next("Template", "t1", new TemplateCreated("t1", "acme", Samples.xterm())));

    TemplateView view = queries.find("t1").block();
    assertThat(view).isNotNull();
    assertThat(view.organizationId()).isEqualTo("acme");
    assertThat(view.name()).isEqualTo("xterm");
    assertThat(view.displayName()).isEqualTo("XTerm");
    assertThat(view.description()).isEqualTo("A terminal");
    assertThat(view.category()).isEqualTo("tools");
    assertThat(view.tags()).containsExactly("terminal", "x11");
    assertThat(view.iconUrl()).isEqualTo("https://example.test/xterm.png");
    assertThat(view.image()).isEqualTo("streamspace/xterm:1");
    assertThat(view.command()).containsExactly("xterm", "-fa", "Monospace");
    assertThat(view.defaultResources().cpuMillis()).isEqualTo(500);
    assertThat(view.defaultResources().memoryMb()).isEqualTo(256);
    assertThat(view.vncPort()).isEqualTo(5900);
    assertThat(view.environment()).containsEntry("LANG", "C.UTF-8").hasSize(1);
    assertThat(view.createdAt()).isEqualTo(log.now());
  }

  @Test
  void anUpdateReplacesTheDefinition() {
    projector.apply(
        log.next("Template", "t1", new TemplateCreated("t1", "acme", Samples.xterm())),
        log.next(
            "Template",
            "t1",
            new TemplateUpdated(
                "t1", "acme", Samples.named("xterm2", "XTerm 2", "shells", List.of("tty")))));

    TemplateView view = queries.find("t1").block();
    assertThat(view.name()).isEqualTo("xterm2");
    assertThat(view.category()).isEqualTo("shells");
    assertThat(view.tags()).containsExactly("tty");
    assertThat(view.environment()).isEmpty();
    assertThat(view.updatedAt()).isEqualTo(log.now()).isAfter(view.createdAt());
  }

  @Test
  void aDeletedTemplateLeavesTheCatalogButKeepsItsRow() {
    projector.apply(
        log.next("Template", "t1", new TemplateCreated("t1", "acme", Samples.xterm())),
        log.next("Template", "t1", new TemplateDeleted("t1", "acme")));

    assertThat(queries.find("t1").blockOptional()).isEmpty();
    assertThat(
            ReadModelDatabase.jdbc()
                .queryForObject("select deleted from template_view where id = 't1'", Boolean.class))
        .isTrue();
  }

  @Test
  void anOlderUpdateDeliveredAgainDoesNotUndoANewerOne() {
    var created = log.next("Template", "t1", new TemplateCreated("t1", "acme", Samples.xterm()));
    var first =
        log.next(
            "Template",
            "t1",
            new TemplateUpdated("t1", "acme", Samples.named("first", null, null, List.of())));
    var second =
        log.next(
            "Template",
            "t1",
            new TemplateUpdated("t1", "acme", Samples.named("second", null, null, List.of())));
    projector.apply(created, first, second);

    projector.apply(first);

    assertThat(queries.find("t1").block().name()).isEqualTo("second");
  }

  @Test
  void aResetEmptiesTheTableForTheReplay() {
    projector.apply(log.next("Template", "t1", new TemplateCreated("t1", "acme", Samples.xterm())));

    projector.reset();

    assertThat(
            ReadModelDatabase.jdbc()
                .queryForObject("select count(*) from template_view", Long.class))
        .isZero();
  }
}
