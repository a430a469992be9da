import { Link as RouterLink } from "react-router";
import {
  Alert,
  Box,
  Button,
  Card,
  CardActions,
  CardContent,
  IconButton,
  Stack,
  Tooltip,
  Typography,
} from "@mui/material";
import OpenInBrowserIcon from "@mui/icons-material/OpenInBrowser";
import PauseCircleIcon from "@mui/icons-material/PauseCircle";
import PlayCircleIcon from "@mui/icons-material/PlayCircle";
import StopCircleIcon from "@mui/icons-material/StopCircle";
import HistoryIcon from "@mui/icons-material/History";
import AddIcon from "@mui/icons-material/Add";
import { describeError } from "../api/client";
import { useSessionAction, useSessions, useTemplates, type SessionAction } from "../api/hooks";
import type { SessionView } from "../api/types";
import { PageHeader } from "../components/Layout";
import { QueryState } from "../components/QueryState";
import { StatusChip } from "../components/StatusChip";
import { TemplateIcon } from "../components/TemplateIcon";
import { cpu, dateTime, memory, relativeTime } from "../components/format";

/** Why a session is not usable, in words a user understands. */
export function sessionNote(
  session: SessionView,
): { severity: "info" | "warning" | "error"; text: string } | null {
  switch (session.status) {
    case "pending":
      return {
        severity: "warning",
        text: session.status_reason
          ? `Waiting: ${session.status_reason}`
          : "Waiting for a machine to start it…",
      };
    case "starting":
      return { severity: "info", text: "Starting the application…" };
    case "failed":
      return {
        severity: "error",
        text: `Failed: ${session.status_reason ?? "no reason was given"}`,
      };
    case "hibernated":
      return { severity: "info", text: "Hibernated: resume it to continue where you left off." };
    default:
      if (session.agent_connected === false) {
        return {
          severity: "warning",
          text: "The machine running it stopped answering; it may come back.",
        };
      }
      return null;
  }
}

const LIVE = new Set(["pending", "starting", "running", "hibernated"]);

function SessionCard({ session, iconUrl }: { session: SessionView; iconUrl?: string }) {
  const action = useSessionAction();
  const run = (a: SessionAction) => action.mutate({ id: session.id ?? "", action: a });
  const note = sessionNote(session);
  const name = session.template_name ?? session.template_id ?? "Session";
  return (
    <Card variant="outlined" component="article" aria-label={`${name} session`}>
      <CardContent>
        <Stack direction="row" spacing={2} sx={{ alignItems: "center" }}>
          <TemplateIcon name={name} iconUrl={iconUrl} size={44} />
          <Box sx={{ flexGrow: 1, minWidth: 0 }}>
            <Typography variant="h6" component="h2" noWrap>
              {name}
            </Typography>
            <Tooltip title={dateTime(session.created_at)}>
              <Typography variant="body2" color="text.secondary">
                Started {relativeTime(session.created_at)} · {cpu(session.resources?.cpu_millis)},{" "}
                {memory(session.resources?.memory_mb)}
              </Typography>
            </Tooltip>
          </Box>
          <StatusChip status={session.status} />
        </Stack>
        {note && (
          <Alert severity={note.severity} sx={{ mt: 2 }}>
            {note.text}
          </Alert>
        )}
        {action.error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {describeError(action.error)}
          </Alert>
        )}
      </CardContent>
      <CardActions sx={{ px: 2, pb: 2, gap: 1, flexWrap: "wrap" }}>
        {session.status === "running" && (
          <Button
            variant="contained"
            startIcon={<OpenInBrowserIcon />}
            component={RouterLink}
            to={`/sessions/${session.id}/desktop`}
          >
            Connect
          </Button>
        )}
        {session.status === "hibernated" && (
          <Button
            variant="contained"
            startIcon={<PlayCircleIcon />}
            onClick={() => run("resume")}
            disabled={action.isPending}
          >
            Resume
          </Button>
        )}
        {session.status === "running" && (
          <Button
            startIcon={<PauseCircleIcon />}
            onClick={() => run("hibernate")}
            disabled={action.isPending}
          >
            Hibernate
          </Button>
        )}
        {LIVE.has(session.status ?? "") && (
          <Button
            color="error"
            startIcon={<StopCircleIcon />}
            onClick={() => run("stop")}
            disabled={action.isPending}
          >
            Stop
          </Button>
        )}
        <Box sx={{ flexGrow: 1 }} />
        <Tooltip title="History">
          <IconButton
            component={RouterLink}
            to={`/sessions/${session.id}/history`}
            aria-label={`History of ${name}`}
          >
            <HistoryIcon />
          </IconButton>
        </Tooltip>
      </CardActions>
    </Card>
  );
}

/** The user's sessions, live ones first, updated as they change. */
export function SessionsPage({ userId }: { userId?: string }) {
  const sessions = useSessions(userId);
  const templates = useTemplates();
  const icons = new Map((templates.data?.items ?? []).map((t) => [t.id, t.icon_url]));
  const items = [...(sessions.data?.items ?? [])].sort((a, b) => {
    const live = Number(LIVE.has(b.status ?? "")) - Number(LIVE.has(a.status ?? ""));
    return live !== 0 ? live : (b.created_at ?? "").localeCompare(a.created_at ?? "");
  });
  return (
    <>
      <PageHeader
        title="My sessions"
        subtitle="Your running and recent applications."
        actions={
          <Button variant="contained" startIcon={<AddIcon />} component={RouterLink} to="/catalog">
            New session
          </Button>
        }
      />
      <QueryState
        label="sessions"
        isPending={sessions.isPending}
        error={sessions.error}
        onRetry={() => void sessions.refetch()}
        isEmpty={items.length === 0}
        empty={
          <Stack spacing={2} sx={{ alignItems: "center" }}>
            <Typography color="text.secondary">You have no sessions yet.</Typography>
            <Button variant="outlined" component={RouterLink} to="/catalog">
              Browse the catalog
            </Button>
          </Stack>
        }
      >
        <Box
          sx={{
            display: "grid",
            gap: 2,
            gridTemplateColumns: "repeat(auto-fill, minmax(340px, 1fr))",
          }}
        >
          {items.map((s) => (
            <SessionCard key={s.id} session={s} iconUrl={icons.get(s.template_id)} />
          ))}
        </Box>
      </QueryState>
    </>
  );
}
