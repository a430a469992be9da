package io.streamspace.agent.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage figures come from /proc: CPU over the last interval, memory in use, load average. */
class MachineUsageTest {

  @TempDir Path proc;

  @Test
  void cpuIsTheBusyShareOfTheIntervalAcrossAllCoresAndMemoryIsTotalMinusAvailable()
      throws Exception {
    // user nice system idle iowait irq softirq steal
    Files.writeString(proc.resolve("stat"), "cpu  100 0 100 700 100 0 0 0 0 0\ncpu0 1 2 3\n");
    Files.writeString(
        proc.resolve("meminfo"),
        "MemTotal:        8192000 kB\nMemFree:  100 kB\nMemAvailable:    6144000 kB\n");
    Files.writeString(proc.resolve("loadavg"), "1.25 0.80 0.50 2/345 6789\n");
    MachineUsage usage = new MachineUsage(proc, 4);
    // 1000 jiffies later: 300 busy, 600 idle, 100 iowait
    Files.writeString(proc.resolve("stat"), "cpu  250 0 250 1300 200 0 0 0 0 0\n");

    MachineUsage.Sample sample = usage.sample();

    assertThat(sample.cpuMillisUsed()).isEqualTo(1200); // 30 % of 4 cores
    assertThat(sample.memoryMbUsed()).isEqualTo(2000);
    assertThat(sample.loadAverage()).isEqualTo(1.25);
    assertThat(usage.totalMemoryMb()).isEqualTo(8000);
  }

  @Test
  void withoutProcEveryFigureIsZero() {
    MachineUsage usage = new MachineUsage(proc.resolve("missing"), 2);

    assertThat(usage.sample()).isEqualTo(new MachineUsage.Sample(0, 0, 0));
    assertThat(usage.totalMemoryMb()).isZero();
  }

  @Test
  void thisMachinesProcGivesPlausibleFigures() throws Exception {
    MachineUsage usage = new MachineUsage();
    Thread.sleep(100);

    MachineUsage.Sample sample = usage.sample();

    assertThat(usage.totalMemoryMb()).isPositive();
    assertThat(sample.memoryMbUsed()).isBetween(1, usage.totalMemoryMb());
    assertThat(sample.cpuMillisUsed())
        .isBetween(0, Runtime.getRuntime().availableProcessors() * 1000);
    assertThat(sample.loadAverage()).isNotNegative();
  }
}
