package io.streamspace.command.common;

import io.streamspace.events.common.Caller;
import io.streamspace.events.organization.OrganizationCommand;
import io.streamspace.events.session.SessionCommand;
import io.streamspace.events.template.TemplateCommand;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Sends the controllers' commands through Axon on the {@link CommandExecutor}, with the caller's
 * audit metadata, and turns Axon's own failures into the domain's answers.
 *
 * <p>Once started, a command runs to its end whatever happens to the request: cancelling the
 * returned {@link Mono} (a client that hangs up, a timeout) neither cancels nor interrupts it, so a
 * unit of work is never cut in the middle. The client that left simply does not hear the outcome.
 *
 * <p>A {@link ConcurrencyException} means another writer (in this JVM or another replica) appended
 * to the same aggregate first and our whole unit of work rolled back; the command is simply run
 * again against the new state, and only if that keeps losing does the caller get a 409.
 */
@Component
public class CommandSender {

  private static final int CONCURRENCY_RETRIES = 3;
  private static final long FIRST_BACKOFF_MILLIS = 10;

  private final CommandGateway commandGateway;
  private final CommandExecutor executor;

  public CommandSender(CommandGateway commandGateway, CommandExecutor executor) {
    this.commandGateway = commandGateway;
    this.executor = executor;
  }

  /** Sends {@code command} on behalf of {@code caller} and emits the handler's result. */
  public <R> Mono<R> send(Object command, Caller caller) {
    MetaData metaData = MetaData.from(caller.auditMetadata());
    return Mono.defer(
            () -> Mono.fromFuture(executor.submit(() -> this.<R>run(command, metaData)), true))
        .onErrorMap(RejectedExecutionException.class, e -> new CommandsBusy());
  }

  /** Runs the command on the current (command) thread, retrying lost races, to its end. */
  private <R> R run(Object command, MetaData metaData) {
    for (int attempt = 0; ; attempt++) {
      try {
        return commandGateway.sendAndWait(command, metaData);
      } catch (ConcurrencyException e) {
        if (attempt >= CONCURRENCY_RETRIES) {
          throw concurrentChange(command);
        }
        backOff(attempt);
      } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
        // IncompatibleAggregateException: the id is another kind of resource's (an organization
        // loaded as a session); to the caller that is an unknown id like any other
        throw notFound(command, e);
      } catch (AggregateStreamCreationException e) {
        throw alreadyExists(command);
      }
    }
  }

  private static void backOff(int attempt) {
    long base = FIRST_BACKOFF_MILLIS << attempt;
    try {
      Thread.sleep(base + ThreadLocalRandom.current().nextLong(base));
    } catch (InterruptedException e) {
      // only shutdown interrupts command threads: stop retrying
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying a command", e);
    }
  }

  private static Conflict concurrentChange(Object command) {
    String target = describe(command);
    return new Conflict(
        (target == null ? "the resource" : target)
            + " was changed by another request at the same moment; try again");
  }

  private static Conflict alreadyExists(Object command) {
    String target = describe(command);
    return new Conflict((target == null ? "the resource" : target) + " already exists");
  }

  private static RuntimeException notFound(Object command, RuntimeException e) {
    String target = describe(command);
    return target == null ? new NotFound(e.getMessage()) : new NotFound(target + " not found");
  }

  private static String describe(Object command) {
    if (command instanceof SessionCommand c) {
      return "session " + c.sessionId();
    }
    if (command instanceof TemplateCommand c) {
      return "template " + c.templateId();
    }
    if (command instanceof OrganizationCommand c) {
      return "organization " + c.organizationId();
    }
    return null;
  }
}
