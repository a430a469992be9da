package io.streamspace.command.common;

import io.streamspace.events.common.Caller;
import io.streamspace.events.organization.OrganizationCommand;
import io.streamspace.events.session.SessionCommand;
import io.streamspace.events.template.TemplateCommand;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Sends the controllers' commands through Axon off the Netty event loop, with the caller's audit
 * metadata, and turns Axon's own failures into the domain's answers.
 *
 * <p>A {@link ConcurrencyException} means another writer (in this JVM or another replica) appended
 * to the same aggregate first and our whole unit of work rolled back; the command is simply run
 * again against the new state, and only if that keeps losing does the caller get a 409.
 */
@Component
public class CommandSender {

  private static final int CONCURRENCY_RETRIES = 3;

  private final CommandGateway commandGateway;

  public CommandSender(CommandGateway commandGateway) {
    this.commandGateway = commandGateway;
  }

  /** Sends {@code command} on behalf of {@code caller} and emits the handler's result. */
  public <R> Mono<R> send(Object command, Caller caller) {
    MetaData metaData = MetaData.from(caller.auditMetadata());
    Mono<R> once = Mono.fromCallable(() -> commandGateway.<R>sendAndWait(command, metaData));
    return once.subscribeOn(Schedulers.boundedElastic())
        .retryWhen(
            Retry.backoff(CONCURRENCY_RETRIES, Duration.ofMillis(10))
                .filter(ConcurrencyException.class::isInstance)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
        .onErrorMap(ConcurrencyException.class, e -> concurrentChange(command))
        .onErrorMap(AggregateNotFoundException.class, e -> notFound(command, e))
        .onErrorMap(AggregateStreamCreationException.class, e -> alreadyExists(command));
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

  private static RuntimeException notFound(Object command, AggregateNotFoundException e) {
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
