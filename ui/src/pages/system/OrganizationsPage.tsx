import { useState, type FormEvent } from "react";
import {
  Button,
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
import TuneIcon from "@mui/icons-material/Tune";
import { useChangeQuota, useCreateOrganization, useOrganizations } from "../../api/hooks";
import type { OrganizationView, QuotaBody } from "../../api/types";
import { FormDialog } from "../../components/FormDialog";
import { PageHeader } from "../../components/Layout";
import { QueryState } from "../../components/QueryState";
import { cpu, memory } from "../../components/format";

interface QuotaFields {
  max_sessions: string;
  max_cpu_millis: string;
  max_memory_mb: string;
}

function quotaOf(fields: QuotaFields): QuotaBody {
  return {
    max_sessions: Number(fields.max_sessions) || 0,
    max_cpu_millis: Number(fields.max_cpu_millis) || 0,
    max_memory_mb: Number(fields.max_memory_mb) || 0,
  };
}

function QuotaInputs({
  value,
  onChange,
}: {
  value: QuotaFields;
  onChange: (v: QuotaFields) => void;
}) {
  return (
    <Stack direction={{ xs: "column", sm: "row" }} spacing={2}>
      <TextField
        label="Max sessions"
        type="number"
        value={value.max_sessions}
        onChange={(e) => onChange({ ...value, max_sessions: e.target.value })}
      />
      <TextField
        label="Max CPU (millicores)"
        type="number"
        value={value.max_cpu_millis}
        onChange={(e) => onChange({ ...value, max_cpu_millis: e.target.value })}
      />
      <TextField
        label="Max memory (MiB)"
        type="number"
        value={value.max_memory_mb}
        onChange={(e) => onChange({ ...value, max_memory_mb: e.target.value })}
      />
    </Stack>
  );
}

/** Every organization with its quota and usage; system admins create them and change quotas. */
export function OrganizationsPage() {
  const organizations = useOrganizations();
  const create = useCreateOrganization();
  const changeQuota = useChangeQuota();
  const [creating, setCreating] = useState(false);
  const [newOrg, setNewOrg] = useState({ name: "", display_name: "" });
  const [quota, setQuota] = useState<QuotaFields>({
    max_sessions: "10",
    max_cpu_millis: "8000",
    max_memory_mb: "16384",
  });
  const [editing, setEditing] = useState<OrganizationView | null>(null);
  const items = organizations.data?.items ?? [];

  const submitCreate = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name: newOrg.name, display_name: newOrg.display_name || undefined, quota: quotaOf(quota) },
      { onSuccess: () => setCreating(false) },
    );
  };
  const submitQuota = (event: FormEvent) => {
    event.preventDefault();
    if (!editing?.id) return;
    changeQuota.mutate(
      { id: editing.id, quota: quotaOf(quota) },
      { onSuccess: () => setEditing(null) },
    );
  };
  const openQuota = (org: OrganizationView) => {
    setQuota({
      max_sessions: String(org.quota?.max_sessions ?? 0),
      max_cpu_millis: String(org.quota?.max_cpu_millis ?? 0),
      max_memory_mb: String(org.quota?.max_memory_mb ?? 0),
    });
    changeQuota.reset();
    setEditing(org);
  };

  return (
    <>
      <PageHeader
        title="Organizations"
        subtitle="Tenants of this platform, what they use and what they may use."
        actions={
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setCreating(true)}>
            New organization
          </Button>
        }
      />
      <QueryState
        label="organizations"
        isPending={organizations.isPending}
        error={organizations.error}
        onRetry={() => void organizations.refetch()}
        isEmpty={items.length === 0}
      >
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-label="Organizations">
            <TableHead>
              <TableRow>
                <TableCell>Name</TableCell>
                <TableCell>Sessions</TableCell>
                <TableCell>CPU</TableCell>
                <TableCell>Memory</TableCell>
                <TableCell align="right">Quota</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map((org) => (
                <TableRow key={org.id} hover>
                  <TableCell>{org.display_name ?? org.name}</TableCell>
                  <TableCell>
                    {org.usage?.sessions ?? 0} / {org.quota?.max_sessions ?? 0}
                  </TableCell>
                  <TableCell>
                    {cpu(org.usage?.cpu_millis ?? 0)} / {cpu(org.quota?.max_cpu_millis ?? 0)}
                  </TableCell>
                  <TableCell>
                    {memory(org.usage?.memory_mb ?? 0)} / {memory(org.quota?.max_memory_mb ?? 0)}
                  </TableCell>
                  <TableCell align="right">
                    <Tooltip title="Change quota">
                      <IconButton
                        aria-label={`Change quota of ${org.name}`}
                        onClick={() => openQuota(org)}
                      >
                        <TuneIcon />
                      </IconButton>
                    </Tooltip>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      </QueryState>
      <FormDialog
        open={creating}
        onClose={() => setCreating(false)}
        onSubmit={submitCreate}
        title="New organization"
        titleId="new-org-title"
        maxWidth="md"
        error={create.error}
        submitLabel="Create"
        submitting={create.isPending}
      >
        <TextField
          label="Name"
          required
          value={newOrg.name}
          onChange={(e) => setNewOrg({ ...newOrg, name: e.target.value })}
        />
        <TextField
          label="Display name"
          value={newOrg.display_name}
          onChange={(e) => setNewOrg({ ...newOrg, display_name: e.target.value })}
        />
        <QuotaInputs value={quota} onChange={setQuota} />
      </FormDialog>
      <FormDialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        onSubmit={submitQuota}
        title={`Quota of ${editing?.display_name ?? editing?.name}`}
        titleId="quota-title"
        maxWidth="md"
        error={changeQuota.error}
        submitLabel="Save quota"
        submitting={changeQuota.isPending}
      >
        <QuotaInputs value={quota} onChange={setQuota} />
      </FormDialog>
    </>
  );
}
