import type { ReactNode } from "react";
import { Alert, AlertTitle, Box, Button, CircularProgress, Typography } from "@mui/material";
import { ApiError, describeError } from "../api/client";

/** The API's problem detail, readable, with a retry. */
export function ProblemAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const title =
    error instanceof ApiError
      ? (error.problem.title ?? `Error ${error.status}`)
      : "Something went wrong";
  return (
    <Alert
      severity="error"
      action={
        onRetry ? (
          <Button color="inherit" size="small" onClick={onRetry}>
            Retry
          </Button>
        ) : undefined
      }
    >
      <AlertTitle>{title}</AlertTitle>
      {describeError(error)}
    </Alert>
  );
}

interface QueryStateProps {
  isPending: boolean;
  error: unknown;
  isEmpty?: boolean;
  empty?: ReactNode;
  onRetry?: () => void;
  label?: string;
  children: ReactNode;
}

/** Loading, error and empty states in one place, so every screen shows them the same way. */
export function QueryState({
  isPending,
  error,
  isEmpty,
  empty,
  onRetry,
  label,
  children,
}: QueryStateProps) {
  if (isPending) {
    return (
      <Box sx={{ display: "flex", justifyContent: "center", py: 6 }} role="status">
        <CircularProgress aria-label={label ? `Loading ${label}` : "Loading"} />
      </Box>
    );
  }
  if (error) return <ProblemAlert error={error} onRetry={onRetry} />;
  if (isEmpty) {
    return (
      <Box sx={{ py: 6, textAlign: "center" }}>
        {typeof empty === "string" || !empty ? (
          <Typography color="text.secondary">{empty ?? "Nothing here yet."}</Typography>
        ) : (
          empty
        )}
      </Box>
    );
  }
  return <>{children}</>;
}
