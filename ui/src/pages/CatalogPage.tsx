import { useDeferredValue, useMemo, useState } from "react";
import {
  Box,
  Button,
  Card,
  CardActions,
  CardContent,
  Chip,
  InputAdornment,
  Stack,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from "@mui/material";
import SearchIcon from "@mui/icons-material/Search";
import PlayArrowIcon from "@mui/icons-material/PlayArrow";
import { useTemplates } from "../api/hooks";
import type { TemplateView } from "../api/types";
import { PageHeader } from "../components/Layout";
import { QueryState } from "../components/QueryState";
import { TemplateIcon } from "../components/TemplateIcon";
import { CreateSessionDialog } from "./CreateSessionDialog";

/** Filters templates by a search text over name, description and tags, and by category. */
export function filterTemplates(
  templates: TemplateView[],
  search: string,
  category: string | null,
) {
  const needle = search.trim().toLowerCase();
  return templates.filter((t) => {
    if (category && (t.category ?? "Other") !== category) return false;
    if (!needle) return true;
    return [t.name, t.display_name, t.description, ...(t.tags ?? [])]
      .filter(Boolean)
      .some((text) => text!.toLowerCase().includes(needle));
  });
}

/** The applications this organization offers; starting one opens the preset dialog. */
export function CatalogPage() {
  const templates = useTemplates();
  const [search, setSearch] = useState("");
  const deferred = useDeferredValue(search);
  const [category, setCategory] = useState<string | null>(null);
  const [starting, setStarting] = useState<TemplateView | null>(null);
  const all = templates.data?.items ?? [];
  const categories = useMemo(
    () => [...new Set(all.map((t) => t.category ?? "Other"))].sort(),
    [all],
  );
  const shown = filterTemplates(all, deferred, category);

  return (
    <>
      <PageHeader title="Catalog" subtitle="Pick an application to start it in your browser." />
      <Stack
        direction={{ xs: "column", sm: "row" }}
        spacing={2}
        sx={{ alignItems: { sm: "center" }, mb: 3 }}
      >
        <TextField
          size="small"
          label="Search applications"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          slotProps={{
            input: {
              startAdornment: (
                <InputAdornment position="start">
                  <SearchIcon />
                </InputAdornment>
              ),
            },
          }}
          sx={{ minWidth: 280 }}
        />
        {categories.length > 1 && (
          <ToggleButtonGroup
            size="small"
            exclusive
            value={category}
            onChange={(_, value: string | null) => setCategory(value)}
            aria-label="Category"
          >
            {categories.map((c) => (
              <ToggleButton key={c} value={c}>
                {c}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
        )}
      </Stack>
      <QueryState
        label="catalog"
        isPending={templates.isPending}
        error={templates.error}
        onRetry={() => void templates.refetch()}
        isEmpty={shown.length === 0}
        empty={
          all.length === 0
            ? "No applications have been added yet."
            : "No application matches your search."
        }
      >
        <Box
          sx={{
            display: "grid",
            gap: 2,
            gridTemplateColumns: "repeat(auto-fill, minmax(260px, 1fr))",
          }}
        >
          {shown.map((t) => (
            <Card key={t.id} variant="outlined" sx={{ display: "flex", flexDirection: "column" }}>
              <CardContent sx={{ flexGrow: 1 }}>
                <Stack direction="row" spacing={2} sx={{ alignItems: "center", mb: 1 }}>
                  <TemplateIcon name={t.display_name ?? t.name} iconUrl={t.icon_url} size={48} />
                  <Box>
                    <Typography variant="h6" component="h2">
                      {t.display_name ?? t.name}
                    </Typography>
                    <Typography variant="caption" color="text.secondary">
                      {t.category ?? "Other"}
                    </Typography>
                  </Box>
                </Stack>
                <Typography variant="body2" color="text.secondary">
                  {t.description || "No description."}
                </Typography>
                <Stack direction="row" spacing={0.5} sx={{ mt: 1, flexWrap: "wrap" }}>
                  {(t.tags ?? []).map((tag) => (
                    <Chip key={tag} size="small" label={tag} variant="outlined" />
                  ))}
                </Stack>
              </CardContent>
              <CardActions>
                <Button
                  variant="contained"
                  startIcon={<PlayArrowIcon />}
                  onClick={() => setStarting(t)}
                  aria-label={`Start ${t.display_name ?? t.name}`}
                >
                  Start
                </Button>
              </CardActions>
            </Card>
          ))}
        </Box>
      </QueryState>
      <CreateSessionDialog template={starting} onClose={() => setStarting(null)} />
    </>
  );
}
