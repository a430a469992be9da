package io.streamspace.events.session;

/**
 * The events of the session aggregate, one per lifecycle transition. Who caused each one and when
 * travels in the event's metadata and timestamp; why is in the payload.
 */
public sealed interface SessionEvent
    permits SessionCreated,
        SessionStarting,
        SessionRunning,
        SessionHibernated,
        SessionResumed,
        SessionStopped,
        SessionFailed,
        SessionAssigned,
        SessionWaiting,
        AgentOrderIssued,
        AgentOrderCompleted,
        ViewerConnected,
        ViewerDisconnected {
  String sessionId();

  String organizationId();

  /** The status the session is in after this event. */
  SessionStatus status();
}
