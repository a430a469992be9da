import { useState, type FormEvent } from "react";
import {
  Button,
  MenuItem,
  Paper,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
} from "@mui/material";
import PersonAddIcon from "@mui/icons-material/PersonAdd";
import { useChangeUser, useRegisterUser, useUsers } from "../../api/hooks";
import { isSystemAdmin, type Identity } from "../../api/auth";
import type { Role } from "../../api/types";
import { FormDialog } from "../../components/FormDialog";
import { PageHeader } from "../../components/Layout";
import { QueryState, ProblemAlert } from "../../components/QueryState";

const ROLES: { value: Role; label: string }[] = [
  { value: "user", label: "User" },
  { value: "org_admin", label: "Organization admin" },
  { value: "system_admin", label: "System admin" },
];

function NewUserDialog({
  open,
  onClose,
  identity,
}: {
  open: boolean;
  onClose: () => void;
  identity: Identity;
}) {
  const register = useRegisterUser();
  const [form, setForm] = useState({
    username: "",
    display_name: "",
    email: "",
    password: "",
    role: "user" as Role,
  });
  const roles = ROLES.filter((r) => r.value !== "system_admin" || isSystemAdmin(identity));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    register.mutate(
      { ...form, email: form.email || undefined, display_name: form.display_name || undefined },
      {
        onSuccess: () => {
          setForm({ username: "", display_name: "", email: "", password: "", role: "user" });
          onClose();
        },
      },
    );
  };
  return (
    <FormDialog
      open={open}
      onClose={onClose}
      onSubmit={submit}
      title="New user"
      titleId="new-user-title"
      error={register.error}
      submitLabel="Create user"
      submitting={register.isPending}
    >
      <TextField
        label="Username"
        required
        value={form.username}
        onChange={(e) => setForm({ ...form, username: e.target.value })}
      />
      <TextField
        label="Display name"
        value={form.display_name}
        onChange={(e) => setForm({ ...form, display_name: e.target.value })}
      />
      <TextField
        label="Email"
        type="email"
        value={form.email}
        onChange={(e) => setForm({ ...form, email: e.target.value })}
      />
      <TextField
        label="Initial password"
        type="password"
        required
        autoComplete="new-password"
        value={form.password}
        onChange={(e) => setForm({ ...form, password: e.target.value })}
      />
      <TextField
        select
        label="Role"
        value={form.role}
        onChange={(e) => setForm({ ...form, role: e.target.value as Role })}
      >
        {roles.map((r) => (
          <MenuItem key={r.value} value={r.value}>
            {r.label}
          </MenuItem>
        ))}
      </TextField>
    </FormDialog>
  );
}

/** The organization's users: create them, change their role, disable them. */
export function UsersPage({ identity }: { identity: Identity }) {
  const users = useUsers();
  const change = useChangeUser();
  const [creating, setCreating] = useState(false);
  const items = users.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="Users"
        subtitle="People who can sign in to this organization."
        actions={
          <Button
            variant="contained"
            startIcon={<PersonAddIcon />}
            onClick={() => setCreating(true)}
          >
            New user
          </Button>
        }
      />
      {change.error && <ProblemAlert error={change.error} />}
      <QueryState
        label="users"
        isPending={users.isPending}
        error={users.error}
        onRetry={() => void users.refetch()}
        isEmpty={items.length === 0}
      >
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-label="Users">
            <TableHead>
              <TableRow>
                <TableCell>Username</TableCell>
                <TableCell>Name</TableCell>
                <TableCell>Email</TableCell>
                <TableCell>Role</TableCell>
                <TableCell>Enabled</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map((user) => (
                <TableRow key={user.id} hover>
                  <TableCell>{user.username}</TableCell>
                  <TableCell>{user.display_name ?? "—"}</TableCell>
                  <TableCell>{user.email ?? "—"}</TableCell>
                  <TableCell>
                    <TextField
                      select
                      size="small"
                      variant="standard"
                      value={user.role ?? "user"}
                      disabled={user.id === identity.userId}
                      slotProps={{ htmlInput: { "aria-label": `Role of ${user.username}` } }}
                      onChange={(e) =>
                        change.mutate({ id: user.id ?? "", body: { role: e.target.value as Role } })
                      }
                    >
                      {ROLES.filter(
                        (r) =>
                          r.value !== "system_admin" ||
                          isSystemAdmin(identity) ||
                          user.role === "system_admin",
                      ).map((r) => (
                        <MenuItem key={r.value} value={r.value}>
                          {r.label}
                        </MenuItem>
                      ))}
                    </TextField>
                  </TableCell>
                  <TableCell>
                    <Switch
                      checked={!user.disabled}
                      disabled={user.id === identity.userId}
                      slotProps={{ input: { "aria-label": `${user.username} may sign in` } }}
                      onChange={(e) =>
                        change.mutate({ id: user.id ?? "", body: { disabled: !e.target.checked } })
                      }
                    />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      </QueryState>
      <NewUserDialog open={creating} onClose={() => setCreating(false)} identity={identity} />
    </>
  );
}
