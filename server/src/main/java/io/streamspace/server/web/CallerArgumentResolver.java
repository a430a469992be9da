package io.streamspace.server.web;

import io.streamspace.events.common.Caller;
import io.streamspace.events.common.Requester;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Hands controllers the authenticated {@link Caller}: the requester from the security context plus
 * the request facts (request id, client address, user agent) every command records.
 */
public class CallerArgumentResolver implements HandlerMethodArgumentResolver {

  private static final int MAX_USER_AGENT_LENGTH = 512;

  private final ClientAddressResolver clientAddresses;

  public CallerArgumentResolver(ClientAddressResolver clientAddresses) {
    this.clientAddresses = clientAddresses;
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return Caller.class.equals(parameter.getParameterType());
  }

  @Override
  public Mono<Object> resolveArgument(
      MethodParameter parameter, BindingContext bindingContext, ServerWebExchange exchange) {
    return ReactiveSecurityContextHolder.getContext()
        .map(SecurityContext::getAuthentication)
        .filter(Authentication::isAuthenticated)
        .map(Authentication::getPrincipal)
        .ofType(Requester.class)
        .<Object>map(requester -> caller(requester, exchange))
        .switchIfEmpty(
            Mono.error(
                () -> new AuthenticationCredentialsNotFoundException("no authenticated caller")));
  }

  /** The caller of {@code exchange} for a requester authenticated some other way. */
  public Caller caller(Requester requester, ServerWebExchange exchange) {
    return new Caller(
        requester,
        RequestIdFilter.requestId(exchange),
        clientAddresses.clientAddress(exchange),
        userAgent(exchange.getRequest().getHeaders()));
  }

  private static String userAgent(HttpHeaders headers) {
    String agent = headers.getFirst(HttpHeaders.USER_AGENT);
    if (agent == null) {
      return null;
    }
    return agent.length() > MAX_USER_AGENT_LENGTH
        ? agent.substring(0, MAX_USER_AGENT_LENGTH)
        : agent;
  }
}
