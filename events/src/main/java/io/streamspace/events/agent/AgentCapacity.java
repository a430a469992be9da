package io.streamspace.events.agent;

/**
 * What an agent offers: how many sessions it runs at most and the CPU and memory it has for them (0
 * means no limit on that resource).
 */
public record AgentCapacity(int sessions, int cpuMillis, int memoryMb) {

  public AgentCapacity {
    if (sessions < 1) {
      throw new IllegalArgumentException("an agent must offer at least one session");
    }
    if (cpuMillis < 0 || memoryMb < 0) {
      throw new IllegalArgumentException("capacity cannot be negative");
    }
  }
}
