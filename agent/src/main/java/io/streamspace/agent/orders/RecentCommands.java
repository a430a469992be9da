package io.streamspace.agent.orders;

import io.streamspace.events.agent.OrderReceipt;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The receipts of the most recent orders by command id, so an order the server re-sends (its
 * receipt was lost in a disconnect) is answered the same way and never carried out twice. Bounded:
 * the oldest ids are forgotten first.
 */
final class RecentCommands {

  private final Map<String, OrderReceipt> receipts;

  RecentCommands(int capacity) {
    this.receipts =
        new LinkedHashMap<>(16, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, OrderReceipt> eldest) {
            return size() > capacity;
          }
        };
  }

  /**
   * The earlier receipt for {@code commandId}, or the one {@code firstTime} gives, which it
   * remembers. {@code firstTime} runs at most once per remembered id.
   */
  synchronized OrderReceipt receiptFor(String commandId, Supplier<OrderReceipt> firstTime) {
    OrderReceipt earlier = receipts.get(commandId);
    if (earlier != null) {
      return earlier;
    }
    OrderReceipt receipt = firstTime.get();
    receipts.put(commandId, receipt);
    return receipt;
  }
}
