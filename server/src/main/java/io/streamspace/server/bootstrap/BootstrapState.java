package io.streamspace.server.bootstrap;

import java.util.Set;

/** Which first-start steps are done; blocking (startup only). */
public interface BootstrapState {

  Set<String> completedSteps();

  void markDone(String step);
}
