import {
  Chip,
  LinearProgress,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Tooltip,
} from "@mui/material";
import { useAgents } from "../../api/hooks";
import type { AgentView } from "../../api/types";
import { PageHeader } from "../../components/Layout";
import { QueryState } from "../../components/QueryState";
import { dateTime } from "../../components/format";

/** Seconds since the last heartbeat, in words; stale past three missed heartbeats. */
export function heartbeat(agent: AgentView): { text: string; stale: boolean } {
  const age = agent.heartbeat_age_seconds;
  if (age === undefined || age === null)
    return { text: "none yet", stale: agent.state === "connected" };
  return { text: age < 60 ? `${age} s ago` : `${Math.round(age / 60)} min ago`, stale: age > 30 };
}

/** The agents that run sessions: state, heartbeat, capacity and load. */
export function AgentsPage() {
  const agents = useAgents();
  const items = agents.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="Agents"
        subtitle="Machines and clusters that run sessions. Refreshed live and every 10 s."
      />
      <QueryState
        label="agents"
        isPending={agents.isPending}
        error={agents.error}
        onRetry={() => void agents.refetch()}
        isEmpty={items.length === 0}
        empty="No agent has connected yet."
      >
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-label="Agents">
            <TableHead>
              <TableRow>
                <TableCell>Agent</TableCell>
                <TableCell>Backend</TableCell>
                <TableCell>State</TableCell>
                <TableCell>Heartbeat</TableCell>
                <TableCell>Sessions</TableCell>
                <TableCell>Load average</TableCell>
                <TableCell>Version</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map((agent) => {
                const beat = heartbeat(agent);
                const cap = agent.capacity?.sessions ?? 0;
                const used = agent.load?.sessions ?? 0;
                return (
                  <TableRow key={agent.id} hover>
                    <TableCell sx={{ fontFamily: "monospace" }}>{agent.id}</TableCell>
                    <TableCell>{agent.backend}</TableCell>
                    <TableCell>
                      <Tooltip
                        title={agent.disconnect_reason ?? `since ${dateTime(agent.connected_at)}`}
                      >
                        <Chip
                          size="small"
                          label={agent.state}
                          color={agent.state === "connected" ? "success" : "default"}
                        />
                      </Tooltip>
                    </TableCell>
                    <TableCell>
                      <Chip
                        size="small"
                        variant="outlined"
                        color={beat.stale ? "warning" : "default"}
                        label={beat.text}
                      />
                    </TableCell>
                    <TableCell sx={{ minWidth: 140 }}>
                      {used} / {cap || "∞"}
                      {cap > 0 && (
                        <LinearProgress
                          variant="determinate"
                          value={Math.min(100, (used / cap) * 100)}
                          aria-label={`Load of ${agent.id}`}
                        />
                      )}
                    </TableCell>
                    <TableCell>{agent.load?.load_average?.toFixed(2) ?? "—"}</TableCell>
                    <TableCell>{agent.version ?? "—"}</TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableContainer>
      </QueryState>
    </>
  );
}
