package io.streamspace.agent.orders;

import io.streamspace.agent.runtime.Availability;
import io.streamspace.agent.runtime.RunningSession;
import io.streamspace.agent.runtime.RuntimeEvent;
import io.streamspace.agent.runtime.RuntimeEvent.SessionExited;
import io.streamspace.agent.runtime.SessionRuntime;
import io.streamspace.agent.runtime.SessionSpec;
import io.streamspace.events.agent.AgentProtocol;
import io.streamspace.events.agent.HibernateSessionOrder;
import io.streamspace.events.agent.Inventory;
import io.streamspace.events.agent.OrderReceipt;
import io.streamspace.events.agent.ReportedStatus;
import io.streamspace.events.agent.ResumeSessionOrder;
import io.streamspace.events.agent.SessionReport;
import io.streamspace.events.agent.StartSessionOrder;
import io.streamspace.events.agent.StopSessionOrder;
import io.streamspace.events.common.Resources;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent's answer to the server's orders: each is acknowledged at once with an {@link
 * OrderReceipt} (or refused when malformed), then carried out on the session's own queue, and its
 * outcome goes to the {@link ReportOutbox} as {@link SessionReport}s. A command id seen before gets
 * the same receipt and is not carried out again.
 */
public final class Orders implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Orders.class);
  private static final int REMEMBERED_COMMANDS = 10_000;
  private static final int MAX_REASON_LENGTH = 500;

  private final SessionRuntime runtime;
  private final ReportOutbox outbox;
  private final JsonMapper mapper;
  private final RecentCommands recent = new RecentCommands(REMEMBERED_COMMANDS);
  private final SessionWork work;

  /**
   * @param threads how many sessions' orders may run at the same time
   */
  public Orders(SessionRuntime runtime, ReportOutbox outbox, JsonMapper mapper, int threads) {
    this.runtime = runtime;
    this.outbox = outbox;
    this.mapper = mapper;
    this.work = new SessionWork(threads);
    runtime.addListener(this::onRuntimeEvent);
  }

  @MessageMapping(AgentProtocol.START_SESSION)
  public OrderReceipt start(@Payload JsonNode body) {
    return receive(body, StartSessionOrder.class, this::planStart);
  }

  @MessageMapping(AgentProtocol.STOP_SESSION)
  public OrderReceipt stop(@Payload JsonNode body) {
    return receive(
        body, StopSessionOrder.class, order -> plan(order.sessionId(), () -> carryOutStop(order)));
  }

  @MessageMapping(AgentProtocol.HIBERNATE_SESSION)
  public OrderReceipt hibernate(@Payload JsonNode body) {
    return receive(
        body,
        HibernateSessionOrder.class,
        order ->
            plan(
                order.sessionId(),
                () ->
                    carryOut(
                        order.commandId(),
                        order.sessionId(),
                        () -> report(order.commandId(), runtime.hibernate(order.sessionId())))));
  }

  @MessageMapping(AgentProtocol.RESUME_SESSION)
  public OrderReceipt resume(@Payload JsonNode body) {
    return receive(
        body,
        ResumeSessionOrder.class,
        order ->
            plan(
                order.sessionId(),
                () ->
                    carryOut(
                        order.commandId(),
                        order.sessionId(),
                        () -> report(order.commandId(), runtime.resume(order.sessionId())))));
  }

  /** Every session the runtime runs, as the server's reconciliation wants it. */
  public Inventory inventory() {
    return new Inventory(
        runtime.list().stream()
            .map(s -> new Inventory.Entry(s.sessionId(), statusOf(s), s.vncHost(), s.vncPort()))
            .toList());
  }

  /** A unit of work for one session, ready to be queued once the order is accepted. */
  private record Plan(String sessionId, Runnable work) {}

  private static Plan plan(String sessionId, Runnable work) {
    if (sessionId == null || sessionId.isBlank()) {
      throw new IllegalArgumentException("the order names no session");
    }
    return new Plan(sessionId, work);
  }

  private <T> OrderReceipt receive(JsonNode body, Class<T> type, Function<T, Plan> planner) {
    String commandId =
        body != null && body.path("commandId").isString()
            ? body.path("commandId").asString()
            : null;
    if (commandId == null || commandId.isBlank()) {
      log.warn("refused a {} order without a commandId", type.getSimpleName());
      return OrderReceipt.refused(commandId, "the order has no commandId");
    }
    return recent.receiptFor(
        commandId,
        () -> {
          try {
            Plan plan = planner.apply(mapper.treeToValue(body, type));
            work.submit(plan.sessionId(), plan.work());
            return OrderReceipt.accepted(commandId);
          } catch (JacksonException | IllegalArgumentException e) {
            String reason = "malformed order: " + oneLine(messageOf(e));
            log.warn("refused {} {}: {}", type.getSimpleName(), commandId, reason);
            return OrderReceipt.refused(commandId, reason);
          }
        });
  }

  private Plan planStart(StartSessionOrder order) {
    if (order.template() == null) {
      throw new IllegalArgumentException("the order carries no template");
    }
    Resources resources = order.resources() == null ? Resources.NONE : order.resources();
    SessionSpec spec =
        new SessionSpec(
            order.sessionId(),
            order.userId(),
            order.template().command(),
            order.template().environment(),
            new SessionSpec.Resources(resources.cpuMillis(), resources.memoryMb()));
    return plan(order.sessionId(), () -> carryOutStart(order.commandId(), spec));
  }

  private void carryOutStart(String commandId, SessionSpec spec) {
    String sessionId = spec.sessionId();
    Availability availability = runtime.availability();
    if (!availability.available()) {
      outbox.add(failed(sessionId, commandId, availability.reason()));
      return;
    }
    Optional<RunningSession> existing =
        runtime.list().stream().filter(s -> s.sessionId().equals(sessionId)).findFirst();
    if (existing.isPresent()) {
      report(commandId, existing.get()); // a repeated start: the session is already there
      return;
    }
    outbox.add(new SessionReport(sessionId, commandId, ReportedStatus.STARTING, null, 0, null));
    carryOut(commandId, sessionId, () -> report(commandId, runtime.start(spec)));
  }

  private void carryOutStop(StopSessionOrder order) {
    carryOut(
        order.commandId(),
        order.sessionId(),
        () -> {
          runtime.stop(order.sessionId());
          String reason =
              order.reason() == null || order.reason().isBlank()
                  ? "stopped on request"
                  : oneLine(order.reason());
          outbox.add(
              new SessionReport(
                  order.sessionId(), order.commandId(), ReportedStatus.STOPPED, null, 0, reason));
        });
  }

  /** Runs an order's work; whatever goes wrong becomes a FAILED report with a one-line reason. */
  private void carryOut(String commandId, String sessionId, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      String reason = oneLine(messageOf(e));
      log.warn("session {}: {}", sessionId, reason);
      outbox.add(failed(sessionId, commandId, reason));
    }
  }

  private void report(String commandId, RunningSession session) {
    outbox.add(
        new SessionReport(
            session.sessionId(),
            commandId,
            statusOf(session),
            session.vncHost(),
            session.vncPort(),
            null));
  }

  /** An app that exited by itself, reported behind whatever its session's queue still holds. */
  private void onRuntimeEvent(RuntimeEvent event) {
    if (event instanceof SessionExited exited) {
      ReportedStatus status = exited.failed() ? ReportedStatus.FAILED : ReportedStatus.STOPPED;
      SessionReport report =
          new SessionReport(exited.sessionId(), null, status, null, 0, oneLine(exited.reason()));
      work.submit(exited.sessionId(), () -> outbox.add(report));
    }
  }

  private static ReportedStatus statusOf(RunningSession session) {
    return session.state() == RunningSession.State.HIBERNATED
        ? ReportedStatus.HIBERNATED
        : ReportedStatus.RUNNING;
  }

  private static SessionReport failed(String sessionId, String commandId, String reason) {
    return new SessionReport(sessionId, commandId, ReportedStatus.FAILED, null, 0, reason);
  }

  private static String messageOf(Exception e) {
    if (e instanceof JacksonException jackson && jackson.getOriginalMessage() != null) {
      return jackson.getOriginalMessage();
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  /** Reasons travel as one line of bounded length. */
  static String oneLine(String text) {
    if (text == null) {
      return null;
    }
    String line = text.replaceAll("\\s+", " ").trim();
    return line.length() <= MAX_REASON_LENGTH ? line : line.substring(0, MAX_REASON_LENGTH) + "…";
  }

  @Override
  public void close() {
    work.close();
  }
}
