import { useState } from "react";
import { Link as RouterLink, useParams } from "react-router";
import {
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  List,
  ListItem,
  ListItemButton,
  ListItemText,
  Slider,
  Stack,
  Typography,
} from "@mui/material";
import ArrowBackIcon from "@mui/icons-material/ArrowBack";
import NavigateBeforeIcon from "@mui/icons-material/NavigateBefore";
import NavigateNextIcon from "@mui/icons-material/NavigateNext";
import { useSessionEvents } from "../api/hooks";
import { PageHeader } from "../components/Layout";
import { QueryState } from "../components/QueryState";
import { StatusChip } from "../components/StatusChip";
import { cpu, dateTime, memory } from "../components/format";
import type { SessionStatus } from "../api/types";
import { humanEventName, stateAfter } from "./sessionState";

/** A session's event history: pick an event to see the session as it was right after it. */
export function HistoryPage() {
  const { id = "" } = useParams();
  const events = useSessionEvents(id);
  const items = events.data?.items ?? [];
  const [picked, setPicked] = useState<number | null>(null);
  const index = Math.min(picked ?? items.length - 1, items.length - 1);
  const state = index >= 0 ? stateAfter(items, index) : {};
  const current = items[index];

  return (
    <>
      <PageHeader
        title="Session history"
        subtitle={`Every change to session ${id}, who made it and when.`}
        actions={
          <Button startIcon={<ArrowBackIcon />} component={RouterLink} to="/">
            My sessions
          </Button>
        }
      />
      <QueryState
        label="history"
        isPending={events.isPending}
        error={events.error}
        onRetry={() => void events.refetch()}
        isEmpty={items.length === 0}
        empty="This session has no recorded events."
      >
        <Box
          sx={{
            display: "grid",
            gap: 2,
            gridTemplateColumns: { xs: "1fr", md: "minmax(0, 3fr) minmax(0, 2fr)" },
          }}
        >
          <Card variant="outlined">
            <List aria-label="Events" dense>
              {items.map((entry, i) => (
                <ListItem key={entry.sequence ?? i} disablePadding>
                  <ListItemButton
                    selected={i === index}
                    onClick={() => setPicked(i)}
                    aria-current={i === index ? "step" : undefined}
                  >
                    <ListItemText
                      primary={`${i + 1}. ${humanEventName(entry.type)}`}
                      secondary={`${dateTime(entry.occurred_at)} · by ${entry.actor_id ?? "the platform"}`}
                    />
                  </ListItemButton>
                </ListItem>
              ))}
            </List>
          </Card>
          <Card
            variant="outlined"
            sx={{ alignSelf: "start", position: { md: "sticky" }, top: { md: 88 } }}
          >
            <CardContent>
              <Typography variant="overline">
                State after event {index + 1} of {items.length}
              </Typography>
              <Stack direction="row" spacing={1} sx={{ alignItems: "center", my: 1 }}>
                <Button
                  size="small"
                  startIcon={<NavigateBeforeIcon />}
                  disabled={index <= 0}
                  onClick={() => setPicked(index - 1)}
                >
                  Earlier
                </Button>
                <Slider
                  aria-label="Step through the history"
                  min={0}
                  max={Math.max(0, items.length - 1)}
                  step={1}
                  marks
                  value={index}
                  onChange={(_, v) => setPicked(v as number)}
                  sx={{ mx: 1 }}
                />
                <Button
                  size="small"
                  endIcon={<NavigateNextIcon />}
                  disabled={index >= items.length - 1}
                  onClick={() => setPicked(index + 1)}
                >
                  Later
                </Button>
              </Stack>
              <Typography variant="h6" component="h2" gutterBottom>
                {humanEventName(current?.type)}
              </Typography>
              <Box
                component="dl"
                sx={{
                  display: "grid",
                  gridTemplateColumns: "auto 1fr",
                  columnGap: 2,
                  rowGap: 1,
                  m: 0,
                }}
              >
                <dt>Status</dt>
                <dd style={{ margin: 0 }}>
                  <StatusChip status={state.status as SessionStatus | undefined} />
                </dd>
                <dt>Reason</dt>
                <dd style={{ margin: 0 }}>{state.reason ?? "—"}</dd>
                <dt>Application</dt>
                <dd style={{ margin: 0 }}>{state.template ?? "—"}</dd>
                <dt>Resources</dt>
                <dd style={{ margin: 0 }}>
                  {cpu(state.resources?.cpu_millis)}, {memory(state.resources?.memory_mb)}
                </dd>
                <dt>Agent</dt>
                <dd style={{ margin: 0 }}>{state.agent ?? "—"}</dd>
                <dt>Changed by</dt>
                <dd style={{ margin: 0 }}>{state.changedBy ?? "the platform"}</dd>
                <dt>At</dt>
                <dd style={{ margin: 0 }}>{dateTime(state.at)}</dd>
              </Box>
              {current?.request_id && (
                <Chip
                  size="small"
                  variant="outlined"
                  sx={{ mt: 2 }}
                  label={`request ${current.request_id}`}
                />
              )}
              <Typography variant="subtitle2" sx={{ mt: 2 }} id="event-payload-label">
                Event payload
              </Typography>
              <Box
                component="pre"
                // It scrolls: keyboard users must be able to reach it to scroll it.
                tabIndex={0}
                aria-labelledby="event-payload-label"
                sx={{
                  bgcolor: "grey.100",
                  p: 1,
                  borderRadius: 1,
                  overflow: "auto",
                  fontSize: 12,
                  maxHeight: 240,
                }}
              >
                {JSON.stringify(current?.payload ?? {}, null, 2)}
              </Box>
            </CardContent>
          </Card>
        </Box>
      </QueryState>
    </>
  );
}
