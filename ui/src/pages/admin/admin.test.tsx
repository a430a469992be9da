import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { fakeApi, renderAt } from "../../test/render";
import { ApiKeysPage } from "./ApiKeysPage";
import { UsersPage } from "./UsersPage";
import type { Identity } from "../../api/auth";

const admin: Identity = {
  userId: "u1",
  organizationId: "o1",
  role: "org_admin",
  username: "ada",
  expiresAt: Date.now() + 3_600_000,
};
import { auditCsv } from "./audit";
import { ProjectionsPage, progress } from "../system/ProjectionsPage";

describe("API keys", () => {
  it("says keys are not available when the server has no API keys yet", async () => {
    fakeApi({});
    renderAt(<ApiKeysPage />);

    expect(
      await screen.findByText("API keys are not available on this server yet."),
    ).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "New key" })).toBeDisabled();
  });

  it("shows a new key's secret once", async () => {
    let posted: unknown;
    fakeApi({
      "GET /api/v1/api-keys": () => ({ body: { items: [] } }),
      "POST /api/v1/api-keys": ({ body }) => {
        posted = body;
        return {
          status: 201,
          body: { id: "k1", name: "ci", prefix: "ssk_ab", key: "ssk_ab.very-secret" },
        };
      },
    });
    renderAt(<ApiKeysPage />);

    await userEvent.click(await screen.findByRole("button", { name: "New key" }));
    await userEvent.type(screen.getByLabelText(/name/i), "ci");
    await userEvent.click(screen.getByRole("button", { name: "Create" }));

    expect(await screen.findByTestId("api-key-secret")).toHaveTextContent("ssk_ab.very-secret");
    expect(posted).toMatchObject({ name: "ci", scope: "user" });
    const expires = Date.parse((posted as { expires_at: string }).expires_at);
    expect(expires - Date.now()).toBeGreaterThan(89 * 86_400_000);
    await userEvent.click(screen.getByRole("button", { name: "Done" }));
    expect(screen.queryByText("ssk_ab.very-secret")).not.toBeInTheDocument();
  });
});

describe("Audit export", () => {
  it("quotes fields that hold commas, quotes or line breaks", () => {
    const csv = auditCsv([
      {
        position: 7,
        event_type: "UserRegistered",
        actor_id: "ada",
        user_agent: 'curl "8", x',
        payload: { a: 1 },
      },
    ]);
    const [header, row] = csv.split("\r\n");
    expect(header).toContain("position,occurred_at,event_type");
    expect(row).toBe('7,,UserRegistered,,,ada,,,,"curl ""8"", x",,"{""a"":1}"');
  });
});

describe("Projections", () => {
  it("measures progress by the slowest segment against the head", () => {
    expect(progress({ head_position: 200, segments: [{ position: 200 }, { position: 50 }] })).toBe(
      25,
    );
    expect(progress({ head_position: 0, segments: [] })).toBe(100);
  });

  it("replays a projection on request", async () => {
    const { calls } = fakeApi({
      "GET /api/v1/admin/projections": () => ({
        body: {
          items: [
            { name: "sessions", state: "running", head_position: 10, segments: [{ position: 10 }] },
          ],
        },
      }),
      "POST /api/v1/admin/projections/sessions/replay": () => ({
        status: 202,
        body: { name: "sessions", state: "replaying" },
      }),
    });
    renderAt(<ProjectionsPage />);

    await userEvent.click(await screen.findByRole("button", { name: "Replay sessions" }));

    expect(calls.some((c) => c.method === "POST" && c.url.endsWith("/sessions/replay"))).toBe(true);
  });
});

describe("Users", () => {
  it("shows a new user at once, before the read model has caught up", async () => {
    fakeApi({
      "GET /api/v1/users": () => ({ body: { items: [] } }),
      "POST /api/v1/users": ({ body }) => ({
        status: 201,
        body: { id: "u9", ...(body as object), organization_id: "o1" },
      }),
    });
    renderAt(<UsersPage identity={admin} />);

    await screen.findByText("Nothing here yet.");
    await userEvent.click(screen.getByRole("button", { name: "New user" }));
    await userEvent.type(screen.getByLabelText(/username/i), "grace");
    await userEvent.type(screen.getByLabelText(/initial password/i), "a-long-password");
    await userEvent.click(screen.getByRole("button", { name: "Create user" }));

    expect(await screen.findByRole("cell", { name: "grace" })).toBeInTheDocument();
  });
});
