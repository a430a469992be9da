import { useState, type FormEvent } from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import {
  Alert,
  Box,
  Button,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
} from "@mui/material";
import DownloadIcon from "@mui/icons-material/Download";
import FilterAltIcon from "@mui/icons-material/FilterAlt";
import { describeError } from "../../api/client";
import { fetchAudit, keys, type AuditFilter } from "../../api/hooks";
import type { AuditEntry } from "../../api/types";
import { PageHeader } from "../../components/Layout";
import { QueryState } from "../../components/QueryState";
import { dateTime } from "../../components/format";
import { humanEventName } from "../sessionState";
import { auditCsv, download } from "./audit";

const EMPTY: AuditFilter = { actor_id: "", event_type: "", resource_id: "", from: "", to: "" };
const EXPORT_LIMIT = 100_000;

/** `datetime-local` → RFC 3339 UTC, as the API wants times. */
function utc(local: string | undefined): string | undefined {
  return local ? new Date(local).toISOString() : undefined;
}

/** Who did what, when: filter, page through, export everything the filter matches. */
export function AuditPage() {
  const [draft, setDraft] = useState<AuditFilter>(EMPTY);
  const [filter, setFilter] = useState<AuditFilter>(EMPTY);
  const [exporting, setExporting] = useState<string | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);
  const query = { ...filter, from: utc(filter.from), to: utc(filter.to) };
  const audit = useInfiniteQuery({
    queryKey: [...keys.audit, query],
    queryFn: ({ pageParam }) => fetchAudit(query, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_page_token || undefined,
  });
  const entries = audit.data?.pages.flatMap((p) => p.items ?? []) ?? [];

  const exportAll = async (format: "csv" | "json") => {
    setExporting(format);
    setExportError(null);
    try {
      const all: AuditEntry[] = [];
      let token: string | undefined;
      do {
        const page = await fetchAudit(query, token, 500);
        all.push(...(page.items ?? []));
        token = page.next_page_token || undefined;
      } while (token && all.length < EXPORT_LIMIT);
      const stamp = new Date().toISOString().replace(/[:.]/g, "-");
      if (format === "csv") download(`audit-${stamp}.csv`, "text/csv", auditCsv(all));
      else download(`audit-${stamp}.json`, "application/json", JSON.stringify(all, null, 2));
    } catch (e) {
      setExportError(e);
    } finally {
      setExporting(null);
    }
  };

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilter(draft);
  };
  const input = (key: keyof AuditFilter, label: string, extra: object = {}) => (
    <TextField
      size="small"
      label={label}
      value={draft[key] ?? ""}
      onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
      {...extra}
    />
  );

  return (
    <>
      <PageHeader
        title="Audit log"
        subtitle="Every change, with who made it and from where."
        actions={
          <Stack direction="row" spacing={1}>
            <Button
              startIcon={<DownloadIcon />}
              onClick={() => void exportAll("csv")}
              disabled={exporting !== null}
            >
              {exporting === "csv" ? "Exporting…" : "CSV"}
            </Button>
            <Button
              startIcon={<DownloadIcon />}
              onClick={() => void exportAll("json")}
              disabled={exporting !== null}
            >
              {exporting === "json" ? "Exporting…" : "JSON"}
            </Button>
          </Stack>
        }
      />
      <Paper
        variant="outlined"
        component="form"
        onSubmit={apply}
        sx={{ p: 2, mb: 2 }}
        aria-label="Audit filters"
      >
        <Stack
          direction={{ xs: "column", md: "row" }}
          spacing={2}
          useFlexGap
          sx={{ flexWrap: "wrap" }}
        >
          {input("actor_id", "Actor id")}
          {input("event_type", "Event type", { placeholder: "SessionCreated" })}
          {input("resource_id", "Resource id")}
          {input("from", "From", {
            type: "datetime-local",
            slotProps: { inputLabel: { shrink: true } },
          })}
          {input("to", "To", {
            type: "datetime-local",
            slotProps: { inputLabel: { shrink: true } },
          })}
          <Button type="submit" variant="contained" startIcon={<FilterAltIcon />}>
            Apply
          </Button>
          <Button
            onClick={() => {
              setDraft(EMPTY);
              setFilter(EMPTY);
            }}
          >
            Clear
          </Button>
        </Stack>
      </Paper>
      {exportError !== null && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {describeError(exportError)}
        </Alert>
      )}
      <QueryState
        label="audit log"
        isPending={audit.isPending}
        error={audit.error}
        onRetry={() => void audit.refetch()}
        isEmpty={entries.length === 0}
        empty="No entries match these filters."
      >
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-label="Audit entries">
            <TableHead>
              <TableRow>
                <TableCell>When</TableCell>
                <TableCell>What</TableCell>
                <TableCell>Resource</TableCell>
                <TableCell>Who</TableCell>
                <TableCell>From</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {entries.map((e) => (
                <TableRow key={e.event_id ?? e.position} hover>
                  <TableCell sx={{ whiteSpace: "nowrap" }}>{dateTime(e.occurred_at)}</TableCell>
                  <TableCell>{humanEventName(e.event_type)}</TableCell>
                  <TableCell sx={{ fontFamily: "monospace", fontSize: 12 }}>
                    {e.resource_type} {e.resource_id}
                  </TableCell>
                  <TableCell sx={{ fontFamily: "monospace", fontSize: 12 }}>
                    {e.actor_id ?? "platform"}
                  </TableCell>
                  <TableCell>{e.client_ip ?? "—"}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
        {audit.hasNextPage && (
          <Box sx={{ textAlign: "center", mt: 2 }}>
            <Button onClick={() => void audit.fetchNextPage()} disabled={audit.isFetchingNextPage}>
              {audit.isFetchingNextPage ? "Loading…" : "Load more"}
            </Button>
          </Box>
        )}
      </QueryState>
    </>
  );
}
