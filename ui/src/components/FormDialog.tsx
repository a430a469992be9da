import type { FormEvent, ReactNode } from "react";
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  type Breakpoint,
} from "@mui/material";
import { describeError } from "../api/client";

/** A dialog around one form: its title, the request's problem if it failed, the fields, Cancel and submit. */
export function FormDialog({
  open,
  onClose,
  onSubmit,
  title,
  titleId,
  maxWidth = "sm",
  error,
  submitLabel,
  submitting,
  submitDisabled = false,
  children,
}: {
  open: boolean;
  onClose: () => void;
  onSubmit: (event: FormEvent) => void;
  title: ReactNode;
  /** The title's element id, which names the dialog for assistive technology. */
  titleId: string;
  maxWidth?: Breakpoint;
  error: unknown;
  submitLabel: string;
  submitting: boolean;
  submitDisabled?: boolean;
  children: ReactNode;
}) {
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth={maxWidth} aria-labelledby={titleId}>
      <form onSubmit={onSubmit}>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ mt: 1 }}>
            {error ? <Alert severity="error">{describeError(error)}</Alert> : null}
            {children}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={submitting || submitDisabled}>
            {submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
