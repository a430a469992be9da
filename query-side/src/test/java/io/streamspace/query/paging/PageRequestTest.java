package io.streamspace.query.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.web.server.ServerWebInputException;

class PageRequestTest {

  @Test
  void withoutParametersAPageHoldsFiftyFromTheStart() {
    PageRequest request = PageRequest.parse(null, null, "users", 2);

    assertThat(request.size()).isEqualTo(50);
    assertThat(request.after()).isEmpty();
    assertThat(request.fetchSize()).isEqualTo(51);
  }

  @Test
  void sizesFromOneToTwoHundredAreAccepted() {
    assertThat(PageRequest.parse("1", null, "users", 2).size()).isEqualTo(1);
    assertThat(PageRequest.parse("200", null, "users", 2).size()).isEqualTo(200);
  }

  @Test
  void sizesOutOfRangeOrNotNumbersAreBadRequests() {
    for (String size : List.of("0", "201", "-5", "ten", "1.5", "99999999999")) {
      assertThatThrownBy(() -> PageRequest.parse(size, null, "users", 2))
          .as(size)
          .isInstanceOf(ServerWebInputException.class)
          .hasMessageContaining("page_size");
    }
  }

  @Test
  void aFullPageWithMoreRowsBehindItGivesTheTokenOfItsLastRow() {
    PageRequest request = PageRequest.parse("2", null, "users", 1);

    Page<String> page = request.page(List.of("a", "b", "c"), "users", row -> List.of(row));

    assertThat(page.items()).containsExactly("a", "b");
    PageRequest next = PageRequest.parse("2", page.nextPageToken(), "users", 1);
    assertThat(next.after()).hasValueSatisfying(token -> assertThat(token.key(0)).isEqualTo("b"));
  }

  @Test
  void theLastPageHasNoToken() {
    PageRequest request = PageRequest.parse("2", null, "users", 1);

    Page<String> page = request.page(List.of("a", "b"), "users", row -> List.of(row));

    assertThat(page.items()).containsExactly("a", "b");
    assertThat(page.nextPageToken()).isNull();
  }
}
