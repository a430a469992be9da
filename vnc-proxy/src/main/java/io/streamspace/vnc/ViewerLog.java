package io.streamspace.vnc;

import reactor.core.publisher.Mono;

/**
 * Records viewers as session events ({@code ViewerConnected}, {@code ViewerDisconnected}): the
 * audit trail of who watched what, and the idle detection's input.
 */
public interface ViewerLog {

  /** Records the viewer; fails (and the tunnel is not opened) when the session refuses it. */
  Mono<Void> connected(Viewer viewer);

  /** Records that the viewer's tunnel closed, for {@code reason}. */
  Mono<Void> disconnected(Viewer viewer, String reason);
}
