package io.streamspace.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcessStatsTest {

  @Test
  void theUsedHeapIsReadFromTheHeapLineOfGcHeapInfo() {
    String g1 =
        """
        12345:
         garbage-first heap   total 1048576K, used 35431K [0x00000000c0000000, 0x0000000100000000)
          region size 1024K, 3 young (3072K), 0 survivors (0K)
         Metaspace       used 98765K, committed 99000K, reserved 1114112K
        """;

    assertThat(ProcessStats.parseHeapUsed(g1)).isEqualTo(35431L * 1024);
  }

  @Test
  void anAnswerWithoutAHeapLineIsAnError() {
    assertThatThrownBy(() -> ProcessStats.parseHeapUsed("12345:\nCommand not found"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void cpuTimeOfAProcessTreeCountsItsChildren() throws Exception {
    long self = ProcessHandle.current().pid();
    Process busy =
        new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done").start();
    busy.waitFor();
    // The reaped child's time is now in this JVM's cumulative times, which the tree counts.
    assertThat(ProcessStats.treeCpuTicks(self)).isGreaterThanOrEqualTo(ProcessStats.cpuTicks(self));
    assertThat(ProcessStats.treeCpuTicks(self) - ProcessStats.cpuTicks(self)).isPositive();
  }

  @Test
  void aProcessThatIsGoneHasNoCpuTime() {
    assertThat(ProcessStats.cpuTicks(Long.MAX_VALUE)).isZero();
    assertThat(ProcessStats.treeCpuTicks(Long.MAX_VALUE)).isZero();
  }
}
