package io.streamspace.events.common;

/** CPU (in millicores) and memory (in MiB) a session asks for or a quota allows. */
public record Resources(int cpuMillis, int memoryMb) {

  public Resources {
    if (cpuMillis < 0 || memoryMb < 0) {
      throw new IllegalArgumentException("resources cannot be negative");
    }
  }

  public static final Resources NONE = new Resources(0, 0);

  public Resources plus(Resources other) {
    return new Resources(cpuMillis + other.cpuMillis, memoryMb + other.memoryMb);
  }

  public Resources minus(Resources other) {
    return new Resources(cpuMillis - other.cpuMillis, memoryMb - other.memoryMb);
  }
}
