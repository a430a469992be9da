package io.streamspace.bench;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * When each acknowledged command of a phase was sent and how long it took, so that a tail can be
 * told apart: commands slow together in one second are a stall of the server or the host, slow ones
 * spread over the phase are a queue. Each worker owns its own, like {@link Samples}.
 */
public final class Timeline {

  private long[] sentAt = new long[1024];
  private long[] latency = new long[1024];
  private int size;

  /**
   * @param sentAtNanos when the command's slot began, from the start of the phase
   * @param latencyNanos how long it took from its slot to its answer
   */
  public void add(long sentAtNanos, long latencyNanos) {
    if (size == sentAt.length) {
      sentAt = Arrays.copyOf(sentAt, size * 2);
      latency = Arrays.copyOf(latency, size * 2);
    }
    sentAt[size] = sentAtNanos;
    latency[size] = latencyNanos;
    size++;
  }

  public int size() {
    return size;
  }

  /** The union of several workers' timelines. */
  public static Timeline merge(Collection<Timeline> all) {
    Timeline merged = new Timeline();
    for (Timeline timeline : all) {
      for (int i = 0; i < timeline.size; i++) {
        merged.add(timeline.sentAt[i], timeline.latency[i]);
      }
    }
    return merged;
  }

  /**
   * Commands slower than {@code thresholdMillis}, counted by the second of the phase they were sent
   * in.
   */
  public SlowSeconds slowerThan(double thresholdMillis) {
    long threshold = (long) (thresholdMillis * 1_000_000);
    Map<Integer, Integer> bySecond = new TreeMap<>();
    int slow = 0;
    for (int i = 0; i < size; i++) {
      if (latency[i] > threshold) {
        slow++;
        bySecond.merge((int) (sentAt[i] / 1_000_000_000L), 1, Integer::sum);
      }
    }
    return new SlowSeconds(thresholdMillis, slow, size, bySecond);
  }

  /**
   * The slow commands of a phase by second.
   *
   * @param bySecond second of the phase (from 0) to how many slow commands were sent in it
   */
  public record SlowSeconds(
      double thresholdMillis, int slow, int total, Map<Integer, Integer> bySecond) {

    /** The {@code n} seconds with the most slow commands, most first, earlier first on a tie. */
    public List<Map.Entry<Integer, Integer>> worst(int n) {
      return bySecond.entrySet().stream()
          .sorted(
              Map.Entry.<Integer, Integer>comparingByValue(Comparator.reverseOrder())
                  .thenComparing(Map.Entry.comparingByKey()))
          .limit(n)
          .collect(Collectors.toList());
    }

    /** The share of the slow commands that the {@code n} worst seconds hold. */
    public double shareOfWorst(int n) {
      return slow == 0 ? 0 : worst(n).stream().mapToInt(Map.Entry::getValue).sum() / (double) slow;
    }
  }
}
