package io.streamspace.server.identity;

import java.util.Optional;

/** Finds the account a login names; blocking, so callers run it off the event loop. */
public interface UserAccounts {

  Optional<UserAccount> findByUsername(String username);

  /** The current role and state of the account {@code userId}, or empty when there is none. */
  Optional<AccountStanding> standingOf(String userId);
}
