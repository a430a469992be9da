package io.streamspace.server.bootstrap;

import io.streamspace.command.agent.AgentCredentials;
import io.streamspace.command.agent.AgentTokenShownOnce;
import io.streamspace.events.agent.IssueAgentToken;
import io.streamspace.events.common.Caller;
import io.streamspace.events.common.Requester;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Keeps a valid agent token for the local agent of standalone mode in a file only the platform's
 * user can read, so {@code ./streamspace up} can start that agent over the real protocol with a
 * real credential.
 *
 * <p>At every start: when the file is missing, or its token is no longer accepted (revoked, or
 * unknown to this database), a new token named {@value #TOKEN_NAME} is issued through the same
 * command an admin's request sends (actor {@code system}, so it is in the audit log) and the file
 * is replaced. A file whose token is still valid is left alone, so restarts issue nothing.
 */
@Component
public class LocalAgentToken implements SmartLifecycle {

  /** Right after the first-start seeding and before the web server opens its port. */
  static final int PHASE = FirstStartBootstrap.PHASE + 1;

  static final String TOKEN_NAME = "local agent";

  private static final Logger log = LoggerFactory.getLogger(LocalAgentToken.class);
  private static final long COMMAND_TIMEOUT_SECONDS = 30;

  private final CommandGateway commandGateway;
  private final AgentCredentials credentials;
  private final LocalAgentProperties properties;
  private final Path file;
  private volatile boolean running;

  public LocalAgentToken(
      CommandGateway commandGateway,
      AgentCredentials credentials,
      LocalAgentProperties properties,
      Environment environment) {
    this.commandGateway = commandGateway;
    this.credentials = credentials;
    this.properties = properties;
    Path dataDir =
        Path.of(
            environment.getProperty(
                "streamspace.data-dir", System.getProperty("user.home") + "/.streamspace"));
    this.file = properties.tokenFileIn(dataDir).toAbsolutePath().normalize();
  }

  /** Where the local agent finds its token. */
  public Path tokenFile() {
    return file;
  }

  @Override
  public void start() {
    if (properties.enabled()) {
      try {
        ensureValidToken();
      } catch (NoHandlerForCommandException e) {
        // Only a build without the command side gets here.
        log.error("No local agent token: no command handler for {}", e.getMessage());
      }
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

  /**
   * Issues and writes a new token unless the file already holds a valid one; answers whether it
   * issued one. Blocking, at startup.
   */
  public boolean ensureValidToken() {
    Optional<String> present = read();
    if (present.isPresent() && credentials.check(present.get()).isPresent()) {
      keepPrivate();
      log.info("Local agent token in {} is valid", file);
      return false;
    }
    AgentTokenShownOnce issued = issue();
    write(issued.token());
    log.info(
        "Issued the local agent token {} ({}) into {}{}",
        issued.id(),
        issued.prefix(),
        file,
        present.isPresent() ? ", replacing one that is no longer valid" : "");
    return true;
  }

  private AgentTokenShownOnce issue() {
    Caller system =
        new Caller(
            Requester.system(FirstStartBootstrap.ORGANIZATION_ID),
            "bootstrap-" + UUID.randomUUID(),
            null,
            "streamspace-bootstrap");
    return commandGateway.sendAndWait(
        GenericCommandMessage.asCommandMessage(
                new IssueAgentToken(UUID.randomUUID().toString(), system.requester(), TOKEN_NAME))
            .andMetaData(MetaData.from(system.auditMetadata())),
        COMMAND_TIMEOUT_SECONDS,
        TimeUnit.SECONDS);
  }

  private Optional<String> read() {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(file, StandardCharsets.US_ASCII).strip());
    } catch (IOException e) {
      log.warn("Cannot read the local agent token in {}: {}", file, e.toString());
      return Optional.empty();
    }
  }

  /** Writes to a private temporary file and moves it over the old one: never half a token. */
  private void write(String secret) {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    try {
      Path directory = file.getParent();
      if (posix) {
        Files.createDirectories(directory, permissions("rwx------"));
      } else {
        Files.createDirectories(directory);
      }
      Path temporary =
          posix
              ? Files.createTempFile(directory, ".local-agent", ".tmp", permissions("rw-------"))
              : Files.createTempFile(directory, ".local-agent", ".tmp");
      try {
        Files.writeString(temporary, secret + "\n", StandardCharsets.US_ASCII);
        Files.move(
            temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the local agent token to " + file, e);
    }
  }

  /** A file someone made readable to others (a copy, an umask) is made private again. */
  private void keepPrivate() {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    try {
      if (!Files.getPosixFilePermissions(file)
          .equals(PosixFilePermissions.fromString("rw-------"))) {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        log.warn("The local agent token in {} was readable by others: made it private", file);
      }
    } catch (IOException e) {
      log.warn("Cannot make the local agent token in {} private: {}", file, e.toString());
    }
  }

  private static FileAttribute<?> permissions(String mode) {
    return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode));
  }
}
