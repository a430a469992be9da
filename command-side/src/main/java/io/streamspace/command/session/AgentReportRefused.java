package io.streamspace.command.session;

/**
 * An agent's report the session cannot accept (another agent's session, a transition that does not
 * fit): the report is refused for good and changes nothing.
 */
public class AgentReportRefused extends RuntimeException {

  public AgentReportRefused(String message) {
    super(message, null, false, false);
  }
}
