package io.streamspace.server.persistence;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the platform's PostgreSQL is: an external server when {@code url} is set, otherwise an
 * embedded one whose data lives under {@code dataDir}.
 *
 * @param url JDBC URL of an external PostgreSQL ({@code jdbc:postgresql://host:port/db}); empty for
 *     the embedded database
 * @param dataDir the platform's data directory; the embedded database lives in its {@code
 *     postgres/} folder
 * @param embeddedPort port of the embedded database; 0 picks a free one at each start
 * @param maxPoolSize JDBC connections for the event store, the processors and the command side
 * @param maxReactivePoolSize R2DBC connections for the read API
 * @param reactiveAcquireTimeout how long a read waits for one of those connections when all are
 *     busy; past it the request is answered 503 rather than left hanging
 * @param embeddedFsync whether the embedded database syncs to disk; off only for throw-away tests
 * @param embeddedBinariesDir where the PostgreSQL binaries are unpacked; defaults to {@code
 *     postgres/bin} in the data directory, and tests share one to unpack them once
 */
@ConfigurationProperties("streamspace.database")
public record DatabaseProperties(
    String url,
    @DefaultValue("postgres") String username,
    String password,
    Path dataDir,
    @DefaultValue("0") int embeddedPort,
    @DefaultValue("20") int maxPoolSize,
    @DefaultValue("10") int maxReactivePoolSize,
    @DefaultValue("5s") Duration reactiveAcquireTimeout,
    @DefaultValue("true") boolean embeddedFsync,
    Path embeddedBinariesDir) {

  public boolean embedded() {
    return url == null || url.isBlank();
  }
}
