package io.streamspace.server.vnc;

import com.nimbusds.jose.jwk.RSAKey;
import io.streamspace.command.agent.AgentLinks;
import io.streamspace.command.common.CommandSender;
import io.streamspace.events.session.ConnectViewer;
import io.streamspace.events.session.DisconnectViewer;
import io.streamspace.query.session.SessionQueries;
import io.streamspace.query.session.SessionView;
import io.streamspace.server.identity.IdentityProperties;
import io.streamspace.server.web.CallerArgumentResolver;
import io.streamspace.server.web.ClientAddressResolver;
import io.streamspace.vnc.AgentConnections;
import io.streamspace.vnc.RequestFacts;
import io.streamspace.vnc.Viewer;
import io.streamspace.vnc.ViewerLog;
import io.streamspace.vnc.VncProperties;
import io.streamspace.vnc.VncSession;
import io.streamspace.vnc.VncSessions;
import io.streamspace.vnc.access.VncTokens;
import java.time.Clock;
import java.util.Collection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Plugs the VNC proxy into the rest of the server: tokens signed with the platform's key, sessions
 * from the query side's read model, agent connections from the command side's links, and viewers
 * recorded as session commands.
 */
@Configuration(proxyBeanMethods = false)
public class VncWiring {

  @Bean
  VncTokens vncTokens(
      RSAKey platformSigningKey,
      IdentityProperties identity,
      VncProperties properties,
      Environment environment) {
    return new VncTokens(
        platformSigningKey,
        identity.issuerFor(environment.getProperty("server.port")),
        properties.tokenLifetime(),
        Clock.systemUTC());
  }

  @Bean
  VncSessions vncSessions(SessionQueries queries) {
    return new VncSessions() {
      @Override
      public Mono<VncSession> find(String sessionId) {
        return queries.find(sessionId).map(VncWiring::vncSession);
      }

      @Override
      public Flux<VncSession> findAll(Collection<String> sessionIds) {
        return queries.findAll(sessionIds).map(VncWiring::vncSession);
      }
    };
  }

  private static VncSession vncSession(SessionView view) {
    return new VncSession(
        view.id(),
        view.organizationId(),
        view.userId(),
        view.status(),
        view.runningSince(),
        view.agentId());
  }

  @Bean
  AgentConnections agentConnections(AgentLinks links) {
    return links::connectionOf;
  }

  @Bean
  ViewerLog viewerLog(CommandSender commands) {
    return new ViewerLog() {
      @Override
      public Mono<Void> connected(Viewer viewer) {
        return commands
            .send(
                new ConnectViewer(
                    viewer.sessionId(), viewer.caller().requester(), viewer.viewerId()),
                viewer.caller())
            .then();
      }

      @Override
      public Mono<Void> disconnected(Viewer viewer, String reason) {
        return commands
            .send(
                new DisconnectViewer(
                    viewer.sessionId(), viewer.caller().requester(), viewer.viewerId(), reason),
                viewer.caller())
            .then();
      }
    };
  }

  @Bean
  RequestFacts requestFacts(ClientAddressResolver clientAddresses) {
    CallerArgumentResolver callers = new CallerArgumentResolver(clientAddresses);
    return (exchange, requester) -> callers.caller(requester, exchange);
  }
}
