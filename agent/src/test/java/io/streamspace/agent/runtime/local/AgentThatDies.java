package io.streamspace.agent.runtime.local;

import io.streamspace.agent.runtime.RunningSession;
import io.streamspace.agent.runtime.SessionSpec;
import io.streamspace.agent.runtime.SessionSpec.Resources;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An agent in a JVM of its own, for a test to kill: it starts one xterm session and reports each
 * step on stdout ({@code running <vnc-port>}, then {@code hibernated} if asked to hibernate), then
 * waits. Arguments: data dir, the runtime's PATH, session id, {@code run} or {@code hibernate}, and
 * optionally the app's command (xterm if none).
 */
public final class AgentThatDies {

  public static void main(String[] args) throws InterruptedException {
    LocalRuntimeProperties defaults = LocalRuntimeProperties.defaults(Path.of(args[0]));
    LocalRuntime runtime =
        new LocalRuntime(
            new LocalRuntimeProperties(
                defaults.dataDir(),
                defaults.displayFrom(),
                defaults.displayTo(),
                defaults.screen(),
                defaults.startTimeout(),
                defaults.stopGrace(),
                defaults.niceness(),
                args[1]));
    String sessionId = args[2];
    List<String> app = args.length > 4 ? List.of(args).subList(4, args.length) : List.of("xterm");
    RunningSession session =
        runtime.start(new SessionSpec(sessionId, "alice", app, Map.of(), Resources.UNLIMITED));
    System.out.println("running " + session.vncPort());
    if (args[3].equals("hibernate")) {
      runtime.hibernate(sessionId);
      System.out.println("hibernated");
    }
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
