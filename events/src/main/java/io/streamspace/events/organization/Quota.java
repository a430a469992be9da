package io.streamspace.events.organization;

import io.streamspace.events.common.Resources;

/** The most an organization may run at once: sessions, and CPU and memory summed over them. */
public record Quota(int maxSessions, int maxCpuMillis, int maxMemoryMb) {

  public Quota {
    if (maxSessions < 0 || maxCpuMillis < 0 || maxMemoryMb < 0) {
      throw new IllegalArgumentException("quota limits cannot be negative");
    }
  }

  /**
   * Whether one more session of {@code requested} fits beside {@code sessions} using {@code used}.
   */
  public boolean admits(int sessions, Resources used, Resources requested) {
    return sessions + 1 <= maxSessions
        && used.cpuMillis() + requested.cpuMillis() <= maxCpuMillis
        && used.memoryMb() + requested.memoryMb() <= maxMemoryMb;
  }
}
