import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { fakeApi, renderAt } from "../test/render";
import { SessionsPage } from "./SessionsPage";

const sessions = [
  {
    id: "s-run",
    template_name: "xterm",
    template_id: "t1",
    status: "running",
    created_at: new Date().toISOString(),
    resources: { cpu_millis: 1000, memory_mb: 1024 },
  },
  {
    id: "s-wait",
    template_name: "xeyes",
    template_id: "t2",
    status: "pending",
    status_reason: "no agent is connected",
    created_at: new Date().toISOString(),
  },
  {
    id: "s-fail",
    template_name: "xcalc",
    template_id: "t3",
    status: "failed",
    status_reason: "the application exited with code 1",
    created_at: "2026-01-01T00:00:00Z",
  },
];

describe("My sessions", () => {
  it("shows each session with its status and why it is pending or failed", async () => {
    fakeApi({
      "GET /api/v1/sessions": () => ({ body: { items: sessions } }),
      "GET /api/v1/templates": () => ({ body: { items: [] } }),
    });
    renderAt(<SessionsPage />);

    const running = await screen.findByRole("article", { name: "xterm session" });
    expect(within(running).getByLabelText("Status: Running")).toBeInTheDocument();
    expect(within(running).getByRole("link", { name: /connect/i })).toHaveAttribute(
      "href",
      "/sessions/s-run/desktop",
    );
    const waiting = screen.getByRole("article", { name: "xeyes session" });
    expect(waiting).toHaveTextContent("Waiting: no agent is connected");
    const failed = screen.getByRole("article", { name: "xcalc session" });
    expect(failed).toHaveTextContent("Failed: the application exited with code 1");
    expect(within(failed).queryByRole("button", { name: /stop/i })).not.toBeInTheDocument();
  });

  it("hibernates a running session through the API", async () => {
    const { calls } = fakeApi({
      "GET /api/v1/sessions": () => ({ body: { items: sessions.slice(0, 1) } }),
      "GET /api/v1/templates": () => ({ body: { items: [] } }),
      "POST /api/v1/sessions/s-run/hibernate": () => ({
        status: 202,
        body: { id: "s-run", status: "running" },
      }),
    });
    renderAt(<SessionsPage />);

    await userEvent.click(await screen.findByRole("button", { name: /hibernate/i }));

    await waitFor(() =>
      expect(calls.some((c) => c.method === "POST" && c.url.endsWith("/s-run/hibernate"))).toBe(
        true,
      ),
    );
    const post = calls.find((c) => c.method === "POST");
    expect(post?.headers.get("Idempotency-Key")).toBeTruthy();
  });

  it("shows the problem detail when the list cannot be read", async () => {
    fakeApi({
      "GET /api/v1/sessions": () => ({
        status: 503,
        body: { title: "Service Unavailable", status: 503, detail: "the database is unreachable" },
      }),
      "GET /api/v1/templates": () => ({ body: { items: [] } }),
    });
    renderAt(<SessionsPage />);

    expect(await screen.findByText("the database is unreachable")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: /retry/i })).toBeInTheDocument();
  });

  it("invites to the catalog when there is no session", async () => {
    fakeApi({
      "GET /api/v1/sessions": () => ({ body: { items: [] } }),
      "GET /api/v1/templates": () => ({ body: { items: [] } }),
    });
    renderAt(<SessionsPage />);

    expect(await screen.findByText("You have no sessions yet.")).toBeInTheDocument();
  });
});
