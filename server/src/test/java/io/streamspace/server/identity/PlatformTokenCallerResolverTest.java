package io.streamspace.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * A token says who the caller was when it was issued; the account table says who they are now, and
 * the account table wins, read at most once per caller and interval and never on the caller's
 * thread.
 */
class PlatformTokenCallerResolverTest {

  private static final Duration INTERVAL = Duration.ofSeconds(5);

  private final Accounts accounts = new Accounts();
  private final AtomicLong nanos = new AtomicLong();
  private final CachedAccountStandings standings =
      new CachedAccountStandings(accounts, INTERVAL, 3, nanos::get);
  private final PlatformTokenCallerResolver resolver = new PlatformTokenCallerResolver(standings);

  @Test
  void anActiveAccountActsWithTheTokensOrganization() {
    accounts.put("u-1", Role.USER, false);

    assertThat(resolver.resolve(token("u-1", "org-1", "user")).block())
        .isEqualTo(new Requester("u-1", "org-1", Role.USER));
  }

  @Test
  void aDisabledAccountIsRefusedAlthoughItsTokenIsValid() {
    accounts.put("u-1", Role.USER, true);

    assertThatThrownBy(() -> resolver.resolve(token("u-1", "org-1", "user")).block())
        .isInstanceOf(DisabledException.class)
        .hasMessage("account disabled");
  }

  @Test
  void theAccountsCurrentRoleReplacesTheRoleInTheToken() {
    accounts.put("u-1", Role.USER, false);

    assertThat(resolver.resolve(token("u-1", "org-1", "org_admin")).block().role())
        .isEqualTo(Role.USER);
  }

  @Test
  void aTokenForAnAccountThatDoesNotExistIsRefused() {
    assertThatThrownBy(() -> resolver.resolve(token("ghost", "org-1", "system_admin")).block())
        .isInstanceOf(InvalidBearerTokenException.class);
  }

  @Test
  void theTableIsReadOncePerCallerAndIntervalAndAgainAfterIt() {
    accounts.put("u-1", Role.ORG_ADMIN, false);
    Jwt token = token("u-1", "org-1", "org_admin");

    resolver.resolve(token).block();
    resolver.resolve(token).block();
    nanos.addAndGet(INTERVAL.toNanos() - 1);
    resolver.resolve(token).block();
    assertThat(accounts.reads).containsExactly("u-1");

    accounts.put("u-1", Role.ORG_ADMIN, true);
    nanos.addAndGet(1);
    assertThatThrownBy(() -> resolver.resolve(token).block()).isInstanceOf(DisabledException.class);
    assertThat(accounts.reads).containsExactly("u-1", "u-1");
  }

  @Test
  void theTableIsReadOffTheCallersThread() {
    accounts.put("u-1", Role.USER, false);
    String caller = Thread.currentThread().getName();

    resolver.resolve(token("u-1", "org-1", "user")).block();

    assertThat(accounts.threads).hasSize(1).doesNotContain(caller);
    assertThat(accounts.threads.get(0)).startsWith("boundedElastic");
  }

  @Test
  void theCacheStaysWithinItsBound() {
    for (int i = 0; i < 10; i++) {
      accounts.put("u-" + i, Role.USER, false);
      resolver.resolve(token("u-" + i, "org-1", "user")).block();
      assertThat(standings.size()).isLessThanOrEqualTo(3);
    }
  }

  private static Jwt token(String subject, String organization, String role) {
    return Jwt.withTokenValue("token")
        .header("alg", "RS256")
        .subject(subject)
        .claims(claims -> claims.putAll(Map.of("org", organization, "role", role)))
        .issuedAt(Instant.now())
        .expiresAt(Instant.now().plusSeconds(60))
        .build();
  }

  /** The account table, counting its reads and the threads they ran on. */
  private static final class Accounts implements UserAccounts {

    private final Map<String, AccountStanding> rows = new ConcurrentHashMap<>();
    final List<String> reads = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    void put(String userId, Role role, boolean disabled) {
      rows.put(userId, new AccountStanding(userId, role, disabled));
    }

    @Override
    public Optional<UserAccount> findByUsername(String username) {
      return Optional.empty();
    }

    @Override
    public Optional<AccountStanding> standingOf(String userId) {
      reads.add(userId);
      threads.add(Thread.currentThread().getName());
      return Optional.ofNullable(rows.get(userId));
    }
  }
}
