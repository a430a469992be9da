import type { ReactNode } from "react";
import { Alert, Box, Chip, Paper, Stack, Typography } from "@mui/material";
import { useSettings } from "../../api/hooks";
import type { PlatformSettings } from "../../api/types";
import { PageHeader } from "../../components/Layout";
import { QueryState } from "../../components/QueryState";
import { duration } from "../../components/format";

interface Setting {
  label: string;
  value: ReactNode;
  /** The property that sets it, so an operator knows what to change. */
  property: string;
}

function yesNo(value: boolean | undefined, yes = "On", no = "Off") {
  return (
    <Chip
      size="small"
      label={value ? yes : no}
      color={value ? "success" : "default"}
      variant="outlined"
    />
  );
}

function bucket(b: { capacity?: number; refill_per_second?: number } | undefined): string {
  if (!b) return "—";
  return `bursts of ${b.capacity}, ${b.refill_per_second} / s`;
}

/** One area's settings as a description list: name, value, and the property behind it. */
function Area({
  title,
  id,
  settings,
  children,
}: {
  title: string;
  id: string;
  settings: Setting[];
  children?: ReactNode;
}) {
  return (
    <Paper variant="outlined" component="section" aria-labelledby={id} sx={{ p: 2 }}>
      <Typography variant="h6" component="h2" id={id} sx={{ mb: 1 }}>
        {title}
      </Typography>
      <Box
        component="dl"
        sx={{
          m: 0,
          display: "grid",
          gridTemplateColumns: "minmax(0, 2fr) minmax(0, 1fr)",
          columnGap: 2,
          rowGap: 1,
          "& dd": { m: 0 },
        }}
      >
        {settings.map((s) => (
          <Box key={s.property} sx={{ display: "contents" }}>
            <Box component="dt">
              <Typography variant="body2">{s.label}</Typography>
              <Typography
                variant="caption"
                color="text.secondary"
                sx={{
                  display: "block",
                  lineHeight: 1.4,
                  fontFamily: "monospace",
                  overflowWrap: "anywhere",
                }}
              >
                {s.property}
              </Typography>
            </Box>
            <Box component="dd" sx={{ overflowWrap: "anywhere" }}>
              {typeof s.value === "string" || typeof s.value === "number" ? (
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                  {s.value}
                </Typography>
              ) : (
                s.value
              )}
            </Box>
          </Box>
        ))}
      </Box>
      {children}
    </Paper>
  );
}

function Providers({ signIn }: { signIn: NonNullable<PlatformSettings["sign_in"]> }) {
  const providers = signIn.providers ?? [];
  return (
    <Box sx={{ mt: 2 }}>
      <Typography variant="subtitle2" component="h3">
        Single sign-on providers
      </Typography>
      <Typography variant="caption" color="text.secondary" sx={{ fontFamily: "monospace" }}>
        streamspace.identity.oidc.providers
      </Typography>
      {providers.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          None configured: people sign in with a username and password.
        </Typography>
      ) : (
        <Box component="ul" sx={{ pl: 0, m: 0, listStyle: "none" }} aria-label="Sign-in providers">
          {providers.map((p) => (
            <Box component="li" key={p.id} sx={{ py: 0.5 }}>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {p.display_name}
              </Typography>
              <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: "anywhere" }}>
                {p.issuer} · client {p.client_id}
                {p.organization
                  ? ` · everyone joins ${p.organization}`
                  : ` · organization from claim ${p.organization_claim}`}
              </Typography>
            </Box>
          ))}
        </Box>
      )}
    </Box>
  );
}

/**
 * The platform's effective settings, read-only: they come from the server's configuration
 * (properties or environment) at start, so this screen shows them and names the property behind
 * each instead of offering edits a restart would undo.
 */
export function SettingsPage() {
  const settings = useSettings();
  const s = settings.data;
  return (
    <>
      <PageHeader
        title="Settings"
        subtitle="The configuration this server runs with. Secrets are never shown."
      />
      <QueryState
        label="settings"
        isPending={settings.isPending}
        error={settings.error}
        onRetry={() => void settings.refetch()}
      >
        {s && (
          <Stack spacing={2}>
            <Alert severity="info">
              Settings are read at start from the server&apos;s configuration (application
              properties, or environment variables such as{" "}
              <code>STREAMSPACE_VNC_TOKEN_LIFETIME</code>
              ). Change them there and restart the server.
            </Alert>
            <Box
              sx={{
                display: "grid",
                gap: 2,
                gridTemplateColumns: { xs: "1fr", lg: "repeat(2, minmax(0, 1fr))" },
              }}
            >
              <Area
                title="Sign-in"
                id="settings-sign-in"
                settings={[
                  {
                    label: "Standalone login",
                    value: yesNo(s.sign_in?.password_login),
                    property: "built in (POST /api/v1/auth/login), no switch",
                  },
                  {
                    label: "Access token lifetime",
                    value: duration(s.sign_in?.token_lifetime_seconds),
                    property: "streamspace.identity.token-lifetime",
                  },
                  {
                    label: "Failed logins that lock a username",
                    value: s.sign_in?.max_failures_per_username ?? "—",
                    property: "streamspace.identity.login-protection.max-failures-per-username",
                  },
                  {
                    label: "Failed logins that lock an address",
                    value: s.sign_in?.max_failures_per_address ?? "—",
                    property: "streamspace.identity.login-protection.max-failures-per-address",
                  },
                  {
                    label: "First lockout",
                    value: duration(s.sign_in?.first_lockout_seconds),
                    property: "streamspace.identity.login-protection.first-lockout",
                  },
                  {
                    label: "Longest API key lifetime",
                    value: duration(s.sign_in?.api_key_max_lifetime_seconds),
                    property: "streamspace.api-keys.max-lifetime",
                  },
                ]}
              >
                {s.sign_in && <Providers signIn={s.sign_in} />}
              </Area>
              <Area
                title="Sessions"
                id="settings-sessions"
                settings={[
                  {
                    label: "Hibernate when unwatched for",
                    value: duration(s.sessions?.idle_hibernate_after_seconds),
                    property: "streamspace.sessions.idle.hibernate-after",
                  },
                  {
                    label: "Stop when hibernated for",
                    value: duration(s.sessions?.idle_stop_after_seconds),
                    property: "streamspace.sessions.idle.stop-after",
                  },
                  {
                    label: "Fail when no agent takes it within",
                    value: duration(s.sessions?.pending_timeout_seconds),
                    property: "streamspace.agents.pending-timeout",
                  },
                  {
                    label: "Fail when not running within",
                    value: duration(s.sessions?.starting_timeout_seconds),
                    property: "streamspace.agents.starting-timeout",
                  },
                ]}
              />
              <Area
                title="Desktop (VNC)"
                id="settings-vnc"
                settings={[
                  {
                    label: "Connection ticket lifetime",
                    value: duration(s.vnc?.token_lifetime_seconds),
                    property: "streamspace.vnc.token-lifetime",
                  },
                  {
                    label: "Viewers per session",
                    value: s.vnc?.max_tunnels_per_session ?? "—",
                    property: "streamspace.vnc.max-tunnels-per-session",
                  },
                  {
                    label: "Largest browser message",
                    value: `${Math.round((s.vnc?.max_message_bytes ?? 0) / 1024)} KiB`,
                    property: "streamspace.vnc.max-message-bytes",
                  },
                  {
                    label: "Other allowed origins",
                    value: s.vnc?.allowed_origins?.length
                      ? s.vnc.allowed_origins.join(", ")
                      : "None (the server's own only)",
                    property: "streamspace.vnc.allowed-origins",
                  },
                ]}
              />
              <Area
                title="Rate limits"
                id="settings-rate-limits"
                settings={[
                  {
                    label: "Limits enforced",
                    value: yesNo(s.rate_limits?.enforced),
                    property: "streamspace.rate-limits.enabled",
                  },
                  {
                    label: "Redis",
                    value: s.rate_limits?.redis_configured
                      ? "Configured"
                      : "Not configured (no limits on one replica)",
                    property: "streamspace.redis.url",
                  },
                  {
                    label: "Per user",
                    value: bucket(s.rate_limits?.per_user),
                    property: "streamspace.rate-limits.per-user",
                  },
                  {
                    label: "Per organization",
                    value: bucket(s.rate_limits?.per_organization),
                    property: "streamspace.rate-limits.per-organization",
                  },
                  {
                    label: "Per client address",
                    value: bucket(s.rate_limits?.per_ip),
                    property: "streamspace.rate-limits.per-ip",
                  },
                ]}
              />
              <Area
                title="Runtime and agents"
                id="settings-agents"
                settings={[
                  {
                    label: "Heartbeat interval",
                    value: duration(s.agents?.heartbeat_interval_seconds),
                    property: "streamspace.agents.heartbeat-interval",
                  },
                  {
                    label: "Disconnected after silence of",
                    value: `${duration(s.agents?.silence_limit_seconds)} (${s.agents?.missed_heartbeats} missed)`,
                    property: "streamspace.agents.missed-heartbeats",
                  },
                  {
                    label: "Local agent token",
                    value: yesNo(s.agents?.local_agent_token_kept, "Kept", "Not kept"),
                    property: "streamspace.local-agent.enabled",
                  },
                  {
                    label: "Local agent run by the server",
                    value: s.agents?.local_agent_runs ? `Yes (${s.agents.local_agent_id})` : "No",
                    property: "streamspace.local-agent.jar",
                  },
                ]}
              />
            </Box>
          </Stack>
        )}
      </QueryState>
    </>
  );
}
