import { useEffect, useState } from "react";
import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { storedToken } from "../api/auth";
import { keys } from "../api/hooks";
import type { AgentView, Page, SessionView } from "../api/types";
import { SseParser, type SseMessage } from "./sse";

export type LiveState = "connecting" | "live" | "offline";

/** Applies one pushed change to the cached server state. */
export function applyLiveMessage(client: QueryClient, message: SseMessage): void {
  if (message.event === "session") {
    const session = JSON.parse(message.data) as SessionView;
    if (!session.id) return;
    client.setQueryData<SessionView>(keys.session(session.id), session);
    // A list read already under way may have left the server before this change committed: when it
    // lands it would put the older row back over this one, and nothing would correct it.
    const listReadUnderWay = client.isFetching({ queryKey: keys.sessions }) > 0;
    let known = false;
    client.setQueriesData<Page<SessionView>>({ queryKey: keys.sessions }, (page) => {
      if (!page) return page;
      const items = (page.items ?? []).map((item) => {
        if (item.id !== session.id) return item;
        known = true;
        return session;
      });
      return { ...page, items };
    });
    // A session no list holds yet: the lists read again, each with its own filter. A read under way
    // is cancelled and made again, after this change.
    if (!known || listReadUnderWay) void client.invalidateQueries({ queryKey: keys.sessions });
    void client.invalidateQueries({ queryKey: keys.sessionEvents(session.id) });
    void client.invalidateQueries({ queryKey: keys.organizations });
  } else if (message.event === "agent") {
    const agent = JSON.parse(message.data) as AgentView;
    let known = false;
    client.setQueriesData<Page<AgentView>>({ queryKey: keys.agents }, (page) => {
      if (!page) return page;
      const items = (page.items ?? []).map((item) => {
        if (item.id !== agent.id) return item;
        known = true;
        return agent;
      });
      return { ...page, items };
    });
    // A new agent: read the list again (it is sorted and paged by the server).
    if (!known) void client.invalidateQueries({ queryKey: keys.agents });
  } else if (message.event === "resync") {
    // The server's listener reconnected and may have missed changes: read everything again.
    void client.invalidateQueries();
  }
}

/**
 * Subscribes to `GET /api/v1/live` while signed in. EventSource cannot send an Authorization
 * header, so the stream is read with fetch; it reconnects with a growing pause and refetches what
 * it may have missed meanwhile.
 */
export function useLiveUpdates(enabled: boolean): LiveState {
  const client = useQueryClient();
  const [state, setState] = useState<LiveState>("connecting");

  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    let controller: AbortController | null = null;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const connect = async () => {
      controller = new AbortController();
      setState("connecting");
      try {
        const token = storedToken();
        const response = await fetch("/api/v1/live", {
          headers: {
            Accept: "text/event-stream",
            ...(token ? { Authorization: `Bearer ${token}` } : {}),
          },
          signal: controller.signal,
        });
        if (!response.ok || !response.body) throw new Error(`live stream: ${response.status}`);
        setState("live");
        if (attempt > 0) void client.invalidateQueries();
        attempt = 0;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        const parser = new SseParser();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          for (const message of parser.push(value)) applyLiveMessage(client, message);
        }
      } catch {
        // Dropped or refused: try again below.
      }
      if (stopped) return;
      setState("offline");
      attempt += 1;
      timer = setTimeout(connect, Math.min(30_000, 1_000 * 2 ** Math.min(attempt, 5)));
    };
    void connect();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      controller?.abort();
    };
  }, [enabled, client]);

  return enabled ? state : "offline";
}
