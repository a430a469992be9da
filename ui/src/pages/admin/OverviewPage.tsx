import { Box, Card, CardContent, Typography } from "@mui/material";
import { useOrganization, useSessions } from "../../api/hooks";
import type { Identity } from "../../api/auth";
import { PageHeader } from "../../components/Layout";
import { QueryState } from "../../components/QueryState";
import { CountChart, UsageBars } from "../../components/UsageBars";
import { cpu, memory } from "../../components/format";

const STATUS_COLORS: Record<string, string> = {
  pending: "#ed6c02",
  starting: "#0288d1",
  running: "#2e7d32",
  hibernated: "#9c27b0",
  stopped: "#9e9e9e",
  failed: "#d32f2f",
};

/** The organization's quota, what it uses now, and its sessions by status. */
export function OverviewPage({ identity }: { identity: Identity }) {
  const organization = useOrganization(identity.organizationId);
  const sessions = useSessions();
  const org = organization.data;
  const counts = Object.keys(STATUS_COLORS).map((status) => ({
    label: status,
    value: (sessions.data?.items ?? []).filter((s) => s.status === status).length,
    color: STATUS_COLORS[status] ?? "#999",
  }));
  return (
    <>
      <PageHeader title="Quota & usage" subtitle={org?.display_name ?? org?.name} />
      <QueryState
        label="organization"
        isPending={organization.isPending}
        error={organization.error}
        onRetry={() => void organization.refetch()}
      >
        <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr", md: "1fr 1fr" } }}>
          <Card variant="outlined">
            <CardContent>
              <Typography variant="h6" component="h2" gutterBottom>
                Usage now
              </Typography>
              <UsageBars
                rows={[
                  {
                    label: "Sessions",
                    used: org?.usage?.sessions ?? 0,
                    limit: org?.quota?.max_sessions ?? 0,
                    format: (n) => String(n),
                  },
                  {
                    label: "CPU",
                    used: org?.usage?.cpu_millis ?? 0,
                    limit: org?.quota?.max_cpu_millis ?? 0,
                    format: cpu,
                  },
                  {
                    label: "Memory",
                    used: org?.usage?.memory_mb ?? 0,
                    limit: org?.quota?.max_memory_mb ?? 0,
                    format: memory,
                  },
                ]}
              />
            </CardContent>
          </Card>
          <Card variant="outlined">
            <CardContent>
              <Typography variant="h6" component="h2" gutterBottom>
                Sessions by status
              </Typography>
              <CountChart title="Sessions by status" data={counts} />
            </CardContent>
          </Card>
        </Box>
      </QueryState>
    </>
  );
}
