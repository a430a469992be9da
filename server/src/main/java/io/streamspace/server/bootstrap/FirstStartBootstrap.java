package io.streamspace.server.bootstrap;

import io.streamspace.command.common.Conflict;
import io.streamspace.events.common.Caller;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import io.streamspace.events.organization.CreateOrganization;
import io.streamspace.events.organization.Quota;
import io.streamspace.events.template.CreateTemplate;
import io.streamspace.events.template.TemplateDefinition;
import io.streamspace.events.user.RegisterUser;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Seeds a new platform on its first start: organization {@code default}, the system admin {@code
 * admin} and a starter catalog, all through the command side like any other change, so they have
 * events and an audit trail.
 *
 * <p>Each step is recorded in {@code bootstrap_state} once done, and a restart skips it. The ids
 * are fixed, so a step that ran but was not recorded (a crash in between), or that another replica
 * ran at the same moment, fails as a duplicate on the second try and is then recorded as done.
 */
@Component
@ConditionalOnProperty(
    name = "streamspace.bootstrap.enabled",
    havingValue = "true",
    matchIfMissing = true)
public class FirstStartBootstrap implements SmartLifecycle {

  /**
   * After Axon has started (its command handlers subscribe at {@code Integer.MAX_VALUE - 3072}) and
   * before the web server opens its port ({@code Integer.MAX_VALUE - 2048}): nobody can reach the
   * API, and no probe can report the platform ready, before the admin exists.
   */
  static final int PHASE = Integer.MAX_VALUE - 2560;

  static final String ORGANIZATION_NAME = "default";
  static final String ADMIN_USERNAME = "admin";
  static final String ORGANIZATION_ID = fixedId("organization:default");
  static final String ADMIN_ID = fixedId("user:admin");

  private static final Logger log = LoggerFactory.getLogger(FirstStartBootstrap.class);
  private static final long COMMAND_TIMEOUT_SECONDS = 30;

  private final CommandGateway commandGateway;
  private final BootstrapState state;
  private final PasswordEncoder passwordEncoder;
  private final BootstrapProperties properties;
  private final Environment environment;

  public FirstStartBootstrap(
      CommandGateway commandGateway,
      BootstrapState state,
      PasswordEncoder passwordEncoder,
      BootstrapProperties properties,
      Environment environment) {
    this.commandGateway = commandGateway;
    this.state = state;
    this.passwordEncoder = passwordEncoder;
    this.properties = properties;
    this.environment = environment;
  }

  private volatile boolean running;

  @Override
  public void start() {
    try {
      seed();
    } catch (NoHandlerForCommandException e) {
      // Only a build without the command side gets here; the next start with it seeds.
      log.error("First start seeding skipped: no command handler for {}", e.getMessage());
    }
    running = true;
  }

  @Override
  public void stop() {
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  /** Runs the steps not done yet; blocking, at startup, off any event loop. */
  public void seed() {
    Set<String> done = state.completedSteps();
    Requester system = Requester.system(ORGANIZATION_ID);
    step(
        done,
        "organization",
        () ->
            send(
                new CreateOrganization(
                    ORGANIZATION_ID,
                    ORGANIZATION_NAME,
                    "Default organization",
                    new Quota(
                        properties.maxSessions(),
                        properties.maxCpuMillis(),
                        properties.maxMemoryMb()))));
    step(done, "admin", () -> registerAdmin(system));
    for (TemplateDefinition template : SeedTemplates.all()) {
      step(
          done,
          "template:" + template.name(),
          () -> send(new CreateTemplate(fixedId("template:" + template.name()), system, template)));
    }
  }

  private void registerAdmin(Requester system) {
    String configured =
        properties.adminPassword() != null && !properties.adminPassword().isBlank()
            ? properties.adminPassword()
            : environment.getProperty("STREAMSPACE_ADMIN_PASSWORD");
    boolean generated = configured == null || configured.isBlank();
    String password = generated ? generatePassword() : configured;
    send(
        new RegisterUser(
            ADMIN_ID,
            system,
            ORGANIZATION_ID,
            ADMIN_USERNAME,
            passwordEncoder.encode(password),
            null,
            "Administrator",
            Role.SYSTEM_ADMIN));
    if (generated) {
      printOnce(password);
    } else {
      log.info(
          "Created the system admin '{}' with the password from STREAMSPACE_ADMIN_PASSWORD",
          ADMIN_USERNAME);
    }
  }

  private void step(Set<String> done, String step, Runnable action) {
    if (done.contains(step)) {
      return;
    }
    try {
      action.run();
      log.info("First start: {} created", step);
    } catch (NoHandlerForCommandException e) {
      throw e;
    } catch (RuntimeException e) {
      if (!isDuplicate(e)) {
        throw new IllegalStateException("first-start step '" + step + "' failed", e);
      }
      log.info("First start: {} already existed", step);
    }
    state.markDone(step);
  }

  private void send(Object command) {
    Caller bootstrap =
        new Caller(
            Requester.system(ORGANIZATION_ID),
            "bootstrap-" + UUID.randomUUID(),
            null,
            "streamspace-bootstrap");
    commandGateway.sendAndWait(
        GenericCommandMessage.asCommandMessage(command)
            .andMetaData(MetaData.from(bootstrap.auditMetadata())),
        COMMAND_TIMEOUT_SECONDS,
        TimeUnit.SECONDS);
  }

  static boolean isDuplicate(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConcurrencyException
          || t instanceof AggregateStreamCreationException
          || t instanceof DuplicateKeyException
          || t instanceof Conflict) {
        return true;
      }
    }
    return false;
  }

  private static void printOnce(String password) {
    log.warn(
        """

        ==================================================================
          StreamSpace: first start, system admin created
            username: {}
            password: {}
          This password is shown only this once. Log in and change it,
          or set STREAMSPACE_ADMIN_PASSWORD before the first start.
        ==================================================================
        """,
        ADMIN_USERNAME,
        password);
  }

  static String generatePassword() {
    byte[] random = new byte[15];
    new SecureRandom().nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  static String fixedId(String name) {
    return UUID.nameUUIDFromBytes(
            ("streamspace:bootstrap:" + name).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
