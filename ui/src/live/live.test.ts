import { QueryClient, QueryObserver } from "@tanstack/react-query";
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

  it("reads the list again when a read under way would put an older row back", async () => {
    const client = new QueryClient();
    const listKey = [...keys.sessions, "all"];
    const reads: Array<(page: Page<SessionView>) => void> = [];
    const observer = new QueryObserver<Page<SessionView>>(client, {
      queryKey: listKey,
      queryFn: () => new Promise<Page<SessionView>>((resolve) => reads.push(resolve)),
    });
    const answer = (n: number, page: Page<SessionView>) => {
      const resolve = reads[n];
      if (!resolve) throw new Error(`no read ${n} was made`);
      resolve(page);
    };
    const seen: Array<string | undefined> = [];
    const unsubscribe = observer.subscribe((result) => seen.push(result.data?.items?.[0]?.status));
    answer(0, { items: [{ id: "s1", status: "running" }] });
    await vi.waitFor(() => expect(seen).toContain("running"));

    // the hibernate's answer invalidates the list: a read leaves before the change commits
    void client.invalidateQueries({ queryKey: keys.sessions });
    expect(reads).toHaveLength(2);
    applyLiveMessage(client, {
      event: "session",
      data: JSON.stringify({ id: "s1", status: "hibernated" }),
    });
    // the stale read answers with the row as it was before the change, the new one after it
    answer(1, { items: [{ id: "s1", status: "running" }] });
    expect(reads).toHaveLength(3);
    answer(2, { items: [{ id: "s1", status: "hibernated" }] });
    await vi.waitFor(() => expect(client.isFetching()).toBe(0));

    expect(client.getQueryData<Page<SessionView>>(listKey)?.items?.[0]?.status).toBe("hibernated");
    unsubscribe();
  });
});
