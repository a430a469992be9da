package io.streamspace.command.agent;

import io.streamspace.events.agent.AgentCapacity;
import io.streamspace.events.agent.BackendKind;
import io.streamspace.events.session.AgentOrderKind;
import io.streamspace.events.session.SessionStatus;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The dispatcher's tables (see {@code V105__agent_dispatch.sql}): connected agents, placed
 * sessions, open orders. Blocking JDBC: called on processor, sweeper and bounded elastic threads.
 */
@Component
class DispatchStore {

  private static final String LIVE = "('pending','starting','running','hibernated')";

  private final JdbcTemplate jdbc;

  DispatchStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A connected agent with what it has taken on. */
  record AgentSlot(
      String agentId,
      BackendKind backend,
      AgentCapacity capacity,
      int liveSessions,
      int cpuMillis,
      int memoryMb) {}

  /** A session as placement and reconciliation see it. */
  record PlacedSession(
      String sessionId,
      String organizationId,
      SessionStatus status,
      String agentId,
      String startCommandId,
      boolean assigned,
      String waitingReason,
      boolean runsLocal,
      boolean runsContainer,
      int cpuMillis,
      int memoryMb,
      String startOrder,
      Integer idleHibernateAfterSeconds,
      Integer idleStopAfterSeconds,
      Instant createdAt,
      Instant statusSince) {

    Duration idleHibernateAfter(IdleProperties defaults) {
      return idleHibernateAfterSeconds != null
          ? Duration.ofSeconds(idleHibernateAfterSeconds)
          : defaults.hibernateAfter();
    }

    Duration idleStopAfter(IdleProperties defaults) {
      return idleStopAfterSeconds != null
          ? Duration.ofSeconds(idleStopAfterSeconds)
          : defaults.stopAfter();
    }
  }

  /** An order not yet completed by its agent. */
  record OpenOrder(
      long seq,
      String commandId,
      String sessionId,
      String agentId,
      AgentOrderKind kind,
      String payload) {}

  void agentConnected(
      String agentId,
      String connectionId,
      BackendKind backend,
      AgentCapacity capacity,
      Instant at) {
    jdbc.update(
        """
        insert into dispatch_agent (agent_id, connection_id, backend, capacity_sessions,
            capacity_cpu_millis, capacity_memory_mb, connected, changed_at)
        values (?, ?, ?, ?, ?, ?, true, ?)
        on conflict (agent_id) do update set connection_id = excluded.connection_id,
            backend = excluded.backend, capacity_sessions = excluded.capacity_sessions,
            capacity_cpu_millis = excluded.capacity_cpu_millis,
            capacity_memory_mb = excluded.capacity_memory_mb, connected = true,
            changed_at = excluded.changed_at
        """,
        agentId,
        connectionId,
        backend.wireName(),
        capacity.sessions(),
        capacity.cpuMillis(),
        capacity.memoryMb(),
        Timestamp.from(at));
  }

  void agentDisconnected(String agentId, String connectionId, Instant at) {
    jdbc.update(
        "update dispatch_agent set connected = false, changed_at = ?"
            + " where agent_id = ? and connection_id = ?",
        Timestamp.from(at),
        agentId,
        connectionId);
  }

  /** Connected agents with their load, least loaded first. */
  List<AgentSlot> connectedAgents() {
    return jdbc.query(
        """
        select a.agent_id, a.backend, a.capacity_sessions, a.capacity_cpu_millis,
               a.capacity_memory_mb, count(s.session_id) as live,
               coalesce(sum(s.cpu_millis), 0) as cpu, coalesce(sum(s.memory_mb), 0) as memory
        from dispatch_agent a
        left join dispatch_session s on s.agent_id = a.agent_id and s.status in %s
        where a.connected
        group by a.agent_id
        order by count(s.session_id)::float / a.capacity_sessions, a.agent_id
        """
            .formatted(LIVE),
        (rs, i) ->
            new AgentSlot(
                rs.getString("agent_id"),
                BackendKind.fromWireName(rs.getString("backend")),
                new AgentCapacity(
                    rs.getInt("capacity_sessions"),
                    rs.getInt("capacity_cpu_millis"),
                    rs.getInt("capacity_memory_mb")),
                rs.getInt("live"),
                rs.getInt("cpu"),
                rs.getInt("memory")));
  }

  /** Agents recorded as connected whose connection id is as given; for the silence check. */
  record ConnectedAgent(String agentId, String connectionId, Instant lastSign) {}

  /** Connected agents with the last sign of life seen from them (heartbeat or connect). */
  List<ConnectedAgent> connectedAgentsWithLastSign() {
    return jdbc.query(
        """
        select a.agent_id, a.connection_id,
               greatest(a.changed_at, coalesce(p.last_heartbeat_at, a.changed_at)) as last_sign
        from dispatch_agent a left join agent_presence p on p.agent_id = a.agent_id
        where a.connected
        """,
        (rs, i) ->
            new ConnectedAgent(
                rs.getString("agent_id"),
                rs.getString("connection_id"),
                rs.getTimestamp("last_sign").toInstant()));
  }

  /** Stores a new session; false when it was already stored (an event handled again). */
  boolean sessionCreated(
      String sessionId,
      String organizationId,
      String userId,
      boolean runsLocal,
      boolean runsContainer,
      int cpuMillis,
      int memoryMb,
      String startOrder,
      Integer idleHibernateAfterSeconds,
      Integer idleStopAfterSeconds,
      String waitingReason,
      Instant at) {
    return jdbc.update(
            """
        insert into dispatch_session (session_id, organization_id, user_id, status, runs_local,
            runs_container, cpu_millis, memory_mb, start_order, idle_hibernate_after_seconds,
            idle_stop_after_seconds, waiting_reason, created_at, status_since)
        values (?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        on conflict (session_id) do nothing
        """,
            sessionId,
            organizationId,
            userId,
            runsLocal,
            runsContainer,
            cpuMillis,
            memoryMb,
            startOrder,
            idleHibernateAfterSeconds,
            idleStopAfterSeconds,
            waitingReason,
            Timestamp.from(at),
            Timestamp.from(at))
        == 1;
  }

  /**
   * Sessions in {@code status} for longer than their idle limit (the column, or {@code
   * defaultSeconds}). A running session is idle only while nobody watches it, counting from the
   * later of its last transition and its last viewer's departure.
   */
  List<PlacedSession> idleIn(SessionStatus status, String limitColumn, long defaultSeconds) {
    String watched =
        status == SessionStatus.RUNNING
            ? " and not exists (select 1 from dispatch_viewer v"
                + " where v.session_id = dispatch_session.session_id)"
                + " and greatest(status_since, coalesce(last_viewed_at, status_since))"
            : " and status_since";
    return jdbc.query(
        SELECT_SESSION
            + " where status = ?"
            + watched
            + " < now() - make_interval(secs => coalesce("
            + limitColumn
            + ", ?)) limit 100",
        this::placedSession,
        status.wireName(),
        defaultSeconds);
  }

  void viewerConnected(String sessionId, String viewerId, Instant at) {
    jdbc.update(
        "insert into dispatch_viewer (session_id, viewer_id, connected_at) values (?, ?, ?)"
            + " on conflict do nothing",
        sessionId,
        viewerId,
        Timestamp.from(at));
  }

  void viewerDisconnected(String sessionId, String viewerId, Instant at) {
    jdbc.update(
        "delete from dispatch_viewer where session_id = ? and viewer_id = ?", sessionId, viewerId);
    jdbc.update(
        "update dispatch_session set last_viewed_at = greatest(last_viewed_at, ?)"
            + " where session_id = ?",
        Timestamp.from(at),
        sessionId);
  }

  Optional<PlacedSession> session(String sessionId) {
    return jdbc
        .query(SELECT_SESSION + " where session_id = ?", this::placedSession, sessionId)
        .stream()
        .findFirst();
  }

  /** Pending sessions no agent has been chosen for, oldest first. */
  List<PlacedSession> waiting(int limit) {
    return jdbc.query(
        SELECT_SESSION
            + " where status = 'pending' and agent_id is null order by created_at limit ?",
        this::placedSession,
        limit);
  }

  /** Sessions the dispatcher believes live on {@code agentId}. */
  List<PlacedSession> liveOn(String agentId) {
    return jdbc.query(
        SELECT_SESSION + " where agent_id = ? and status in " + LIVE, this::placedSession, agentId);
  }

  /** Placements decided but not yet confirmed by the session, older than {@code before}. */
  List<PlacedSession> unconfirmedSince(Instant before) {
    return jdbc.query(
        SELECT_SESSION
            + " where status = 'pending' and agent_id is not null and not assigned"
            + " and assigned_at < ?",
        this::placedSession,
        Timestamp.from(before));
  }

  /** Sessions in {@code status} since before {@code before}. */
  List<PlacedSession> inStatusSince(SessionStatus status, Instant before, boolean byCreation) {
    String column = byCreation ? "created_at" : "status_since";
    return jdbc.query(
        SELECT_SESSION + " where status = ? and " + column + " < ? limit 100",
        this::placedSession,
        status.wireName(),
        Timestamp.from(before));
  }

  void choose(String sessionId, String agentId, String commandId, Instant at) {
    jdbc.update(
        "update dispatch_session set agent_id = ?, start_command_id = ?, assigned_at = ?,"
            + " waiting_reason = null where session_id = ? and agent_id is null",
        agentId,
        commandId,
        Timestamp.from(at),
        sessionId);
  }

  void waitingFor(String sessionId, String reason) {
    jdbc.update(
        "update dispatch_session set waiting_reason = ? where session_id = ?", reason, sessionId);
  }

  void assigned(String sessionId, String agentId, String commandId) {
    jdbc.update(
        "update dispatch_session set agent_id = ?, start_command_id = ?, assigned = true,"
            + " assigned_at = coalesce(assigned_at, now()) where session_id = ?",
        agentId,
        commandId,
        sessionId);
  }

  void status(String sessionId, SessionStatus status, Instant at) {
    if (status.isTerminal()) {
      ended(List.of(sessionId));
      return;
    }
    jdbc.update(
        "update dispatch_session set status = ?, status_since = ? where session_id = ?",
        status.wireName(),
        Timestamp.from(at),
        sessionId);
  }

  void order(
      String commandId,
      String sessionId,
      String agentId,
      AgentOrderKind kind,
      String payload,
      Instant at) {
    jdbc.update(
        """
        insert into dispatch_order (command_id, session_id, agent_id, kind, payload, issued_at)
        values (?, ?, ?, ?, ?, ?) on conflict (command_id) do nothing
        """,
        commandId,
        sessionId,
        agentId,
        kind.name(),
        payload,
        Timestamp.from(at));
  }

  void orderCompleted(String commandId) {
    jdbc.update("delete from dispatch_order where command_id = ?", commandId);
  }

  void ordersOfKindCompleted(String sessionId, AgentOrderKind kind) {
    jdbc.update(
        "delete from dispatch_order where session_id = ? and kind = ?", sessionId, kind.name());
  }

  /**
   * Forgets ended sessions, their viewers and their orders except a stop (which the agent still has
   * to carry out), in one statement however many they are. True when one of them had been placed on
   * an agent, so its ending gave that agent room; a session still waiting for one frees nothing.
   */
  boolean ended(List<String> sessionIds) {
    if (sessionIds.isEmpty()) {
      return false;
    }
    List<Boolean> placed =
        jdbc.query(
            connection -> {
              PreparedStatement statement =
                  connection.prepareStatement(
                      """
                      with ended_viewers as (delete from dispatch_viewer where session_id = any(?)),
                           ended_orders as (delete from dispatch_order
                                             where session_id = any(?) and kind <> ?)
                      delete from dispatch_session where session_id = any(?)
                      returning agent_id is not null
                      """);
              Array ids = connection.createArrayOf("text", sessionIds.toArray());
              statement.setArray(1, ids);
              statement.setArray(2, ids);
              statement.setString(3, AgentOrderKind.STOP.name());
              statement.setArray(4, ids);
              return statement;
            },
            (row, i) -> row.getBoolean(1));
    return placed.contains(Boolean.TRUE);
  }

  List<OpenOrder> openOrders(String agentId) {
    return jdbc.query(
        "select seq, command_id, session_id, agent_id, kind, payload from dispatch_order"
            + " where agent_id = ? order by seq",
        (rs, i) ->
            new OpenOrder(
                rs.getLong("seq"),
                rs.getString("command_id"),
                rs.getString("session_id"),
                rs.getString("agent_id"),
                AgentOrderKind.valueOf(rs.getString("kind")),
                rs.getString("payload")),
        agentId);
  }

  private static final String SELECT_SESSION =
      """
      select session_id, organization_id, status, agent_id, start_command_id, assigned,
             waiting_reason, runs_local, runs_container, cpu_millis, memory_mb, start_order,
             idle_hibernate_after_seconds, idle_stop_after_seconds, created_at, status_since
      from dispatch_session
      """;

  private PlacedSession placedSession(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new PlacedSession(
        rs.getString("session_id"),
        rs.getString("organization_id"),
        SessionStatus.fromWireName(rs.getString("status")),
        rs.getString("agent_id"),
        rs.getString("start_command_id"),
        rs.getBoolean("assigned"),
        rs.getString("waiting_reason"),
        rs.getBoolean("runs_local"),
        rs.getBoolean("runs_container"),
        rs.getInt("cpu_millis"),
        rs.getInt("memory_mb"),
        rs.getString("start_order"),
        (Integer) rs.getObject("idle_hibernate_after_seconds"),
        (Integer) rs.getObject("idle_stop_after_seconds"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("status_since").toInstant());
  }
}
