package io.streamspace.server.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamspace.command.common.Conflict;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import io.streamspace.events.organization.CreateOrganization;
import io.streamspace.events.organization.Quota;
import io.streamspace.events.template.CreateTemplate;
import io.streamspace.events.template.TemplateDefinition;
import io.streamspace.events.user.RegisterUser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** The first start seeds organization, admin and templates through commands, and only once. */
@ExtendWith(OutputCaptureExtension.class)
class FirstStartBootstrapTest {

  private final RecordingGateway gateway = new RecordingGateway();
  private final InMemoryState state = new InMemoryState();
  private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
  private final MockEnvironment environment = new MockEnvironment();

  @Test
  void theFirstStartCreatesTheDefaultOrganizationItsAdminAndThreeTemplates() {
    bootstrap("s3cret-admin").seed();

    assertThat(gateway.commands).hasSize(5);
    CreateOrganization organization = (CreateOrganization) gateway.commands.get(0).getPayload();
    assertThat(organization.name()).isEqualTo("default");
    assertThat(organization.quota()).isEqualTo(new Quota(20, 16000, 32768));

    RegisterUser admin = (RegisterUser) gateway.commands.get(1).getPayload();
    assertThat(admin.username()).isEqualTo("admin");
    assertThat(admin.role()).isEqualTo(Role.SYSTEM_ADMIN);
    assertThat(admin.organizationId()).isEqualTo(organization.organizationId());
    assertThat(admin.requester()).isEqualTo(Requester.system(organization.organizationId()));
    assertThat(bcrypt.matches("s3cret-admin", admin.passwordHash())).isTrue();

    List<TemplateDefinition> templates =
        gateway.commands.subList(2, 5).stream()
            .map(m -> ((CreateTemplate) m.getPayload()).definition())
            .toList();
    assertThat(templates)
        .extracting(TemplateDefinition::command)
        .containsExactly(List.of("xterm"), List.of("xeyes"), List.of("xcalc"));
    assertThat(templates)
        .allSatisfy(
            t -> {
              assertThat(t.vncPort()).isEqualTo(5900);
              assertThat(t.category()).isNotBlank();
              assertThat(t.tags()).isNotEmpty();
              assertThat(t.iconUrl()).startsWith("data:image/svg+xml");
              assertThat(t.image()).startsWith("streamspace/");
              assertThat(t.defaultResources().cpuMillis()).isPositive();
              assertThat(t.defaultResources().memoryMb()).isPositive();
            });
    assertThat(gateway.commands)
        .allSatisfy(
            m -> {
              assertThat(m.getMetaData()).containsEntry("actor_id", "system");
              assertThat(m.getMetaData())
                  .containsEntry("organization_id", organization.organizationId());
              assertThat((String) m.getMetaData().get("request_id")).startsWith("bootstrap-");
            });
    assertThat(state.done)
        .containsExactlyInAnyOrder(
            "organization", "admin", "template:xterm", "template:xeyes", "template:xcalc");
  }

  @Test
  void aRestartSendsNothing() {
    bootstrap("s3cret-admin").seed();
    gateway.commands.clear();

    bootstrap("s3cret-admin").seed();

    assertThat(gateway.commands).isEmpty();
  }

  @Test
  void withoutAConfiguredPasswordOneIsGeneratedAndPrintedOnce(CapturedOutput output) {
    bootstrap(null).seed();
    RegisterUser admin = (RegisterUser) gateway.commands.get(1).getPayload();
    String printed =
        output
            .getAll()
            .lines()
            .filter(line -> line.trim().startsWith("password:"))
            .map(line -> line.trim().substring("password:".length()).trim())
            .findFirst()
            .orElseThrow();

    assertThat(printed).hasSizeGreaterThanOrEqualTo(20);
    assertThat(bcrypt.matches(printed, admin.passwordHash())).isTrue();

    bootstrap(null).seed();
    assertThat(output.getAll().lines().filter(line -> line.trim().startsWith("password:")))
        .hasSize(1);
  }

  @Test
  void thePasswordComesFromStreamspaceAdminPasswordWhenSet() {
    environment.setProperty("STREAMSPACE_ADMIN_PASSWORD", "from-the-environment");

    bootstrap(null).seed();

    RegisterUser admin = (RegisterUser) gateway.commands.get(1).getPayload();
    assertThat(bcrypt.matches("from-the-environment", admin.passwordHash())).isTrue();
  }

  @Test
  void aStepThatAlreadyHappenedButWasNotRecordedIsRecordedWithoutAnError(CapturedOutput output) {
    gateway.failWith =
        command -> command instanceof RegisterUser ? new ConcurrencyException("taken") : null;

    bootstrap(null).seed();

    assertThat(state.done).contains("admin");
    assertThat(output.getAll()).doesNotContain("password:");
  }

  @Test
  void aTemplateNameAlreadyTakenCountsAsSeeded() {
    gateway.failWith =
        command ->
            command instanceof CreateTemplate ? new Conflict("template name xterm is taken") : null;

    bootstrap("pw").seed();

    assertThat(state.done).contains("template:xterm", "template:xeyes", "template:xcalc");
  }

  @Test
  void aRealFailureStopsTheStartAndLeavesTheStepToRetry() {
    gateway.failWith =
        command ->
            command instanceof CreateTemplate ? new IllegalStateException("disk full") : null;

    assertThatThrownBy(() -> bootstrap("pw").seed())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("template:xterm");
    assertThat(state.done).containsExactlyInAnyOrder("organization", "admin");
  }

  private FirstStartBootstrap bootstrap(String adminPassword) {
    return new FirstStartBootstrap(
        gateway,
        state,
        bcrypt,
        new BootstrapProperties(true, adminPassword, 20, 16000, 32768),
        environment);
  }

  private static final class InMemoryState implements BootstrapState {
    final Set<String> done = new HashSet<>();

    @Override
    public Set<String> completedSteps() {
      return new HashSet<>(done);
    }

    @Override
    public void markDone(String step) {
      done.add(step);
    }
  }

  /** Records what the bootstrap sends, as the command bus would receive it. */
  private static final class RecordingGateway implements CommandGateway {
    final List<CommandMessage<?>> commands = new ArrayList<>();
    Function<Object, RuntimeException> failWith = command -> null;

    @Override
    @SuppressWarnings("unchecked")
    public <R> R sendAndWait(Object command, long timeout, TimeUnit unit) {
      CommandMessage<?> message = (CommandMessage<?>) command;
      RuntimeException failure = failWith.apply(message.getPayload());
      if (failure != null) {
        throw failure;
      }
      commands.add(message);
      return null;
    }

    @Override
    public <R> R sendAndWait(Object command) {
      throw new UnsupportedOperationException("the bootstrap waits with a timeout");
    }

    @Override
    public <C, R> void send(C command, CommandCallback<? super C, ? super R> callback) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <R> CompletableFuture<R> send(Object command) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Registration registerDispatchInterceptor(
        MessageDispatchInterceptor<? super CommandMessage<?>> interceptor) {
      throw new UnsupportedOperationException();
    }
  }
}
