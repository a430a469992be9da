package io.streamspace.agent.runtime.local;

import io.streamspace.agent.runtime.RunningSession;
import io.streamspace.agent.runtime.SessionSpec;
import io.streamspace.agent.runtime.SessionSpec.Resources;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An agent in a JVM of its own that starts one xterm session, prints its VNC port ({@code vnc-port
 * <n>}), and waits.
 */
public final class AgentThatDies {

  public static void main(String[] args) throws InterruptedException {
    LocalRuntime runtime = new LocalRuntime(LocalRuntimeProperties.defaults(Path.of(args[0])));
    RunningSession session =
        runtime.start(
            new SessionSpec("orphan", "alice", List.of("xterm"), Map.of(), Resources.UNLIMITED));
    System.out.println("vnc-port " + session.vncPort());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
