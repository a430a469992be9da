package io.streamspace.query.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamspace.events.common.Role;
import io.streamspace.events.session.SessionStatus;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.web.server.ServerWebInputException;

class FiltersTest {

  @Test
  void blankTextIsNoFilter() {
    assertThat(Filters.text(null)).isEmpty();
    assertThat(Filters.text("  ")).isEmpty();
    assertThat(Filters.text(" alice ")).contains("alice");
  }

  @Test
  void timestampsAreRfc3339WithAnOffset() {
    assertThat(Filters.instant("from", "2026-01-31T12:00:00Z"))
        .contains(Instant.parse("2026-01-31T12:00:00Z"));
    assertThat(Filters.instant("from", "2026-01-31T13:00:00.5+01:00"))
        .contains(Instant.parse("2026-01-31T12:00:00.5Z"));
    assertThat(Filters.instant("from", null)).isEmpty();
  }

  @Test
  void anOffsetWhosePlusArrivedAsASpaceStillParses() {
    assertThat(Filters.instant("from", "2026-01-31T13:00:00 01:00"))
        .contains(Instant.parse("2026-01-31T12:00:00Z"));
  }

  @Test
  void timestampsWithoutOffsetOrOutOfRangeAreBadRequestsNamingTheParameter() {
    for (String value :
        new String[] {"2026-01-31T12:00:00", "2026-01-31", "yesterday", "2026-02-30T00:00:00Z"}) {
      assertThatThrownBy(() -> Filters.instant("to", value))
          .as(value)
          .isInstanceOf(ServerWebInputException.class)
          .hasMessageContaining("to must be an RFC 3339 timestamp");
    }
  }

  @Test
  void fromAfterToIsABadRequest() {
    assertThatThrownBy(
            () ->
                Filters.requireOrdered(
                    Optional.of(Instant.parse("2026-01-02T00:00:00Z")),
                    Optional.of(Instant.parse("2026-01-01T00:00:00Z"))))
        .isInstanceOf(ServerWebInputException.class);
  }

  @Test
  void statusesAndRolesAreTheirWireNames() {
    assertThat(Filters.sessionStatus("hibernated")).contains(SessionStatus.HIBERNATED);
    assertThat(Filters.role("org_admin")).contains(Role.ORG_ADMIN);
    assertThatThrownBy(() -> Filters.sessionStatus("HIBERNATED"))
        .isInstanceOf(ServerWebInputException.class)
        .hasMessageContaining("pending, starting, running, hibernated, stopped, failed");
    assertThatThrownBy(() -> Filters.role("admin"))
        .isInstanceOf(ServerWebInputException.class)
        .hasMessageContaining("user, org_admin, system_admin");
  }

  @Test
  void eventTypesAreSimpleClassNames() {
    assertThat(Filters.eventType("SessionCreated")).contains("SessionCreated");
    assertThatThrownBy(() -> Filters.eventType("io.streamspace.events.session.SessionCreated"))
        .isInstanceOf(ServerWebInputException.class);
    assertThatThrownBy(() -> Filters.eventType("sessionCreated; drop"))
        .isInstanceOf(ServerWebInputException.class);
  }

  @Test
  void likeTextMatchesWildcardsLiterally() {
    assertThat(SqlCriteria.likeContaining("50%_off\\")).isEqualTo("%50\\%\\_off\\\\%");
  }
}
