package io.streamspace.server.identity;

import java.util.Optional;

/** Finds the account a login names; blocking, so callers run it off the event loop. */
public interface UserAccounts {

  Optional<UserAccount> findByUsername(String username);
}
