package io.streamspace.events.session;

/**
 * A command the platform itself addresses to a session while placing and running it (placement,
 * agent reports); no user asks for these, so they carry no requester.
 */
public sealed interface PlatformSessionCommand
    permits AssignSession, RecordSessionWaiting, ReportSessionStatus {
  String sessionId();
}
