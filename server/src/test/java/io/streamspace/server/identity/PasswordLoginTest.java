package io.streamspace.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.common.Role;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import reactor.test.StepVerifier;

/** The login accepts the right password only, and fails alike for every wrong reason. */
class PasswordLoginTest {

  private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
  private final Map<String, UserAccount> table =
      Map.of(
          "alice", account("alice", "correct horse", false),
          "bob", account("bob", "battery staple", true));
  private final PasswordLogin login =
      new PasswordLogin(
          new UserAccounts() {
            @Override
            public Optional<UserAccount> findByUsername(String username) {
              return Optional.ofNullable(table.get(username));
            }

            @Override
            public Optional<AccountStanding> standingOf(String userId) {
              return Optional.empty();
            }
          },
          bcrypt);

  @Test
  void theRightPasswordLogsIn() {
    StepVerifier.create(login.authenticate("alice", "correct horse"))
        .assertNext(account -> assertThat(account.userId()).isEqualTo("id-alice"))
        .verifyComplete();
  }

  @Test
  void aWrongPasswordAnUnknownUserAndADisabledAccountFailAlike() {
    for (String[] attempt :
        new String[][] {
          {"alice", "wrong"}, {"mallory", "correct horse"}, {"bob", "battery staple"}
        }) {
      StepVerifier.create(login.authenticate(attempt[0], attempt[1]))
          .expectErrorSatisfies(
              failure ->
                  assertThat(failure)
                      .isInstanceOf(InvalidCredentialsException.class)
                      .satisfies(
                          e ->
                              assertThat(((InvalidCredentialsException) e).getBody().getDetail())
                                  .isEqualTo("invalid username or password")))
          .verify();
    }
  }

  @Test
  void aPasswordTooLongForBcryptIsJustWrong() {
    StepVerifier.create(login.authenticate("alice", "x".repeat(100)))
        .expectError(InvalidCredentialsException.class)
        .verify();
  }

  private UserAccount account(String username, String password, boolean disabled) {
    return new UserAccount(
        "id-" + username, "org-1", username, bcrypt.encode(password), Role.USER, disabled);
  }
}
