package io.streamspace.agent.connection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What this machine uses right now, read from Linux's {@code /proc}: CPU over the time since the
 * previous reading ({@code /proc/stat}), memory in use ({@code MemTotal - MemAvailable} of {@code
 * /proc/meminfo}) and the one-minute load average ({@code /proc/loadavg}). Where {@code /proc} is
 * missing, every figure is 0 rather than an error: a heartbeat matters more than its figures.
 */
public final class MachineUsage {

  /** One reading. */
  public record Sample(int cpuMillisUsed, int memoryMbUsed, double loadAverage) {}

  private final Path proc;
  private final int cores;
  private long previousTotal;
  private long previousIdle;

  public MachineUsage() {
    this(Path.of("/proc"), Runtime.getRuntime().availableProcessors());
  }

  MachineUsage(Path proc, int cores) {
    this.proc = proc;
    this.cores = cores;
    long[] cpu = cpuTimes();
    previousTotal = cpu[0];
    previousIdle = cpu[1];
  }

  /** Reads the machine now; CPU is averaged over the time since the previous call. */
  public synchronized Sample sample() {
    long[] cpu = cpuTimes();
    long total = cpu[0] - previousTotal;
    long idle = cpu[1] - previousIdle;
    previousTotal = cpu[0];
    previousIdle = cpu[1];
    int cpuMillis = total <= 0 ? 0 : (int) Math.round(1000.0 * cores * (total - idle) / total);
    return new Sample(Math.max(0, cpuMillis), memoryMbUsed(), loadAverage());
  }

  /** The machine's memory in MiB ({@code MemTotal}), or 0 when unknown. */
  public int totalMemoryMb() {
    return (int) (meminfoKb("MemTotal") / 1024);
  }

  private int memoryMbUsed() {
    long total = meminfoKb("MemTotal");
    long available = meminfoKb("MemAvailable");
    return total <= 0 || available < 0 ? 0 : (int) ((total - available) / 1024);
  }

  private double loadAverage() {
    try {
      String[] fields = Files.readString(proc.resolve("loadavg")).trim().split("\\s+");
      return Double.parseDouble(fields[0]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** Total and idle (idle + iowait) jiffies of all CPUs, from the first line of /proc/stat. */
  private long[] cpuTimes() {
    try {
      for (String line : Files.readAllLines(proc.resolve("stat"))) {
        if (line.startsWith("cpu ")) {
          String[] f = line.trim().split("\\s+");
          long total = 0;
          // user nice system idle iowait irq softirq steal; guest time is already in user/nice.
          for (int i = 1; i < Math.min(f.length, 9); i++) {
            total += Long.parseLong(f[i]);
          }
          long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
          return new long[] {total, idle};
        }
      }
    } catch (IOException | RuntimeException e) {
      // no /proc: report no CPU use
    }
    return new long[] {0, 0};
  }

  private long meminfoKb(String key) {
    try {
      List<String> lines = Files.readAllLines(proc.resolve("meminfo"));
      for (String line : lines) {
        if (line.startsWith(key + ":")) {
          return Long.parseLong(line.substring(key.length() + 1).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // no /proc: unknown
    }
    return -1;
  }
}
