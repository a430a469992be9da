import { useCallback, useEffect, useRef, useState } from "react";
import { Link as RouterLink, useParams } from "react-router";
import {
  Alert,
  Box,
  Button,
  Chip,
  IconButton,
  Paper,
  Stack,
  TextField,
  ToggleButton,
  Tooltip,
  Typography,
} from "@mui/material";
import ArrowBackIcon from "@mui/icons-material/ArrowBack";
import FullscreenIcon from "@mui/icons-material/Fullscreen";
import FitScreenIcon from "@mui/icons-material/FitScreen";
import RefreshIcon from "@mui/icons-material/Refresh";
import ContentPasteIcon from "@mui/icons-material/ContentPaste";
import KeyboardIcon from "@mui/icons-material/Keyboard";
import type RFB from "@novnc/novnc";
import { api, ApiError, describeError } from "../api/client";
import { useSession } from "../api/hooks";
import type { VncTicket } from "../api/types";
import { StatusChip } from "../components/StatusChip";

type Phase = "connecting" | "connected" | "reconnecting" | "disconnected" | "failed";

const PHASE_LABELS: Record<Phase, string> = {
  connecting: "Connecting…",
  connected: "Connected",
  reconnecting: "Reconnecting…",
  disconnected: "Disconnected",
  failed: "Unavailable",
};

/**
 * The session's desktop in the page through noVNC, loaded on demand (this screen is its own
 * chunk). A fresh short-lived ticket is fetched for every (re)connect; a dropped connection is
 * retried with a growing pause without reloading the page.
 */
/** How a round trip to the server feels for an interactive desktop. */
export function quality(roundTripMs: number): "Good" | "Fair" | "Poor" {
  if (roundTripMs < 100) return "Good";
  if (roundTripMs < 300) return "Fair";
  return "Poor";
}

export default function DesktopPage() {
  const { id = "" } = useParams();
  const session = useSession(id);
  const screen = useRef<HTMLDivElement>(null);
  const frame = useRef<HTMLDivElement>(null);
  const rfb = useRef<RFB | null>(null);
  const attempts = useRef(0);
  const retryTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [phase, setPhase] = useState<Phase>("connecting");
  const [error, setError] = useState<string | null>(null);
  const [fit, setFit] = useState(true);
  const [clipboard, setClipboard] = useState("");
  const [latency, setLatency] = useState<number | null>(null);
  const running = session.data?.status === "running";

  const connect = useCallback(async () => {
    if (!screen.current) return;
    setPhase(attempts.current === 0 ? "connecting" : "reconnecting");
    try {
      const ticket = await api<VncTicket>(`/api/v1/sessions/${encodeURIComponent(id)}/vnc`);
      const { default: RfbClass } = await import("@novnc/novnc");
      if (!screen.current) return;
      screen.current.innerHTML = "";
      if (!ticket?.vnc_url) throw new Error("The server answered without a VNC address.");
      const url = ticket.vnc_url.startsWith("ws")
        ? ticket.vnc_url
        : `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}${ticket.vnc_url}`;
      const client = new RfbClass(screen.current, url, { wsProtocols: ["binary"] });
      client.scaleViewport = fit;
      client.focusOnClick = true;
      client.addEventListener("connect", () => {
        attempts.current = 0;
        setError(null);
        setPhase("connected");
        client.focus();
      });
      client.addEventListener("disconnect", (event) => {
        const clean = (event as CustomEvent<{ clean: boolean }>).detail?.clean;
        rfb.current = null;
        if (clean && attempts.current < 0) {
          setPhase("disconnected");
          return;
        }
        attempts.current += 1;
        setPhase("reconnecting");
        retryTimer.current = setTimeout(
          () => void connect(),
          Math.min(15_000, 500 * 2 ** attempts.current),
        );
      });
      client.addEventListener("clipboard", (event) => {
        setClipboard((event as CustomEvent<{ text: string }>).detail.text);
      });
      rfb.current = client;
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 409 || e.status === 403)) {
        setPhase("failed");
        setError(describeError(e));
        return;
      }
      attempts.current += 1;
      setError(describeError(e));
      setPhase("reconnecting");
      retryTimer.current = setTimeout(
        () => void connect(),
        Math.min(15_000, 500 * 2 ** attempts.current),
      );
    }
  }, [id, fit]);

  useEffect(() => {
    if (!running) return;
    attempts.current = 0;
    void connect();
    return () => {
      clearTimeout(retryTimer.current);
      attempts.current = -1; // a disconnect we asked for is not retried
      rfb.current?.disconnect();
      rfb.current = null;
    };
    // `fit` is applied in place below: changing it must not reconnect.
  }, [running, id]);

  useEffect(() => {
    if (rfb.current) rfb.current.scaleViewport = fit;
  }, [fit]);

  // Connection quality: the round trip to the server the desktop's bytes go through, measured
  // every few seconds while connected (the median of the last three, so one slow answer does not
  // flap the indicator).
  useEffect(() => {
    if (phase !== "connected") {
      setLatency(null);
      return;
    }
    const samples: number[] = [];
    let stopped = false;
    const measure = async () => {
      const started = performance.now();
      try {
        await api<unknown>(`/api/v1/sessions/${encodeURIComponent(id)}`);
      } catch {
        return;
      }
      if (stopped) return;
      samples.push(performance.now() - started);
      if (samples.length > 3) samples.shift();
      const sorted = [...samples].sort((a, b) => a - b);
      setLatency(Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0));
    };
    void measure();
    const timer = setInterval(() => void measure(), 5_000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [phase, id]);

  // Back online after a drop: try at once instead of waiting out the back-off.
  useEffect(() => {
    const online = () => {
      if (rfb.current || attempts.current <= 0) return;
      clearTimeout(retryTimer.current);
      void connect();
    };
    window.addEventListener("online", online);
    return () => window.removeEventListener("online", online);
  }, [connect]);

  const reconnect = () => {
    clearTimeout(retryTimer.current);
    attempts.current = 0;
    if (rfb.current) {
      rfb.current.disconnect(); // its disconnect handler reconnects
    } else {
      void connect();
    }
  };

  const name = session.data?.template_name ?? "Desktop";
  return (
    <Stack spacing={1} sx={{ height: "calc(100vh - 112px)" }}>
      <Paper variant="outlined" sx={{ p: 1 }}>
        <Stack
          direction="row"
          spacing={1}
          useFlexGap
          sx={{ alignItems: "center", flexWrap: "wrap" }}
        >
          <Button startIcon={<ArrowBackIcon />} component={RouterLink} to="/" size="small">
            Sessions
          </Button>
          <Typography variant="subtitle1" component="h1" sx={{ fontWeight: 600 }}>
            {name}
          </Typography>
          <StatusChip status={session.data?.status} />
          <Chip
            size="small"
            variant="outlined"
            aria-live="polite"
            color={phase === "connected" ? "success" : phase === "failed" ? "error" : "warning"}
            label={
              phase === "connected"
                ? `Connected${latency !== null ? ` · ${quality(latency)} · ${latency} ms` : ""}`
                : PHASE_LABELS[phase]
            }
            data-testid="connection-state"
          />
          <Box sx={{ flexGrow: 1 }} />
          <TextField
            size="small"
            label="Clipboard"
            value={clipboard}
            onChange={(e) => setClipboard(e.target.value)}
            sx={{ width: 200 }}
          />
          <Tooltip title="Send clipboard text to the session">
            <IconButton
              aria-label="Send clipboard text"
              onClick={() => rfb.current?.clipboardPasteFrom(clipboard)}
            >
              <ContentPasteIcon />
            </IconButton>
          </Tooltip>
          <Tooltip title="Send Ctrl+Alt+Del">
            <IconButton
              aria-label="Send Ctrl Alt Del"
              onClick={() => rfb.current?.sendCtrlAltDel()}
            >
              <KeyboardIcon />
            </IconButton>
          </Tooltip>
          <Tooltip title="Fit to window">
            <ToggleButton
              value="fit"
              size="small"
              selected={fit}
              onChange={() => setFit(!fit)}
              aria-label="Fit to window"
            >
              <FitScreenIcon />
            </ToggleButton>
          </Tooltip>
          <Tooltip title="Full screen">
            <IconButton
              aria-label="Full screen"
              onClick={() => void enterFullScreen(frame.current)}
            >
              <FullscreenIcon />
            </IconButton>
          </Tooltip>
          <Tooltip title="Reconnect">
            <IconButton aria-label="Reconnect" onClick={reconnect}>
              <RefreshIcon />
            </IconButton>
          </Tooltip>
        </Stack>
      </Paper>
      {session.error && <Alert severity="error">{describeError(session.error)}</Alert>}
      {session.data && !running && (
        <Alert severity="info">
          This session is {session.data.status}; it can be shown once it is running.
        </Alert>
      )}
      {error && (
        <Alert
          severity={phase === "failed" ? "error" : "warning"}
          action={
            <Button color="inherit" size="small" href={`/view/${encodeURIComponent(id)}`}>
              Open the standalone viewer
            </Button>
          }
        >
          {error}
        </Alert>
      )}
      <Box
        ref={frame}
        sx={{
          flexGrow: 1,
          bgcolor: "#1e1e1e",
          borderRadius: 1,
          overflow: "hidden",
          position: "relative",
        }}
      >
        <Box
          ref={screen}
          data-testid="vnc-screen"
          // The remote desktop takes keys and pointer itself, like an application does.
          role="application"
          aria-label={`${name} desktop`}
          sx={{ width: "100%", height: "100%" }}
        />
      </Box>
    </Stack>
  );
}

/** The Keyboard Lock API (Chromium): not yet in TypeScript's DOM types. */
type KeyboardLock = { lock?: () => Promise<void>; unlock?: () => void };

/**
 * Full screen with the keyboard locked to the page where the browser allows it, so shortcuts it
 * would otherwise keep (Ctrl+W, Ctrl+T, Escape) reach the session; leaving full screen (holding
 * Escape) unlocks it.
 */
async function enterFullScreen(element: HTMLElement | null): Promise<void> {
  if (!element?.requestFullscreen) return;
  await element.requestFullscreen();
  const keyboard = (navigator as Navigator & { keyboard?: KeyboardLock }).keyboard;
  if (!keyboard?.lock) return;
  try {
    await keyboard.lock();
  } catch {
    return; // not allowed here: full screen still works, without the shortcuts
  }
  const unlock = () => {
    if (!document.fullscreenElement) {
      keyboard.unlock?.();
      document.removeEventListener("fullscreenchange", unlock);
    }
  };
  document.addEventListener("fullscreenchange", unlock);
}
