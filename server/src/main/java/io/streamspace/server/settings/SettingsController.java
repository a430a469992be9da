package io.streamspace.server.settings;

import io.streamspace.command.agent.AgentProperties;
import io.streamspace.command.agent.IdleProperties;
import io.streamspace.command.apikey.ApiKeyProperties;
import io.streamspace.events.common.Caller;
import io.streamspace.query.access.ReadAccess;
import io.streamspace.server.bootstrap.LocalAgentProperties;
import io.streamspace.server.identity.IdentityProperties;
import io.streamspace.server.identity.LoginProtectionProperties;
import io.streamspace.server.identity.oidc.OidcProperties;
import io.streamspace.server.ratelimit.RateLimitProperties;
import io.streamspace.server.ratelimit.RedisProperties;
import io.streamspace.vnc.VncProperties;
import java.time.Duration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/admin/settings}: the effective configuration, read-only, for system admins.
 * Settings come from properties and the environment at start, so the screen shows them and says
 * where they come from rather than offering edits a restart would undo.
 */
@RestController
@RequestMapping("/api/v1/admin/settings")
public class SettingsController {

  private final PlatformSettings settings;

  public SettingsController(
      IdentityProperties identity,
      LoginProtectionProperties loginProtection,
      OidcProperties oidc,
      ApiKeyProperties apiKeys,
      IdleProperties idle,
      AgentProperties agents,
      VncProperties vnc,
      RateLimitProperties rateLimits,
      RedisProperties redis,
      LocalAgentProperties localAgent) {
    // Bound once at start and immutable: the answer is the same for the process's lifetime.
    this.settings =
        new PlatformSettings(
            new PlatformSettings.SignIn(
                true,
                seconds(identity.tokenLifetime()),
                loginProtection.maxFailuresPerUsername(),
                loginProtection.maxFailuresPerAddress(),
                seconds(loginProtection.firstLockout()),
                seconds(apiKeys.maxLifetime()),
                oidc.providers().stream()
                    .map(
                        p ->
                            new PlatformSettings.Provider(
                                p.id(),
                                p.displayName(),
                                p.expectedIssuer(),
                                p.clientId(),
                                p.organization(),
                                p.claims().organization()))
                    .toList()),
            new PlatformSettings.Sessions(
                seconds(idle.hibernateAfter()),
                seconds(idle.stopAfter()),
                seconds(agents.pendingTimeout()),
                seconds(agents.startingTimeout())),
            new PlatformSettings.Vnc(
                seconds(vnc.tokenLifetime()),
                vnc.maxTunnelsPerSession(),
                vnc.maxMessageBytes(),
                vnc.allowedOrigins()),
            new PlatformSettings.RateLimits(
                rateLimits.enabled() && redis.configured(),
                rateLimits.enabled(),
                redis.configured(),
                bucket(rateLimits.perUser()),
                bucket(rateLimits.perOrganization()),
                bucket(rateLimits.perIp())),
            new PlatformSettings.Agents(
                seconds(agents.heartbeatInterval()),
                agents.missedHeartbeats(),
                seconds(agents.silenceLimit()),
                localAgent.enabled(),
                localAgent.enabled() && localAgent.jar() != null,
                localAgent.agentId()));
  }

  @GetMapping
  public Mono<PlatformSettings> settings(Caller caller) {
    ReadAccess.requireSystemAdmin(caller);
    return Mono.just(settings);
  }

  private static long seconds(Duration duration) {
    return duration.toSeconds();
  }

  private static PlatformSettings.Bucket bucket(RateLimitProperties.Bucket bucket) {
    return new PlatformSettings.Bucket(bucket.capacity(), bucket.refillPerSecond());
  }
}
