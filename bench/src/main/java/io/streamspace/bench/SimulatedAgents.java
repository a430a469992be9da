package io.streamspace.bench;

import io.rsocket.RSocket;
import io.rsocket.transport.netty.client.WebsocketClientTransport;
import io.streamspace.events.agent.AgentCapacity;
import io.streamspace.events.agent.AgentProtocol;
import io.streamspace.events.agent.AgentSetup;
import io.streamspace.events.agent.BackendKind;
import io.streamspace.events.agent.Heartbeat;
import io.streamspace.events.agent.Inventory;
import io.streamspace.events.agent.ReportReceipt;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import org.springframework.util.MimeTypeUtils;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.json.JsonMapper;

/**
 * Many light agents in one JVM: each is an RSocket connection over WebSocket with its own {@link
 * AgentSetup} (distinct agent id, one shared token), that answers the protocol's first duty (its
 * inventory, empty) and then sends a {@link Heartbeat} every interval, nothing else. All share one
 * event loop group and one heartbeat scheduler; payloads are JSON of a plain Jackson mapper with
 * default settings, as the protocol says.
 */
final class SimulatedAgents implements AutoCloseable {

  private static final Duration WAIT = Duration.ofSeconds(60);

  private final URI server;
  private final String token;
  private final Duration heartbeatInterval;
  private final LoopResources loop = LoopResources.create("sim-agents", 2, true);
  private final HttpClient http;
  private final RSocketStrategies strategies;
  private final ScheduledExecutorService heartbeats =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "sim-agent-heartbeats");
            t.setDaemon(true);
            return t;
          });
  private final ConcurrentLinkedQueue<Agent> agents = new ConcurrentLinkedQueue<>();
  final AtomicLong heartbeatsSent = new AtomicLong();
  final AtomicLong heartbeatsFailed = new AtomicLong();
  final AtomicLong connectionsLost = new AtomicLong();

  private record Agent(
      String id, RSocketRequester requester, ScheduledFuture<?> heartbeat, AtomicBoolean leaving) {}

  SimulatedAgents(URI server, String token, Duration heartbeatInterval) {
    this.server = server;
    this.token = token;
    this.heartbeatInterval = heartbeatInterval;
    JsonMapper mapper = JsonMapper.builder().build();
    this.strategies =
        RSocketStrategies.builder()
            .encoder(new JacksonJsonEncoder(mapper))
            .decoder(new JacksonJsonDecoder(mapper))
            .build();
    this.http =
        HttpClient.create(ConnectionProvider.newConnection())
            .runOn(loop)
            .host(server.getHost())
            .port(server.getPort());
  }

  /**
   * Connects {@code count} agents named {@code prefix-<n>}, {@code concurrency} at a time; returns
   * each connection's time from dialling to the server's inventory receipt.
   */
  Samples connect(String prefix, int count, int concurrency) throws Exception {
    ExecutorService dialers = Executors.newFixedThreadPool(concurrency);
    List<Future<Long>> done = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = prefix + "-" + i;
      done.add(dialers.submit(() -> connectOne(id)));
    }
    Samples times = new Samples();
    try {
      for (Future<Long> f : done) {
        times.add(f.get());
      }
    } finally {
      dialers.shutdownNow();
    }
    return times;
  }

  private long connectOne(String id) {
    long start = System.nanoTime();
    AgentSetup setup =
        new AgentSetup(
            id, BackendKind.LOCAL, new AgentCapacity(8, 0, 0), AgentProtocol.VERSION, token);
    RSocketRequester requester =
        RSocketRequester.builder()
            .rsocketStrategies(strategies)
            .dataMimeType(MimeTypeUtils.APPLICATION_JSON)
            .setupRoute(AgentProtocol.CONNECT)
            .setupData(setup)
            .rsocketConnector(c -> c.maxInboundPayloadSize(AgentProtocol.MAX_FRAME_BYTES))
            .transport(
                WebsocketClientTransport.create(http, AgentProtocol.PATH)
                    .webSocketSpec(s -> s.maxFramePayloadLength(AgentProtocol.MAX_FRAME_BYTES)));
    RSocket rsocket = requester.rsocketClient().source().block(WAIT);
    if (rsocket == null) {
      throw new IllegalStateException("agent " + id + " could not connect to " + server);
    }
    ReportReceipt receipt =
        requester
            .route(AgentProtocol.INVENTORY)
            .data(Inventory.empty())
            .retrieveMono(ReportReceipt.class)
            .block(WAIT);
    if (receipt == null || !receipt.accepted()) {
      throw new IllegalStateException("agent " + id + ": the inventory was refused: " + receipt);
    }
    long elapsed = System.nanoTime() - start;
    AtomicBoolean leaving = new AtomicBoolean();
    rsocket.onClose().subscribe(done -> {}, error -> lost(leaving), () -> lost(leaving));
    // Spread the heartbeats over the interval, as independent agents would be.
    long interval = heartbeatInterval.toMillis();
    long first = ThreadLocalRandom.current().nextLong(interval);
    ScheduledFuture<?> beat =
        heartbeats.scheduleAtFixedRate(
            () -> heartbeat(requester), first, interval, TimeUnit.MILLISECONDS);
    agents.add(new Agent(id, requester, beat, leaving));
    return elapsed;
  }

  private void lost(AtomicBoolean leaving) {
    if (!leaving.get()) {
      connectionsLost.incrementAndGet();
    }
  }

  private void heartbeat(RSocketRequester requester) {
    requester
        .route(AgentProtocol.HEARTBEAT)
        .data(new Heartbeat(Instant.now(), 0, 0, 0, 0.0))
        .send()
        .subscribe(
            done -> {},
            error -> heartbeatsFailed.incrementAndGet(),
            heartbeatsSent::incrementAndGet);
  }

  int connected() {
    return (int) agents.stream().filter(a -> !a.requester().isDisposed()).count();
  }

  List<String> ids() {
    return agents.stream().map(Agent::id).toList();
  }

  /** Disconnects every agent (the server sees each connection close). */
  void disconnectAll() {
    Agent agent;
    while ((agent = agents.poll()) != null) {
      agent.leaving().set(true);
      agent.heartbeat().cancel(false);
      agent.requester().dispose();
    }
  }

  @Override
  public void close() {
    disconnectAll();
    heartbeats.shutdownNow();
    loop.disposeLater().block(Duration.ofSeconds(10));
  }
}
