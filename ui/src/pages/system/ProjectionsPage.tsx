import {
  Button,
  Chip,
  LinearProgress,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
} from "@mui/material";
import ReplayIcon from "@mui/icons-material/Replay";
import { useProjections, useReplayProjection } from "../../api/hooks";
import type { ProjectionStatus } from "../../api/types";
import { PageHeader } from "../../components/Layout";
import { ProblemAlert, QueryState } from "../../components/QueryState";

/** How far a projection is, 0–100, from its slowest segment against the head of the event store. */
export function progress(p: ProjectionStatus): number {
  const head = p.head_position ?? 0;
  if (head <= 0) return 100;
  const positions = (p.segments ?? []).map((s) => s.position ?? 0);
  const slowest = positions.length ? Math.min(...positions) : head - (p.lag ?? 0);
  return Math.max(0, Math.min(100, (slowest / head) * 100));
}

/** The read models: where each stands against the event store, and a replay that rebuilds one. */
export function ProjectionsPage() {
  const replay = useReplayProjection();
  const projections = useProjections();
  const items = projections.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="Projections"
        subtitle="Read models built from the event store. A replay rebuilds one from the first event."
      />
      {replay.error && <ProblemAlert error={replay.error} />}
      <QueryState
        label="projections"
        isPending={projections.isPending}
        error={projections.error}
        onRetry={() => void projections.refetch()}
        isEmpty={items.length === 0}
      >
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-label="Projections">
            <TableHead>
              <TableRow>
                <TableCell>Name</TableCell>
                <TableCell>State</TableCell>
                <TableCell>Position</TableCell>
                <TableCell>Lag</TableCell>
                <TableCell sx={{ minWidth: 160 }}>Progress</TableCell>
                <TableCell align="right">Replay</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map((p) => {
                const done = progress(p);
                return (
                  <TableRow key={p.name} hover>
                    <TableCell>{p.name}</TableCell>
                    <TableCell>
                      <Chip
                        size="small"
                        label={p.replaying ? "replaying" : p.state}
                        color={
                          p.replaying ? "warning" : p.state === "running" ? "success" : "default"
                        }
                      />
                    </TableCell>
                    <TableCell>
                      {Math.min(
                        ...(p.segments ?? [])
                          .map((s) => s.position ?? 0)
                          .concat(p.head_position ?? 0),
                      )}{" "}
                      / {p.head_position ?? 0}
                    </TableCell>
                    <TableCell>{p.lag ?? 0}</TableCell>
                    <TableCell>
                      <LinearProgress
                        variant="determinate"
                        value={done}
                        aria-label={`${p.name} progress`}
                      />
                      {Math.floor(done)}%
                    </TableCell>
                    <TableCell align="right">
                      <Button
                        size="small"
                        startIcon={<ReplayIcon />}
                        disabled={p.replaying || replay.isPending}
                        onClick={() => replay.mutate(p.name ?? "")}
                        aria-label={`Replay ${p.name}`}
                      >
                        Replay
                      </Button>
                    </TableCell>
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
