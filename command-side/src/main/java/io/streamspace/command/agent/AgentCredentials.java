package io.streamspace.command.agent;

import java.util.Optional;

/**
 * Checks the token an agent presents when it connects. Both methods block on the database: call
 * them off any event loop (e.g. on {@code Schedulers.boundedElastic()}).
 */
public interface AgentCredentials {

  /**
   * The credential behind {@code presentedToken} when it is an issued, unrevoked agent token, and
   * records that it was used ({@code last_used_at}); empty for anything else (null, blank,
   * malformed, unknown, revoked). Blocking JDBC.
   */
  Optional<AgentCredential> verify(String presentedToken);

  /**
   * As {@link #verify} but without recording a use: for checking a token the platform holds itself
   * (the local agent's), not one an agent presented. Blocking JDBC.
   */
  Optional<AgentCredential> check(String presentedToken);
}
