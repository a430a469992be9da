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
    // bcrypt is slow on purpose and the table read is JDBC: both stay off the event loop.
    return Mono.fromCallable(() -> check(username, password))
        .subscribeOn(Schedulers.boundedElastic())
        .flatMap(account -> account.map(Mono::just).orElseGet(Mono::empty))
        .switchIfEmpty(Mono.error(InvalidCredentialsException::new));
  }

  private Optional<UserAccount> check(String username, String password) {
    Optional<UserAccount> account =
        accounts.findByUsername(username).filter(a -> hasPassword(a.passwordHash()));
    String hash = account.map(UserAccount::passwordHash).orElse(dummyHash);
    boolean matches = matches(password, hash);
    return account.filter(a -> matches && !a.disabled());
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
