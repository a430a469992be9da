import type { SessionEventEntry } from "../api/types";

/** A session as its history says it was after some event. */
export interface SessionSnapshot {
  status?: string;
  reason?: string | null;
  template?: string;
  agent?: string;
  resources?: { cpu_millis?: number; memory_mb?: number };
  changedBy?: string;
  at?: string;
}

const STATUS_OF: Record<string, string> = {
  SessionCreated: "pending",
  SessionStarting: "starting",
  SessionRunning: "running",
  SessionHibernated: "hibernated",
  SessionStopped: "stopped",
  SessionFailed: "failed",
};

/** The short name of an event type ("io.x.SessionCreated" → "SessionCreated"). */
export function eventName(type: string | undefined): string {
  if (!type) return "Event";
  return type.slice(type.lastIndexOf(".") + 1);
}

/** "SessionCreated" → "Session created". */
export function humanEventName(type: string | undefined): string {
  const words = eventName(type)
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

type Payload = Record<string, unknown>;

/** Folds the events up to and including `index`: the state the session had right after it. */
export function stateAfter(events: SessionEventEntry[], index: number): SessionSnapshot {
  let state: SessionSnapshot = {};
  for (const entry of events.slice(0, index + 1)) {
    const payload = (entry.payload ?? {}) as Payload;
    const name = eventName(entry.type);
    const next: SessionSnapshot = { ...state, changedBy: entry.actor_id, at: entry.occurred_at };
    const template = payload.template as Payload | undefined;
    if (name === "SessionCreated") {
      next.template =
        (template?.display_name as string | undefined) ??
        (template?.name as string | undefined) ??
        (payload.template_id as string | undefined);
      next.resources =
        (payload.resources as SessionSnapshot["resources"]) ??
        (template?.default_resources as SessionSnapshot["resources"]);
      // a session no agent could take when it was created says why it waits right here
      next.reason = (payload.waiting_reason as string | null | undefined) ?? null;
    }
    if (typeof payload.status === "string") next.status = payload.status;
    else if (STATUS_OF[name]) next.status = STATUS_OF[name];
    if ("reason" in payload) next.reason = (payload.reason as string | null) ?? null;
    else if (
      name === "SessionStarting" ||
      name === "SessionRunning" ||
      name === "SessionAssigned"
    ) {
      next.reason = null;
    }
    if (typeof payload.agent_id === "string") next.agent = payload.agent_id;
    state = next;
  }
  return state;
}
