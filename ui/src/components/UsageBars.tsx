import { Box, LinearProgress, Stack, Typography } from "@mui/material";

export interface UsageRow {
  label: string;
  used: number;
  limit: number;
  format: (n: number) => string;
}

/** Usage against quota, one bar per resource. */
export function UsageBars({ rows }: { rows: UsageRow[] }) {
  return (
    <Stack spacing={2}>
      {rows.map((row) => {
        const share = row.limit > 0 ? Math.min(100, (row.used / row.limit) * 100) : 100;
        const color = share >= 90 ? "error" : share >= 70 ? "warning" : "primary";
        return (
          <Box key={row.label}>
            <Stack direction="row" sx={{ justifyContent: "space-between" }}>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {row.label}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {row.format(row.used)} of {row.format(row.limit)}
              </Typography>
            </Stack>
            <LinearProgress
              variant="determinate"
              value={share}
              color={color}
              sx={{ height: 10, borderRadius: 5, mt: 0.5 }}
              aria-label={`${row.label} used`}
            />
          </Box>
        );
      })}
    </Stack>
  );
}

/** A small bar chart (SVG, no chart library): counts by label. */
export function CountChart({
  data,
  title,
}: {
  data: { label: string; value: number; color: string }[];
  title: string;
}) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const width = 320;
  const bar = 28;
  const height = data.length * (bar + 8);
  return (
    <svg
      role="img"
      aria-label={title}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      style={{ maxWidth: width }}
    >
      <title>{title}</title>
      {data.map((d, i) => {
        const w = Math.max(2, (d.value / max) * (width - 130));
        const y = i * (bar + 8);
        return (
          <g key={d.label}>
            <text x={0} y={y + bar * 0.65} fontSize={13} fill="currentColor">
              {d.label}
            </text>
            <rect x={90} y={y} width={w} height={bar} rx={4} fill={d.color} />
            <text x={96 + w} y={y + bar * 0.65} fontSize={13} fill="currentColor">
              {d.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
