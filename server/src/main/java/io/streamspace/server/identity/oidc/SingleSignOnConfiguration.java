package io.streamspace.server.identity.oidc;

import io.streamspace.command.common.CommandSender;
import io.streamspace.server.identity.CallerResolver;
import io.streamspace.server.identity.IdentityProperties;
import io.streamspace.server.identity.RequesterAuthentication;
import io.streamspace.server.identity.TokenIssuer;
import io.streamspace.server.web.ClientAddressResolver;
import io.streamspace.server.web.HttpProperties;
import java.time.Clock;
import javax.sql.DataSource;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ReactiveAuthenticationManagerResolver;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;

/**
 * Single sign-on through external OpenID Connect providers ({@link OidcProperties}): the bearer
 * token check that accepts their access tokens next to the platform's own, and the browser login.
 * With no provider configured everything here is inert and the platform behaves as standalone.
 */
@Configuration(proxyBeanMethods = false)
public class SingleSignOnConfiguration {

  @Bean
  ProviderDiscovery oidcProviderDiscovery(
      OidcProperties properties, ObjectProvider<WebClient.Builder> builders) {
    return new ProviderDiscovery(webClient(builders), properties.discoveryRefresh());
  }

  @Bean
  ProviderTokenDecoders oidcTokenDecoders(
      OidcProperties properties,
      ProviderDiscovery discovery,
      ObjectProvider<WebClient.Builder> builders) {
    return new ProviderTokenDecoders(
        discovery,
        webClient(builders),
        properties.keyRefreshCooldown(),
        properties.discoveryRefresh(),
        Clock.systemUTC());
  }

  @Bean
  SignOnAudit oidcSignOnAudit(EventGateway events) {
    return new SignOnAudit(events);
  }

  @Bean
  ExternalUsers oidcExternalUsers(
      DataSource dataSource,
      CommandSender commands,
      SignOnAudit audit,
      IdentityProperties identity) {
    return new ExternalUsers(
        dataSource, commands, audit, identity.accountCheckInterval(), System::nanoTime);
  }

  /**
   * Who checks a bearer token: the platform's own decoder and {@link CallerResolver} for its
   * tokens, a provider's keys and claim mappings for the provider's.
   */
  @Bean
  ReactiveAuthenticationManagerResolver<ServerWebExchange> bearerTokenAuthentication(
      ReactiveJwtDecoder platformJwtDecoder,
      CallerResolver callerResolver,
      TokenIssuer tokenIssuer,
      OidcProperties properties,
      ProviderTokenDecoders decoders,
      ExternalUsers users,
      HttpProperties http) {
    JwtReactiveAuthenticationManager platform =
        new JwtReactiveAuthenticationManager(platformJwtDecoder);
    platform.setJwtAuthenticationConverter(
        token ->
            callerResolver
                .resolve(token)
                .map(requester -> new RequesterAuthentication(requester, token)));
    return new BearerTokenAuthentication(
        platform,
        tokenIssuer.issuer(),
        properties,
        decoders,
        users,
        new ClientAddressResolver(http.trustedProxies()));
  }

  private static WebClient webClient(ObjectProvider<WebClient.Builder> builders) {
    return builders.getIfAvailable(WebClient::builder).build();
  }
}
