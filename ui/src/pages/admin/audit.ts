import type { AuditEntry } from "../../api/types";

const COLUMNS: (keyof AuditEntry)[] = [
  "position",
  "occurred_at",
  "event_type",
  "resource_type",
  "resource_id",
  "actor_id",
  "organization_id",
  "request_id",
  "client_ip",
  "user_agent",
  "event_id",
];

function cell(value: unknown): string {
  if (value === undefined || value === null) return "";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV of audit entries, the payload as a JSON column. */
export function auditCsv(entries: AuditEntry[]): string {
  const header = [...COLUMNS, "payload"].join(",");
  const rows = entries.map((e) => [...COLUMNS.map((c) => cell(e[c])), cell(e.payload)].join(","));
  return [header, ...rows].join("\r\n") + "\r\n";
}

/** Offers `content` to the user as a download. */
export function download(name: string, type: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
