package io.streamspace.agent;

import io.rsocket.SocketAcceptor;
import io.streamspace.agent.connection.AgentConnector;
import io.streamspace.agent.connection.Backoff;
import io.streamspace.agent.connection.MachineUsage;
import io.streamspace.agent.connection.WireFormat;
import io.streamspace.agent.orders.Orders;
import io.streamspace.agent.orders.ReportOutbox;
import io.streamspace.agent.runtime.Availability;
import io.streamspace.agent.runtime.SessionRuntime;
import io.streamspace.agent.vnc.TunnelingResponder;
import io.streamspace.agent.vnc.VncTunnels;
import io.streamspace.events.agent.AgentProtocol;
import io.streamspace.events.agent.AgentSetup;
import io.streamspace.events.agent.BackendKind;
import io.streamspace.events.agent.Heartbeat;
import io.streamspace.events.agent.SessionReport;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.rsocket.RSocketStrategies;
import org.springframework.messaging.rsocket.annotation.support.RSocketMessageHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * One running agent: its connection to the server, its answers to orders and its reports, over a
 * {@link SessionRuntime}. Plain Java, so the server's tests can run one in process; the Spring
 * application ({@link AgentApplication}) only builds one from its configuration.
 */
public final class Agent implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Agent.class);

  private final AgentSettings settings;
  private final SessionRuntime runtime;
  private final ReportOutbox outbox = new ReportOutbox();
  private final Orders orders;
  private final AgentConnector connector;
  private final VncTunnels tunnels;
  private volatile String token;

  public Agent(AgentSettings settings, SessionRuntime runtime) {
    this(settings, runtime, new Random());
  }

  /**
   * @param jitter where the reconnect backoff draws its random delays from
   */
  public Agent(AgentSettings settings, SessionRuntime runtime, RandomGenerator jitter) {
    this.settings = settings;
    this.runtime = runtime;
    this.token = settings.token();
    JsonMapper mapper = WireFormat.jsonMapper();
    RSocketStrategies strategies = WireFormat.strategies(mapper);
    int threads = Math.max(2, Math.min(settings.capacity().sessions(), 32));
    this.orders = new Orders(runtime, outbox, mapper, threads);
    this.tunnels = new VncTunnels(runtime, mapper);
    SocketAcceptor responder =
        TunnelingResponder.wrap(RSocketMessageHandler.responder(strategies, orders), tunnels);
    MachineUsage usage = new MachineUsage();
    this.connector =
        new AgentConnector(
            new AgentConnector.Settings(
                settings.serverUrl(),
                this::setup,
                settings.heartbeatInterval(),
                settings.requestTimeout(),
                new Backoff(settings.reconnect(), jitter),
                settings.frameMasking()),
            strategies,
            responder,
            orders::inventory,
            () -> heartbeat(usage),
            outbox);
  }

  /** Connects (and keeps connecting) to the server in the background. */
  public void start() {
    Availability availability = runtime.availability();
    if (!availability.available()) {
      log.warn("the local runtime cannot run sessions: {}", availability.reason());
    }
    log.info(
        "agent {} connecting to {} (capacity {})",
        settings.agentId(),
        settings.serverUrl(),
        settings.capacity());
    connector.start();
  }

  /** Whether the agent is connected and the server has its inventory. */
  public boolean connected() {
    return connector.connected();
  }

  /** Reports the server has not acknowledged yet, oldest first. */
  public List<SessionReport> pendingReports() {
    return outbox.pending();
  }

  /** How many VNC tunnels run through this agent now. */
  public int openTunnels() {
    return tunnels.openCount();
  }

  public AgentSettings settings() {
    return settings;
  }

  private AgentSetup setup() {
    return new AgentSetup(
        settings.agentId(),
        BackendKind.LOCAL,
        settings.capacity(),
        AgentProtocol.VERSION,
        currentToken());
  }

  /** The token as its file says now; the last good one when the file cannot be read. */
  private String currentToken() {
    if (settings.tokenFile() == null) {
      return token;
    }
    try {
      token = TokenFile.read(settings.tokenFile());
    } catch (AgentConfigurationException e) {
      log.warn("{}; connecting with the token read before", e.getMessage());
    }
    return token;
  }

  private Heartbeat heartbeat(MachineUsage usage) {
    MachineUsage.Sample sample = usage.sample();
    return new Heartbeat(
        Instant.now(),
        runtime.list().size(),
        sample.cpuMillisUsed(),
        sample.memoryMbUsed(),
        sample.loadAverage());
  }

  /** Disconnects and stops taking orders; the runtime's sessions are its owner's to stop. */
  @Override
  public void close() {
    log.info("agent {} disconnecting", settings.agentId());
    connector.close();
    tunnels.closeAll();
    orders.close();
  }
}
