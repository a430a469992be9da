import { useState, type FormEvent } from "react";
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  IconButton,
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
} from "@mui/material";
import AddIcon from "@mui/icons-material/Add";
import EditIcon from "@mui/icons-material/Edit";
import DeleteIcon from "@mui/icons-material/Delete";
import { describeError } from "../../api/client";
import { useDeleteTemplate, useSaveTemplate, useTemplates } from "../../api/hooks";
import type { TemplateRequest, TemplateView } from "../../api/types";
import { FormDialog } from "../../components/FormDialog";
import { PageHeader } from "../../components/Layout";
import { QueryState } from "../../components/QueryState";
import { TemplateIcon } from "../../components/TemplateIcon";
import { cpu, memory } from "../../components/format";

interface TemplateForm {
  name: string;
  display_name: string;
  description: string;
  category: string;
  icon_url: string;
  image: string;
  command: string;
  tags: string;
  cpu_millis: string;
  memory_mb: string;
}

function toForm(t: TemplateView | null): TemplateForm {
  return {
    name: t?.name ?? "",
    display_name: t?.display_name ?? "",
    description: t?.description ?? "",
    category: t?.category ?? "",
    icon_url: t?.icon_url ?? "",
    image: t?.image ?? "",
    command: (t?.command ?? []).join(" "),
    tags: (t?.tags ?? []).join(", "),
    cpu_millis: t?.default_resources?.cpu_millis ? String(t.default_resources.cpu_millis) : "1000",
    memory_mb: t?.default_resources?.memory_mb ? String(t.default_resources.memory_mb) : "1024",
  };
}

/** The request a form makes; empty fields are left out so the server's defaults apply. */
export function toRequest(form: TemplateForm, original: TemplateView | null): TemplateRequest {
  const text = (s: string) => (s.trim() ? s.trim() : undefined);
  const command = form.command.trim() ? form.command.trim().split(/\s+/) : undefined;
  return {
    name: form.name.trim(),
    display_name: text(form.display_name),
    description: text(form.description),
    category: text(form.category),
    icon_url: text(form.icon_url),
    image: text(form.image),
    command,
    tags: form.tags
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean),
    default_resources: {
      cpu_millis: Number(form.cpu_millis) || 0,
      memory_mb: Number(form.memory_mb) || 0,
    },
    environment: original?.environment,
    vnc_port: original?.vnc_port,
    idle: original?.idle,
  };
}

function TemplateDialog({
  editing,
  onClose,
}: {
  editing: TemplateView | null | undefined;
  onClose: () => void;
}) {
  const save = useSaveTemplate();
  const [form, setForm] = useState<TemplateForm>(() => toForm(editing ?? null));
  const field = (key: keyof TemplateForm, label: string, extra: object = {}) => (
    <TextField
      label={label}
      value={form[key]}
      onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      {...extra}
    />
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      { id: editing?.id, body: toRequest(form, editing ?? null) },
      { onSuccess: onClose },
    );
  };
  return (
    <FormDialog
      open
      onClose={onClose}
      onSubmit={submit}
      title={editing ? `Edit ${editing.display_name ?? editing.name}` : "New template"}
      titleId="template-title"
      error={save.error}
      submitLabel="Save"
      submitting={save.isPending}
    >
      {field("name", "Name", {
        required: true,
        helperText: "Lowercase letters, digits and dashes",
      })}
      {field("display_name", "Display name")}
      {field("description", "Description", { multiline: true, minRows: 2 })}
      <Stack direction="row" spacing={2}>
        {field("category", "Category", { fullWidth: true })}
        {field("tags", "Tags (comma separated)", { fullWidth: true })}
      </Stack>
      {field("icon_url", "Icon URL")}
      {field("command", "Command (local runtime)", {
        helperText: "e.g. xterm -fa Monospace",
      })}
      {field("image", "Container image (Kubernetes/Docker)")}
      <Stack direction="row" spacing={2}>
        {field("cpu_millis", "Default CPU (millicores)", { type: "number", fullWidth: true })}
        {field("memory_mb", "Default memory (MiB)", { type: "number", fullWidth: true })}
      </Stack>
    </FormDialog>
  );
}

/** The organization's catalog, editable. */
export function TemplatesAdminPage() {
  const templates = useTemplates();
  const remove = useDeleteTemplate();
  const [editing, setEditing] = useState<TemplateView | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<TemplateView | null>(null);
  const items = templates.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="Templates"
        subtitle="The applications your organization can start."
        actions={
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing(null)}>
            New template
          </Button>
        }
      />
      <QueryState
        label="templates"
        isPending={templates.isPending}
        error={templates.error}
        onRetry={() => void templates.refetch()}
        isEmpty={items.length === 0}
      >
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-label="Templates">
            <TableHead>
              <TableRow>
                <TableCell>
                  <span className="visually-hidden">Icon</span>
                </TableCell>
                <TableCell>Name</TableCell>
                <TableCell>Category</TableCell>
                <TableCell>Runs</TableCell>
                <TableCell>Default resources</TableCell>
                <TableCell align="right">Actions</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map((t) => (
                <TableRow key={t.id} hover>
                  <TableCell width={48}>
                    <TemplateIcon name={t.display_name ?? t.name} iconUrl={t.icon_url} size={32} />
                  </TableCell>
                  <TableCell>{t.display_name ?? t.name}</TableCell>
                  <TableCell>{t.category ?? "—"}</TableCell>
                  <TableCell sx={{ fontFamily: "monospace" }}>
                    {t.image ?? (t.command ?? []).join(" ")}
                  </TableCell>
                  <TableCell>
                    {cpu(t.default_resources?.cpu_millis)}, {memory(t.default_resources?.memory_mb)}
                  </TableCell>
                  <TableCell align="right">
                    <Tooltip title="Edit">
                      <IconButton aria-label={`Edit ${t.name}`} onClick={() => setEditing(t)}>
                        <EditIcon />
                      </IconButton>
                    </Tooltip>
                    <Tooltip title="Delete">
                      <IconButton aria-label={`Delete ${t.name}`} onClick={() => setDeleting(t)}>
                        <DeleteIcon />
                      </IconButton>
                    </Tooltip>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      </QueryState>
      {editing !== undefined && (
        <TemplateDialog editing={editing} onClose={() => setEditing(undefined)} />
      )}
      <Dialog open={deleting !== null} onClose={() => setDeleting(null)}>
        <DialogTitle>Delete {deleting?.display_name ?? deleting?.name}?</DialogTitle>
        <DialogContent>
          {remove.error && <Alert severity="error">{describeError(remove.error)}</Alert>}
          <DialogContentText>
            Running sessions keep going; no new session can be started from it.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setDeleting(null)}>Cancel</Button>
          <Button
            color="error"
            variant="contained"
            onClick={() =>
              remove.mutate(deleting?.id ?? "", { onSuccess: () => setDeleting(null) })
            }
          >
            Delete
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
