import { useState, type FormEvent } from "react";
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  IconButton,
  MenuItem,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Tooltip,
  Typography,
} from "@mui/material";
import AddIcon from "@mui/icons-material/Add";
import ContentCopyIcon from "@mui/icons-material/ContentCopy";
import BlockIcon from "@mui/icons-material/Block";
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from "../../api/hooks";
import type { ApiKeyCreated } from "../../api/types";
import { FormDialog } from "../../components/FormDialog";
import { PageHeader } from "../../components/Layout";
import { ProblemAlert, QueryState } from "../../components/QueryState";
import { dateTime } from "../../components/format";

/** The secret of a just-created key, whatever the server calls the field. */
export function secretOf(created: ApiKeyCreated | undefined): string | undefined {
  return created?.key;
}

const LIFETIMES = [30, 90, 365];

/** RFC 3339 UTC, `days` from now. */
export function expiryIn(days: number, now: number = Date.now()): string {
  return new Date(now + days * 86_400_000).toISOString();
}

/** API keys for programs: create (the secret is shown once), list, revoke. */
export function ApiKeysPage() {
  const keys = useApiKeys();
  const create = useCreateApiKey();
  const revoke = useRevokeApiKey();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [days, setDays] = useState(90);
  const [scope, setScope] = useState<"user" | "org_admin">("user");
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const items = keys.data?.items ?? [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name, expires_at: expiryIn(days), scope },
      {
        onSuccess: (answer) => {
          setOpen(false);
          setName("");
          setCreated(answer);
        },
      },
    );
  };

  return (
    <>
      <PageHeader
        title="API keys"
        subtitle="Keys let programs call the API as you. A key's secret is shown once."
        actions={
          <Button
            variant="contained"
            startIcon={<AddIcon />}
            onClick={() => setOpen(true)}
            disabled={keys.data?.available === false}
          >
            New key
          </Button>
        }
      />
      {revoke.error && <ProblemAlert error={revoke.error} />}
      <QueryState
        label="API keys"
        isPending={keys.isPending}
        error={keys.error}
        onRetry={() => void keys.refetch()}
        isEmpty={items.length === 0}
        empty={
          keys.data?.available === false
            ? "API keys are not available on this server yet."
            : "No API keys yet."
        }
      >
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-label="API keys">
            <TableHead>
              <TableRow>
                <TableCell>Name</TableCell>
                <TableCell>Acts as</TableCell>
                <TableCell>Expires</TableCell>
                <TableCell>Prefix</TableCell>
                <TableCell>Created</TableCell>
                <TableCell>Last used</TableCell>
                <TableCell>Status</TableCell>
                <TableCell align="right">Actions</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map((key) => (
                <TableRow key={key.id} hover>
                  <TableCell>{key.name}</TableCell>
                  <TableCell>{key.scope ?? "—"}</TableCell>
                  <TableCell>{dateTime(key.expires_at)}</TableCell>
                  <TableCell sx={{ fontFamily: "monospace" }}>{key.prefix ?? "—"}</TableCell>
                  <TableCell>{dateTime(key.created_at)}</TableCell>
                  <TableCell>{dateTime(key.last_used_at ?? undefined)}</TableCell>
                  <TableCell>
                    {key.revoked_at ? `Revoked ${dateTime(key.revoked_at)}` : "Active"}
                  </TableCell>
                  <TableCell align="right">
                    {!key.revoked_at && (
                      <Tooltip title="Revoke">
                        <IconButton
                          aria-label={`Revoke ${key.name}`}
                          onClick={() => revoke.mutate(key.id ?? "")}
                        >
                          <BlockIcon />
                        </IconButton>
                      </Tooltip>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      </QueryState>
      <FormDialog
        open={open}
        onClose={() => setOpen(false)}
        onSubmit={submit}
        title="New API key"
        titleId="new-key-title"
        maxWidth="xs"
        error={create.error}
        submitLabel="Create"
        submitting={create.isPending}
        submitDisabled={!name}
      >
        <TextField
          label="Name"
          required
          fullWidth
          autoFocus
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <TextField
          select
          label="Expires in"
          fullWidth
          value={days}
          onChange={(e) => setDays(Number(e.target.value))}
        >
          {LIFETIMES.map((d) => (
            <MenuItem key={d} value={d}>
              {d} days
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          label="Acts as"
          fullWidth
          value={scope}
          onChange={(e) => setScope(e.target.value as "user" | "org_admin")}
          helperText="A key never has more rights than you"
        >
          <MenuItem value="user">User</MenuItem>
          <MenuItem value="org_admin">Organization admin</MenuItem>
        </TextField>
      </FormDialog>
      <Dialog
        open={created !== null}
        onClose={() => setCreated(null)}
        fullWidth
        maxWidth="sm"
        aria-labelledby="secret-title"
      >
        <DialogTitle id="secret-title">Copy your new key now</DialogTitle>
        <DialogContent>
          <Alert severity="warning" sx={{ mb: 2 }}>
            This is the only time the secret is shown. Store it somewhere safe.
          </Alert>
          <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
            <Typography
              component="code"
              data-testid="api-key-secret"
              sx={{
                fontFamily: "monospace",
                wordBreak: "break-all",
                bgcolor: "grey.100",
                p: 1,
                borderRadius: 1,
                flexGrow: 1,
              }}
            >
              {secretOf(created ?? undefined) ?? "(the server returned no secret)"}
            </Typography>
            <Tooltip title="Copy">
              <IconButton
                aria-label="Copy the secret"
                onClick={() =>
                  void navigator.clipboard?.writeText(secretOf(created ?? undefined) ?? "")
                }
              >
                <ContentCopyIcon />
              </IconButton>
            </Tooltip>
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button variant="contained" onClick={() => setCreated(null)}>
            Done
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
