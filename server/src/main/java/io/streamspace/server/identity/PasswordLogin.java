package io.streamspace.server.identity;

import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Checks a username and password against the account table.
 *
 * <p>Every failure costs one bcrypt comparison, also for unknown users (against a dummy hash), so
 * neither the answer nor its timing tells an attacker which usernames exist.
 */
@Component
public class PasswordLogin {

  private final UserAccounts accounts;
  private final PasswordEncoder passwordEncoder;
  private final String dummyHash;

  public PasswordLogin(UserAccounts accounts, PasswordEncoder passwordEncoder) {
    this.accounts = accounts;
    this.passwordEncoder = passwordEncoder;
    this.dummyHash = passwordEncoder.encode("no-such-user-" + System.nanoTime());
  }

  /** The account the credentials belong to, or an {@link InvalidCredentialsException}. */
  public Mono<UserAccount> authenticate(String username, String password) {
    return attempt(username, password)
        .flatMap(
            attempt ->
                attempt.succeeded()
                    ? Mono.just(attempt.account())
                    : Mono.error(new InvalidCredentialsException()));
  }

  /**
   * Checks the credentials and says how it went, for the audit trail: the caller still answers
   * every failure alike.
   */
  public Mono<Attempt> attempt(String username, String password) {
    // bcrypt is slow on purpose and the table read is JDBC: both stay off the event loop.
    return Mono.fromCallable(() -> check(username, password))
        .subscribeOn(Schedulers.boundedElastic());
  }

  /**
   * The outcome of one login attempt: the account the username names (null when none), and why it
   * failed (null when it succeeded).
   */
  public record Attempt(UserAccount account, String failure) {

    public boolean succeeded() {
      return failure == null;
    }
  }

  private Attempt check(String username, String password) {
    Optional<UserAccount> named = accounts.findByUsername(username);
    Optional<UserAccount> account = named.filter(a -> hasPassword(a.passwordHash()));
    String hash = account.map(UserAccount::passwordHash).orElse(dummyHash);
    boolean matches = matches(password, hash);
    if (account.isEmpty()) {
      return new Attempt(named.orElse(null), named.isEmpty() ? "unknown user" : "no password");
    }
    if (!matches) {
      return new Attempt(account.get(), "wrong password");
    }
    if (account.get().disabled()) {
      return new Attempt(account.get(), "account disabled");
    }
    return new Attempt(account.get(), null);
  }

  private boolean matches(String password, String hash) {
    try {
      return passwordEncoder.matches(password, hash);
    } catch (IllegalArgumentException tooLongForBcrypt) {
      return false;
    }
  }

  private static boolean hasPassword(String hash) {
    return hash != null && !hash.isBlank();
  }
}
