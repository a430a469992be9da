package io.streamspace.vnc;

import io.rsocket.RSocket;
import java.util.Optional;

/** The agents connected to this replica, by id: a tunnel rides its agent's RSocket connection. */
public interface AgentConnections {

  /** The agent's live connection on this replica, if it has one here. */
  Optional<RSocket> connectionOf(String agentId);
}
