import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { fakeApi, renderAt } from "../test/render";
import { HistoryPage } from "./HistoryPage";
import { stateAfter } from "./sessionState";
import type { SessionEventEntry } from "../api/types";

const events = [
  {
    sequence: 0,
    type: "SessionCreated",
    occurred_at: "2026-11-25T10:00:00Z",
    actor_id: "ada",
    payload: {
      session_id: "s1",
      template: { name: "xterm" },
      resources: { cpu_millis: 500, memory_mb: 512 },
    },
  },
  {
    sequence: 1,
    type: "SessionWaiting",
    occurred_at: "2026-11-25T10:00:01Z",
    payload: { session_id: "s1", reason: "no agent is connected" },
  },
  {
    sequence: 2,
    type: "SessionRunning",
    occurred_at: "2026-11-25T10:00:05Z",
    payload: { session_id: "s1", status: "running" },
  },
  {
    sequence: 3,
    type: "SessionStopped",
    occurred_at: "2026-11-25T10:30:00Z",
    actor_id: "ada",
    payload: { session_id: "s1", status: "stopped", reason: "stopped by its user" },
  },
] as unknown as SessionEventEntry[];

describe("Session history", () => {
  it("folds the events into the state after each one", () => {
    expect(stateAfter(events, 0)).toMatchObject({
      status: "pending",
      template: "xterm",
      reason: null,
    });
    expect(stateAfter(events, 1)).toMatchObject({
      status: "pending",
      reason: "no agent is connected",
    });
    expect(stateAfter(events, 2)).toMatchObject({ status: "running", reason: null });
    expect(stateAfter(events, 3)).toMatchObject({
      status: "stopped",
      reason: "stopped by its user",
    });
  });

  it("shows why a session waits from its creation on", () => {
    const createdWaiting = [
      {
        sequence: 0,
        type: "SessionCreated",
        occurred_at: "2026-11-27T10:00:00Z",
        actor_id: "ada",
        payload: {
          session_id: "s2",
          template: { name: "xterm" },
          waiting_reason: "waiting for an agent: none is connected",
        },
      },
    ] as unknown as SessionEventEntry[];

    expect(stateAfter(createdWaiting, 0)).toMatchObject({
      status: "pending",
      reason: "waiting for an agent: none is connected",
    });
  });

  it("steps back through the timeline and shows the state at that event", async () => {
    fakeApi({ "GET /api/v1/sessions/s1/events": () => ({ body: { items: events } }) });
    renderAt(<HistoryPage />, "/sessions/s1/history", "/sessions/:id/history");

    expect(await screen.findByText("State after event 4 of 4")).toBeInTheDocument();
    expect(screen.getByLabelText("Status: Stopped")).toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: /2\. session waiting/i }));
    expect(screen.getByText("State after event 2 of 4")).toBeInTheDocument();
    expect(screen.getByText("no agent is connected")).toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: /later/i }));
    expect(screen.getByLabelText("Status: Running")).toBeInTheDocument();
  });
});
