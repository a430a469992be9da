package io.streamspace.server.identity.oidc;

import io.streamspace.events.common.Caller;
import io.streamspace.events.common.Requester;
import io.streamspace.server.web.ClientAddressResolver;
import io.streamspace.server.web.RequestIdFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/** What the audit trail records of the request a sign-in arrived with. */
record RequestFacts(String requestId, String clientIp, String userAgent) {

  private static final int MAX_USER_AGENT_LENGTH = 512;

  static RequestFacts of(ServerWebExchange exchange, ClientAddressResolver addresses) {
    String agent = exchange.getRequest().getHeaders().getFirst(HttpHeaders.USER_AGENT);
    if (agent != null && agent.length() > MAX_USER_AGENT_LENGTH) {
      agent = agent.substring(0, MAX_USER_AGENT_LENGTH);
    }
    return new RequestFacts(
        RequestIdFilter.requestId(exchange), addresses.clientAddress(exchange), agent);
  }

  /** The caller the provisioning commands are sent as: the person signing in. */
  Caller callerAs(Requester requester) {
    return new Caller(requester, requestId, clientIp, userAgent);
  }
}
