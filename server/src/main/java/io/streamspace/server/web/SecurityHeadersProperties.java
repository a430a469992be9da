package io.streamspace.server.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The security headers every answer carries (see {@link SecurityHeadersFilter}).
 *
 * @param contentSecurityPolicy the {@code Content-Security-Policy}: by default only the platform's
 *     own origin for scripts, styles (inline ones too: the UI's component library injects them),
 *     images, fonts and connections (plus {@code ws:}/{@code wss:} for the VNC WebSocket), nothing
 *     may frame the pages, no plugins
 * @param referrerPolicy the {@code Referrer-Policy}
 * @param hstsMaxAge how long browsers keep to HTTPS after an answer over TLS ({@code
 *     Strict-Transport-Security}, sent only on answers to requests that came over TLS, directly or
 *     through a trusted proxy saying {@code X-Forwarded-Proto: https}); zero sends none
 */
@ConfigurationProperties("streamspace.http.headers")
public record SecurityHeadersProperties(
    @DefaultValue(DEFAULT_CSP) String contentSecurityPolicy,
    @DefaultValue("no-referrer") String referrerPolicy,
    @DefaultValue("365d") Duration hstsMaxAge) {

  public static final String DEFAULT_CSP =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
          + " img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' ws: wss:;"
          + " worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self';"
          + " frame-ancestors 'none'";

  public SecurityHeadersProperties {
    contentSecurityPolicy = contentSecurityPolicy == null ? DEFAULT_CSP : contentSecurityPolicy;
    referrerPolicy = referrerPolicy == null ? "no-referrer" : referrerPolicy;
    hstsMaxAge = hstsMaxAge == null ? Duration.ofDays(365) : hstsMaxAge;
  }

  /** The defaults, for code and tests that run without Spring's binder. */
  public static SecurityHeadersProperties defaults() {
    return new SecurityHeadersProperties(null, null, null);
  }
}
