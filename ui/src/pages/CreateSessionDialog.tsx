import { useState } from "react";
import { useNavigate } from "react-router";
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  Radio,
  RadioGroup,
  Stack,
  Typography,
} from "@mui/material";
import { describeError } from "../api/client";
import { useCreateSession } from "../api/hooks";
import type { TemplateView } from "../api/types";
import { TemplateIcon } from "../components/TemplateIcon";
import { cpu, memory } from "../components/format";

/** The resource presets offered when starting a session; "default" takes the template's own. */
export const PRESETS = [
  { id: "default", label: "Template default", resources: undefined },
  { id: "small", label: "Small", resources: { cpu_millis: 500, memory_mb: 512 } },
  { id: "medium", label: "Medium", resources: { cpu_millis: 1000, memory_mb: 2048 } },
  { id: "large", label: "Large", resources: { cpu_millis: 2000, memory_mb: 4096 } },
] as const;

/** Starts a session of one template with a chosen preset. */
export function CreateSessionDialog({
  template,
  onClose,
}: {
  template: TemplateView | null;
  onClose: () => void;
}) {
  const [preset, setPreset] = useState<string>("default");
  const create = useCreateSession();
  const navigate = useNavigate();
  const chosen = PRESETS.find((p) => p.id === preset) ?? PRESETS[0];
  const defaults = template?.default_resources;

  const start = () => {
    if (!template?.id) return;
    create.mutate(
      {
        template_id: template.id,
        resources: chosen.resources ? { ...chosen.resources } : undefined,
      },
      {
        onSuccess: () => {
          onClose();
          navigate("/");
        },
      },
    );
  };

  return (
    <Dialog
      open={template !== null}
      onClose={onClose}
      fullWidth
      maxWidth="xs"
      aria-labelledby="create-session-title"
    >
      <DialogTitle id="create-session-title">
        <Stack direction="row" spacing={2} sx={{ alignItems: "center" }}>
          <TemplateIcon
            name={template?.display_name ?? template?.name}
            iconUrl={template?.icon_url}
          />
          <span>Start {template?.display_name ?? template?.name}</span>
        </Stack>
      </DialogTitle>
      <DialogContent>
        {create.error && (
          <Alert severity="error" sx={{ mb: 2 }}>
            {describeError(create.error)}
          </Alert>
        )}
        <Typography variant="subtitle2" gutterBottom id="preset-label">
          Resources
        </Typography>
        <RadioGroup
          aria-labelledby="preset-label"
          value={preset}
          onChange={(e) => setPreset(e.target.value)}
        >
          {PRESETS.map((p) => {
            const r = p.resources ?? defaults;
            return (
              <FormControlLabel
                key={p.id}
                value={p.id}
                control={<Radio />}
                label={`${p.label} — ${r ? `${cpu(r.cpu_millis)}, ${memory(r.memory_mb)}` : "as configured"}`}
              />
            );
          })}
        </RadioGroup>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" onClick={start} disabled={create.isPending}>
          {create.isPending ? "Starting…" : "Start session"}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
