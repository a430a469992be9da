package io.streamspace.server.web;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Cross-origin access to the API for a UI served from another origin than the API.
 *
 * @param allowedOrigins origins (e.g. {@code https://app.example.com}) whose pages may call {@code
 *     /api/**}; empty (the default) means none: the UI the platform serves itself is same-origin
 *     and needs no CORS, and browsers keep every other origin's pages from reading answers
 * @param maxAge how long browsers may cache a preflight's answer
 */
@ConfigurationProperties("streamspace.http.cors")
public record CorsProperties(
    @DefaultValue List<String> allowedOrigins, @DefaultValue("1h") Duration maxAge) {

  public CorsProperties {
    allowedOrigins =
        allowedOrigins == null
            ? List.of()
            : allowedOrigins.stream().map(String::trim).filter(o -> !o.isEmpty()).toList();
    maxAge = maxAge == null ? Duration.ofHours(1) : maxAge;
    for (String origin : allowedOrigins) {
      if (origin.equals("*")) {
        throw new IllegalArgumentException(
            "streamspace.http.cors.allowed-origins must name origins, not '*'");
      }
    }
  }
}
