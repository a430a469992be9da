import { QueryClient } from "@tanstack/react-query";
import { keys } from "../api/hooks";
import type { Page, SessionView } from "../api/types";
import { SseParser } from "./sse";
import { applyLiveMessage } from "./useLiveUpdates";

describe("Live updates", () => {
  it("parses events split across chunks, ignoring comments", () => {
    const parser = new SseParser();
    expect(parser.push(':keep-alive\n\nevent: session\ndata: {"id":')).toEqual([]);
    expect(parser.push('"s1"}\n\n')).toEqual([
      { event: "session", data: '{"id":"s1"}', id: undefined },
    ]);
  });

  it("puts a pushed session change into the cached list and the session", () => {
    const client = new QueryClient();
    client.setQueryData<Page<SessionView>>([...keys.sessions, "all"], {
      items: [
        { id: "s1", status: "pending" },
        { id: "s2", status: "running" },
      ],
    });

    applyLiveMessage(client, {
      event: "session",
      data: JSON.stringify({ id: "s1", status: "running" }),
    });

    const page = client.getQueryData<Page<SessionView>>([...keys.sessions, "all"]);
    expect(page?.items?.map((s) => s.status)).toEqual(["running", "running"]);
    expect(client.getQueryData<SessionView>(keys.session("s1"))?.status).toBe("running");
  });

  it("refetches the list when a session it does not hold yet changes", () => {
    const client = new QueryClient();
    client.setQueryData<Page<SessionView>>([...keys.sessions, "all"], { items: [] });

    applyLiveMessage(client, {
      event: "session",
      data: JSON.stringify({ id: "new", status: "pending" }),
    });

    expect(client.getQueryState([...keys.sessions, "all"])?.isInvalidated).toBe(true);
  });
});
