package io.streamspace.bench;

import java.util.Arrays;
import java.util.Collection;

/**
 * Durations in nanoseconds recorded by one thread. Each worker owns its own so that recording costs
 * no synchronisation; {@link #merge} combines them once a phase is over.
 */
public final class Samples {

  private long[] values = new long[1024];
  private int size;

  public void add(long nanos) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = nanos;
  }

  public int size() {
    return size;
  }

  /** The sorted union of several threads' samples. */
  public static Distribution merge(Collection<Samples> all) {
    int total = all.stream().mapToInt(Samples::size).sum();
    long[] merged = new long[total];
    int at = 0;
    for (Samples samples : all) {
      System.arraycopy(samples.values, 0, merged, at, samples.size);
      at += samples.size;
    }
    Arrays.sort(merged);
    return new Distribution(merged);
  }

  /** Sorted samples, read by nearest-rank percentiles (no histogram buckets, so no rounding). */
  public record Distribution(long[] sorted) {

    public int count() {
      return sorted.length;
    }

    /**
     * The smallest sample that at least {@code percent}% of the samples do not exceed; NaN when
     * there are none.
     */
    public double percentileMillis(double percent) {
      if (sorted.length == 0) {
        return Double.NaN;
      }
      int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
      return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)] / 1_000_000.0;
    }

    public double maxMillis() {
      return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1_000_000.0;
    }
  }
}
