package io.streamspace.events.agent;

/**
 * The agent holds the order and will carry it out (its outcome comes later as a {@link
 * SessionReport}), or refuses it with a reason.
 */
public record OrderReceipt(String commandId, boolean accepted, String reason) {

  public static OrderReceipt accepted(String commandId) {
    return new OrderReceipt(commandId, true, null);
  }

  public static OrderReceipt refused(String commandId, String reason) {
    return new OrderReceipt(commandId, false, reason);
  }
}
