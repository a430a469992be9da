package io.streamspace.server.identity.oidc;

import io.streamspace.command.common.CommandSender;
import io.streamspace.command.common.Conflict;
import io.streamspace.command.common.NotFound;
import io.streamspace.command.user.UserAccount;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import io.streamspace.events.user.ProvisionExternalUser;
import io.streamspace.events.user.SyncExternalUser;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.DisabledException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Turns a person a provider vouches for into the platform's account: found through the {@code
 * (provider, subject)} link, provisioned on their first sign-in, synced (email, display name, role)
 * when the provider's claims changed since. The provider is the source of truth for them.
 *
 * <p>An organization is never created here: a claim naming an unknown one is refused (and audited),
 * so a misconfigured provider cannot spawn tenants.
 *
 * <p>API clients send the provider's token on every request, so a person whose claims did not
 * change is answered from memory for {@code recheck} (the account table is read again after that,
 * so a disabled account is refused within it).
 */
class ExternalUsers {

  /** The account a sign-in resolved to. */
  record LinkedAccount(String userId, String organizationId, String username, Role role) {
    Requester requester() {
      return new Requester(userId, organizationId, role);
    }
  }

  private record Remembered(ExternalIdentity identity, LinkedAccount account, long expiresAt) {}

  private record StoredAccount(
      String userId,
      String organizationId,
      String username,
      String email,
      String displayName,
      Role role,
      boolean disabled) {}

  private static final int MAX_REMEMBERED = 10_000;

  private final JdbcClient jdbc;
  private final CommandSender commands;
  private final SignOnAudit audit;
  private final long recheckNanos;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<String, Remembered> remembered = new ConcurrentHashMap<>();

  ExternalUsers(
      DataSource dataSource,
      CommandSender commands,
      SignOnAudit audit,
      Duration recheck,
      LongSupplier nanoTime) {
    this.jdbc = JdbcClient.create(dataSource);
    this.commands = commands;
    this.audit = audit;
    this.recheckNanos = recheck.toNanos();
    this.nanoTime = nanoTime;
  }

  /**
   * The account of {@code identity}, provisioned or synced first when needed. Fails with {@link
   * SignOnRefusedException} (unknown organization) or {@link DisabledException}.
   */
  Mono<LinkedAccount> accountOf(ExternalIdentity identity, RequestFacts facts) {
    String key = identity.providerId() + "\n" + identity.subject();
    Remembered known = remembered.get(key);
    if (known != null
        && known.identity().equals(identity)
        && nanoTime.getAsLong() - known.expiresAt() < 0) {
      return Mono.just(known.account());
    }
    return resolve(identity, facts, true).doOnNext(account -> remember(key, identity, account));
  }

  private Mono<LinkedAccount> resolve(
      ExternalIdentity identity, RequestFacts facts, boolean mayRetry) {
    return blocking(() -> linked(identity))
        .flatMap(
            found ->
                found.isPresent()
                    ? sync(found.get(), identity, facts)
                    : provision(identity, facts)
                        // Two first requests of one person raced: the loser reads the winner's.
                        .onErrorResume(
                            Conflict.class,
                            e -> mayRetry ? resolve(identity, facts, false) : Mono.error(e)));
  }

  private Mono<LinkedAccount> sync(
      StoredAccount account, ExternalIdentity identity, RequestFacts facts) {
    if (account.disabled()) {
      return Mono.error(new DisabledException("account disabled"));
    }
    LinkedAccount linked =
        new LinkedAccount(
            account.userId(), account.organizationId(), account.username(), identity.role());
    // A profile claim the token does not carry says nothing (providers often put the email in the
    // ID token only); the role always follows the groups, so removing someone from their groups
    // demotes them even when the provider then leaves the groups claim out.
    String email = identity.email() != null ? identity.email() : account.email();
    String displayName =
        identity.displayName() != null ? identity.displayName() : account.displayName();
    boolean unchanged =
        account.role() == identity.role()
            && Objects.equals(account.email(), email)
            && Objects.equals(account.displayName(), displayName);
    if (unchanged) {
      return Mono.just(linked);
    }
    return commands
        .<UserAccount>send(
            new SyncExternalUser(
                account.userId(),
                identity.providerId(),
                identity.subject(),
                email,
                displayName,
                identity.role()),
            facts.callerAs(linked.requester()))
        .map(
            synced ->
                new LinkedAccount(
                    synced.id(), synced.organizationId(), synced.username(), synced.role()));
  }

  private Mono<LinkedAccount> provision(ExternalIdentity identity, RequestFacts facts) {
    return blocking(() -> organizationNamed(identity.organization()))
        .flatMap(
            organization -> {
              if (organization.isEmpty()) {
                return refuseUnknownOrganization(identity, facts);
              }
              String userId = UUID.randomUUID().toString();
              Requester newcomer = new Requester(userId, organization.get(), identity.role());
              return commands
                  .<UserAccount>send(
                      new ProvisionExternalUser(
                          userId,
                          identity.providerId(),
                          identity.subject(),
                          organization.get(),
                          identity.username(),
                          identity.email(),
                          identity.displayName(),
                          identity.role()),
                      facts.callerAs(newcomer))
                  .map(
                      account ->
                          new LinkedAccount(
                              account.id(),
                              account.organizationId(),
                              account.username(),
                              account.role()))
                  // deleted between the look-up and the command: as unknown as never created
                  .onErrorResume(NotFound.class, e -> refuseUnknownOrganization(identity, facts));
            });
  }

  private Mono<LinkedAccount> refuseUnknownOrganization(
      ExternalIdentity identity, RequestFacts facts) {
    String detail =
        "organization "
            + identity.organization()
            + " (named by the identity provider "
            + identity.providerId()
            + ") does not exist on this platform; an administrator must create it first";
    return audit
        .refused(identity.providerId(), identity.subject(), "unknown_organization", detail, facts)
        .then(Mono.error(new SignOnRefusedException("unknown_organization", detail)));
  }

  private Optional<StoredAccount> linked(ExternalIdentity identity) {
    return jdbc.sql(
            """
            select a.user_id, a.organization_id, a.username, a.email, a.display_name, a.role,
                   a.disabled
              from external_identity x join user_account a on a.user_id = x.user_id
             where x.provider_id = ? and x.subject = ?
            """)
        .params(identity.providerId(), identity.subject())
        .query(
            (rs, row) ->
                new StoredAccount(
                    rs.getString("user_id"),
                    rs.getString("organization_id"),
                    rs.getString("username"),
                    rs.getString("email"),
                    rs.getString("display_name"),
                    Role.fromWireName(rs.getString("role").trim().toLowerCase(Locale.ROOT)),
                    rs.getBoolean("disabled")))
        .optional();
  }

  /** The id of the organization {@code nameOrId} names: its unique name first, else its id. */
  private Optional<String> organizationNamed(String nameOrId) {
    return jdbc.sql(
            """
            select organization_id from organization_name where name = ?
            union all
            select organization_id from organization_name where organization_id = ?
            limit 1
            """)
        .params(nameOrId, nameOrId)
        .query(String.class)
        .optional();
  }

  private void remember(String key, ExternalIdentity identity, LinkedAccount account) {
    if (recheckNanos <= 0) {
      return;
    }
    if (remembered.size() >= MAX_REMEMBERED) {
      long now = nanoTime.getAsLong();
      remembered.values().removeIf(entry -> now - entry.expiresAt() >= 0);
      if (remembered.size() >= MAX_REMEMBERED) {
        remembered.clear();
      }
    }
    remembered.put(key, new Remembered(identity, account, nanoTime.getAsLong() + recheckNanos));
  }

  private static <T> Mono<T> blocking(java.util.concurrent.Callable<T> read) {
    // JDBC: never on the event loop
    return Mono.fromCallable(read).subscribeOn(Schedulers.boundedElastic());
  }
}
