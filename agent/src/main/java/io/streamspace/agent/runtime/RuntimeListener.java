package io.streamspace.agent.runtime;

/** Receives what a runtime observes by itself, such as sessions whose app exited. */
@FunctionalInterface
public interface RuntimeListener {

  void on(RuntimeEvent event);
}
