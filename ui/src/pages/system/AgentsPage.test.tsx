import { act, screen } from "@testing-library/react";
import { fakeApi, renderAt } from "../../test/render";
import { applyLiveMessage } from "../../live/useLiveUpdates";
import { AgentsPage } from "./AgentsPage";

const local = {
  id: "local",
  backend: "local",
  state: "connected",
  version: "0.1.0",
  capacity: { sessions: 4, cpu_millis: 4000, memory_mb: 8192 },
  load: { sessions: 0 },
  heartbeat_age_seconds: 2,
};

describe("Agents", () => {
  it("shows an agent's disconnect as the live stream pushes it, without reading the list again", async () => {
    const { calls } = fakeApi({ "GET /api/v1/agents": () => ({ body: { items: [local] } }) });
    const { client } = renderAt(<AgentsPage />);
    expect(await screen.findByText("connected")).toBeInTheDocument();
    const reads = calls.length;

    act(() =>
      applyLiveMessage(client, {
        event: "agent",
        data: JSON.stringify({ ...local, state: "disconnected", disconnect_reason: "closed" }),
      }),
    );

    expect(await screen.findByText("disconnected")).toBeInTheDocument();
    expect(calls.length).toBe(reads);
  });

  it("reads the list again when an agent it does not show yet registers", async () => {
    let agents = [local];
    fakeApi({ "GET /api/v1/agents": () => ({ body: { items: agents } }) });
    const { client } = renderAt(<AgentsPage />);
    await screen.findByText("connected");
    const newcomer = { ...local, id: "site-b" };
    agents = [local, newcomer];

    act(() => applyLiveMessage(client, { event: "agent", data: JSON.stringify(newcomer) }));

    expect(await screen.findByText("site-b")).toBeInTheDocument();
  });
});
