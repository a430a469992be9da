package io.streamspace.command.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.junit.jupiter.api.Test;

class CommandBusRollbackTest {

  /** What the unit of work did at its end. */
  private final List<String> outcome = new ArrayList<>();

  private SimpleCommandBus busWhoseHandlerFailsWith(Exception failure) {
    SimpleCommandBus bus = SimpleCommandBus.builder().build();
    new CommandDispatchConfiguration.RollbackOnAnyThrowable()
        .postProcessAfterInitialization(bus, "commandBus");
    bus.subscribe(
        String.class.getName(),
        command -> {
          // half the work is done when the failure comes (a reservation before its session)
          CurrentUnitOfWork.get().onCommit(u -> outcome.add("committed"));
          CurrentUnitOfWork.get().onRollback(u -> outcome.add("rolled back"));
          throw failure;
        });
    return bus;
  }

  private CommandResultMessage<?> dispatch(SimpleCommandBus bus) {
    List<CommandResultMessage<?>> results = new ArrayList<>();
    bus.dispatch(
        GenericCommandMessage.asCommandMessage("create a session"),
        (message, result) -> results.add(result));
    return results.get(0);
  }

  @Test
  void aUnitOfWorkInterruptedHalfWayRollsBackEntirely() {
    CommandResultMessage<?> result =
        dispatch(
            busWhoseHandlerFailsWith(
                new InterruptedException("Message [SessionCreated] was interrupted")));

    assertThat(result.isExceptional()).isTrue();
    assertThat(outcome).containsExactly("rolled back");
  }

  @Test
  void aCheckedExceptionRollsBackLikeAnUncheckedOne() {
    CommandResultMessage<?> result =
        dispatch(busWhoseHandlerFailsWith(new Exception("the repository could not create")));

    assertThat(result.isExceptional()).isTrue();
    assertThat(outcome).containsExactly("rolled back");
  }
}
