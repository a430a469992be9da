package io.streamspace.command.apikey;

import io.streamspace.command.common.Conflict;
import io.streamspace.command.common.Forbidden;
import io.streamspace.command.common.Invalid;
import io.streamspace.command.common.NotFound;
import io.streamspace.command.common.SecretHashes;
import io.streamspace.events.apikey.ApiKeyIssued;
import io.streamspace.events.apikey.IssueApiKey;
import io.streamspace.events.apikey.RevokeApiKey;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Issues and revokes API keys: the {@code api_key} row and the {@link ApiKey}'s event are written
 * in the unit of work's one transaction, or neither is.
 *
 * <p>Who may do what: anyone issues keys for themselves; an organization admin for the members of
 * their organization (not for a system admin); a system admin for anyone. A key's scope never
 * exceeds its owner's role nor its issuer's, so a key cannot lift anyone above their role. Another
 * organization's user or key is answered as absent.
 *
 * <p>The secret is made here, after the command exists, so no message or event ever holds it; the
 * issuing command answers it once, in {@link ApiKeyShownOnce}.
 */
@Component
public class ApiKeyHandler {

  static final int MAX_NAME_LENGTH = 100;

  private final JdbcTemplate jdbc;
  private final Repository<ApiKey> keys;
  private final ApiKeyProperties properties;
  private final Clock clock = Clock.systemUTC();

  public ApiKeyHandler(JdbcTemplate jdbc, Repository<ApiKey> keys, ApiKeyProperties properties) {
    this.jdbc = jdbc;
    this.keys = keys;
    this.properties = properties;
  }

  @CommandHandler
  public ApiKeyShownOnce handle(IssueApiKey command) throws Exception {
    Requester requester = command.requester();
    String ownerId = command.userId() == null ? requester.userId() : command.userId();
    boolean forThemselves = ownerId.equals(requester.userId());
    if (!forThemselves && !requester.role().administersOrganization()) {
      throw new Forbidden("a user may create API keys only for themselves");
    }
    Owner owner =
        owner(ownerId)
            .filter(found -> forThemselves || requester.mayAdminister(found.organizationId()))
            .orElseThrow(() -> NotFound.of("user", ownerId));
    if (owner.role() == Role.SYSTEM_ADMIN && requester.role() != Role.SYSTEM_ADMIN) {
      throw new Forbidden("only a system admin may create API keys for a system admin");
    }
    Role scope = command.scope() == null ? lower(owner.role(), requester.role()) : command.scope();
    if (scope.compareTo(owner.role()) > 0) {
      throw new Forbidden(
          "an API key's scope cannot exceed its owner's role ("
              + owner.role().wireName()
              + "), asked for "
              + scope.wireName());
    }
    if (scope.compareTo(requester.role()) > 0) {
      throw new Forbidden(
          "an API key's scope cannot exceed your own role ("
              + requester.role().wireName()
              + "), asked for "
              + scope.wireName());
    }
    if (owner.disabled()) {
      throw new Conflict("user " + ownerId + " is disabled: their keys would not work");
    }
    String name = command.name();
    if (name == null || name.isBlank()) {
      throw new Invalid("an API key needs a name");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw new Invalid("an API key's name has at most " + MAX_NAME_LENGTH + " characters");
    }
    // what the list shows later: PostgreSQL keeps microseconds, the answer shows milliseconds
    Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Instant expiresAt = requireExpiry(command.expiresAt(), createdAt);

    String secret = ApiKeySecrets.generate();
    String prefix = ApiKeySecrets.prefixOf(secret);
    jdbc.update(
        "insert into api_key (key_id, organization_id, user_id, name, prefix, secret_hash, scope,"
            + " created_at, created_by, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        command.keyId(),
        owner.organizationId(),
        ownerId,
        name,
        prefix,
        SecretHashes.sha256(secret),
        scope.wireName(),
        createdAt.atOffset(ZoneOffset.UTC),
        requester.userId(),
        expiresAt.atOffset(ZoneOffset.UTC));
    ApiKeyIssued issued =
        new ApiKeyIssued(
            command.keyId(), owner.organizationId(), ownerId, name, prefix, scope, expiresAt);
    keys.newInstance(() -> new ApiKey(issued));
    return new ApiKeyShownOnce(
        command.keyId(),
        name,
        prefix,
        secret,
        ownerId,
        owner.organizationId(),
        scope,
        createdAt,
        expiresAt);
  }

  @CommandHandler
  public void handle(RevokeApiKey command) {
    Requester requester = command.requester();
    // the row lock orders concurrent revokes: the second one finds the first one's revoked_at
    List<Stored> stored =
        jdbc.query(
            "select organization_id, user_id, revoked_at from api_key where key_id = ? for update",
            (rs, row) ->
                new Stored(
                    rs.getString("organization_id"),
                    rs.getString("user_id"),
                    rs.getObject("revoked_at", OffsetDateTime.class) != null),
            command.keyId());
    Stored key =
        stored.stream()
            .filter(found -> requester.mayUse(found.organizationId(), found.userId()))
            .findFirst()
            .orElseThrow(() -> NotFound.of("API key", command.keyId()));
    if (key.revoked()) {
      throw alreadyRevoked(command.keyId());
    }
    jdbc.update(
        "update api_key set revoked_at = ? where key_id = ?",
        clock.instant().atOffset(ZoneOffset.UTC),
        command.keyId());
    keys.load(command.keyId()).execute(ApiKey::revoke);
  }

  private Instant requireExpiry(Instant expiresAt, Instant now) {
    if (expiresAt == null) {
      throw new Invalid("an API key needs an expires_at");
    }
    if (!expiresAt.isAfter(now)) {
      throw new Invalid("expires_at must be in the future");
    }
    Instant latest = now.plus(properties.maxLifetime());
    if (expiresAt.isAfter(latest)) {
      throw new Invalid(
          "expires_at may be at most "
              + properties.maxLifetime().toDays()
              + " days ahead (until "
              + latest
              + ")");
    }
    return expiresAt.truncatedTo(ChronoUnit.MILLIS);
  }

  private Optional<Owner> owner(String userId) {
    return jdbc
        .query(
            "select organization_id, role, disabled from user_account where user_id = ?",
            (rs, row) ->
                new Owner(
                    rs.getString("organization_id"),
                    Role.fromWireName(rs.getString("role").trim()),
                    rs.getBoolean("disabled")),
            userId)
        .stream()
        .findFirst();
  }

  private static Role lower(Role a, Role b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  static Conflict alreadyRevoked(String keyId) {
    return new Conflict("API key " + keyId + " is already revoked");
  }

  private record Owner(String organizationId, Role role, boolean disabled) {}

  private record Stored(String organizationId, String userId, boolean revoked) {}
}
