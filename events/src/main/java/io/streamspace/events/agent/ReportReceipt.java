package io.streamspace.events.agent;

/**
 * The server recorded a report ({@code accepted}) or refused it for good with a reason (an unknown
 * session, another agent's session, a transition the session cannot make); either way the agent
 * need not send it again.
 */
public record ReportReceipt(boolean accepted, String reason) {

  public static ReportReceipt recorded() {
    return new ReportReceipt(true, null);
  }

  public static ReportReceipt refused(String reason) {
    return new ReportReceipt(false, reason);
  }
}
