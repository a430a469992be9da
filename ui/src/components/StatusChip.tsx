import { Chip, type ChipProps } from "@mui/material";
import type { SessionStatus } from "../api/types";

const COLORS: Record<SessionStatus, ChipProps["color"]> = {
  pending: "warning",
  starting: "info",
  running: "success",
  hibernated: "secondary",
  stopped: "default",
  failed: "error",
};

const LABELS: Record<SessionStatus, string> = {
  pending: "Pending",
  starting: "Starting",
  running: "Running",
  hibernated: "Hibernated",
  stopped: "Stopped",
  failed: "Failed",
};

/** A session's status as a coloured chip. */
export function StatusChip({ status }: { status: SessionStatus | undefined }) {
  const known = status ?? "pending";
  return (
    <Chip
      size="small"
      color={COLORS[known]}
      label={LABELS[known]}
      aria-label={`Status: ${LABELS[known]}`}
    />
  );
}
