package io.streamspace.events.session;

import io.streamspace.events.common.Requester;

/** A command addressed to one session. */
public sealed interface SessionCommand
    permits CreateSession,
        MarkSessionStarting,
        MarkSessionRunning,
        HibernateSession,
        ResumeSession,
        StopSession,
        FailSession,
        ConnectViewer,
        DisconnectViewer {
  String sessionId();

  Requester requester();
}
