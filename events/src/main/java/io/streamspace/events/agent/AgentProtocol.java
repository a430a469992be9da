package io.streamspace.events.agent;

import java.time.Duration;

/**
 * The agent protocol's fixed points, the same on both ends: the RSocket routes, the endpoint path
 * and the limits. Payloads are the JSON of the records in this package.
 *
 * <p>Server to agent (request-response, answered with an {@link OrderReceipt}): {@link
 * #START_SESSION}, {@link #STOP_SESSION}, {@link #HIBERNATE_SESSION}, {@link #RESUME_SESSION}.
 * Agent to server: {@link #REPORT} (request-response, answered with a {@link ReportReceipt}),
 * {@link #HEARTBEAT} (fire-and-forget) and {@link #INVENTORY} (request-response, answered with a
 * {@link ReportReceipt} once the server has reconciled).
 *
 * <p>VNC tunnels: the server opens a request-channel on {@link #VNC_TUNNEL} whose first payload is
 * an {@link OpenVncTunnel}; every later payload, both ways, is raw RFB bytes, passed on unchanged.
 * RSocket's request-n carries back-pressure across the hop.
 */
public final class AgentProtocol {

  /** The protocol revision this build speaks; an agent with another major revision is refused. */
  public static final String VERSION = "1";

  /** WebSocket path of the RSocket endpoint on the API port. */
  public static final String PATH = "/ws/agent";

  /** Route of the setup frame, which carries an {@link AgentSetup}. */
  public static final String CONNECT = "agent.connect";

  public static final String REPORT = "agent.report";
  public static final String HEARTBEAT = "agent.heartbeat";
  public static final String INVENTORY = "agent.inventory";

  public static final String START_SESSION = "session.start";
  public static final String STOP_SESSION = "session.stop";
  public static final String HIBERNATE_SESSION = "session.hibernate";
  public static final String RESUME_SESSION = "session.resume";

  /** Route of a VNC tunnel's request-channel (server to agent). */
  public static final String VNC_TUNNEL = "session.vnc";

  /** How often an agent sends a {@link Heartbeat}. */
  public static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(10);

  /** Heartbeats an agent may miss before the server counts it disconnected. */
  public static final int MISSED_HEARTBEATS_ALLOWED = 3;

  /** The largest frame either end accepts; anything bigger is refused, never buffered. */
  public static final int MAX_FRAME_BYTES = 256 * 1024;

  private AgentProtocol() {}
}
