package io.streamspace.vnc;

import io.streamspace.events.common.Caller;
import io.streamspace.events.common.Requester;
import org.springframework.web.server.ServerWebExchange;

/**
 * Builds the {@link Caller} of a request the way the API does (request id, client address behind
 * trusted proxies, user agent), for a requester the VNC token names.
 */
public interface RequestFacts {

  Caller callerOf(ServerWebExchange exchange, Requester requester);
}
