package io.streamspace.agent;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Shows a configuration problem as its one line, not as a stack trace. */
class AgentConfigurationFailureAnalyzer
    extends AbstractFailureAnalyzer<AgentConfigurationException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, AgentConfigurationException cause) {
    return new FailureAnalysis(
        cause.getMessage(), "Fix the agent's settings (./streamspace agent --help).", cause);
  }
}
