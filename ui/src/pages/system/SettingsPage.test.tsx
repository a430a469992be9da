import { screen, within } from "@testing-library/react";
import { fakeApi, renderAt } from "../../test/render";
import { SettingsPage } from "./SettingsPage";
import { duration } from "../../components/format";

const settings = {
  sign_in: {
    password_login: true,
    token_lifetime_seconds: 3600,
    max_failures_per_username: 5,
    max_failures_per_address: 50,
    first_lockout_seconds: 60,
    api_key_max_lifetime_seconds: 31_536_000,
    providers: [
      {
        id: "corp",
        display_name: "Corporate SSO",
        issuer: "https://sso.example.com/realms/corp",
        client_id: "streamspace",
        organization: "acme",
      },
    ],
  },
  sessions: {
    idle_hibernate_after_seconds: 3600,
    idle_stop_after_seconds: 86_400,
    pending_timeout_seconds: 300,
    starting_timeout_seconds: 120,
  },
  vnc: {
    token_lifetime_seconds: 3600,
    max_tunnels_per_session: 8,
    max_message_bytes: 65_536,
    allowed_origins: ["https://portal.example.com"],
  },
  rate_limits: {
    enforced: false,
    enabled: true,
    redis_configured: false,
    per_user: { capacity: 200, refill_per_second: 20 },
    per_organization: { capacity: 1000, refill_per_second: 100 },
    per_ip: { capacity: 300, refill_per_second: 30 },
  },
  agents: {
    heartbeat_interval_seconds: 10,
    missed_heartbeats: 3,
    silence_limit_seconds: 30,
    local_agent_token_kept: true,
    local_agent_runs: true,
    local_agent_id: "local",
  },
};

/** One area of the screen: the section its heading names. */
function area(title: string): HTMLElement {
  const section = screen.getByText(title, { selector: "h2" }).closest("section");
  expect(section).toHaveAttribute("aria-labelledby");
  return section as HTMLElement;
}

describe("System settings", () => {
  it("shows each area's effective values with the property behind them", async () => {
    fakeApi({ "GET /api/v1/admin/settings": () => ({ body: settings }) });
    renderAt(<SettingsPage />);

    await screen.findByText("Sessions", { selector: "h2" });
    const sessions = area("Sessions");
    expect(within(sessions).getByText("1 h")).toBeInTheDocument();
    expect(within(sessions).getByText("5 min")).toBeInTheDocument();
    const vnc = area("Desktop (VNC)");
    expect(within(vnc).getByText("8")).toBeInTheDocument();
    expect(within(vnc).getByText("https://portal.example.com")).toBeInTheDocument();
    expect(within(vnc).getByText("streamspace.vnc.token-lifetime")).toBeInTheDocument();
    const signIn = area("Sign-in");
    expect(within(signIn).getByText("Corporate SSO")).toBeInTheDocument();
    expect(
      within(signIn).getByText(/https:\/\/sso\.example\.com\/realms\/corp/),
    ).toBeInTheDocument();
    const limits = area("Rate limits");
    expect(
      within(limits).getByText("Not configured (no limits on one replica)"),
    ).toBeInTheDocument();
    expect(within(limits).getByText("bursts of 200, 20 / s")).toBeInTheDocument();
    const agents = area("Runtime and agents");
    expect(within(agents).getByText("30 s (3 missed)")).toBeInTheDocument();
    expect(within(agents).getByText("Yes (local)")).toBeInTheDocument();
  });

  it("says so when no single sign-on provider is configured", async () => {
    fakeApi({
      "GET /api/v1/admin/settings": () => ({
        body: { ...settings, sign_in: { ...settings.sign_in, providers: [] } },
      }),
    });
    renderAt(<SettingsPage />);

    expect(
      await screen.findByText("None configured: people sign in with a username and password."),
    ).toBeInTheDocument();
  });

  it("shows the API's problem when the caller may not read them", async () => {
    fakeApi({
      "GET /api/v1/admin/settings": () => ({
        status: 403,
        body: { title: "Forbidden", status: 403, detail: "this needs the system_admin role" },
      }),
    });
    renderAt(<SettingsPage />);

    expect(await screen.findByText("this needs the system_admin role")).toBeInTheDocument();
  });
});

describe("duration", () => {
  it("says a length in the largest unit that is exact", () => {
    expect(duration(86_400)).toBe("1 d");
    expect(duration(5_400)).toBe("90 min");
    expect(duration(45)).toBe("45 s");
    expect(duration(undefined)).toBe("—");
  });
});
