package io.streamspace.query.live;

import io.streamspace.events.session.SessionAssigned;
import io.streamspace.events.session.SessionCreated;
import io.streamspace.events.session.SessionFailed;
import io.streamspace.events.session.SessionHibernated;
import io.streamspace.events.session.SessionResumed;
import io.streamspace.events.session.SessionRunning;
import io.streamspace.events.session.SessionStarting;
import io.streamspace.events.session.SessionStopped;
import io.streamspace.events.session.SessionWaiting;
import io.streamspace.query.projection.ProjectionGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Announces every change of {@code session_view}. It runs in the {@code sessions} processor, beside
 * {@code SessionProjection}, so its notice commits with the projection's row: whichever replica
 * holds the segment announces, and every replica hears it. A replay rebuilds history that browsers
 * already saw, so it announces nothing.
 */
@Component
@ProcessingGroup(ProjectionGroups.SESSIONS)
@DisallowReplay
public class SessionChangeNotifier {

  private final LiveNotices notices;

  public SessionChangeNotifier(LiveNotices notices) {
    this.notices = notices;
  }

  @EventHandler
  void on(SessionCreated event) {
    changed(event.sessionId());
  }

  @EventHandler
  void on(SessionAssigned event) {
    changed(event.sessionId());
  }

  @EventHandler
  void on(SessionWaiting event) {
    changed(event.sessionId());
  }

  @EventHandler
  void on(SessionStarting event) {
    changed(event.sessionId());
  }

  @EventHandler
  void on(SessionRunning event) {
    changed(event.sessionId());
  }

  @EventHandler
  void on(SessionHibernated event) {
    changed(event.sessionId());
  }

  @EventHandler
  void on(SessionResumed event) {
    changed(event.sessionId());
  }

  @EventHandler
  void on(SessionStopped event) {
    changed(event.sessionId());
  }

  @EventHandler
  void on(SessionFailed event) {
    changed(event.sessionId());
  }

  private void changed(String sessionId) {
    notices.announce(new LiveChange(LiveChange.SESSION, sessionId));
  }
}
