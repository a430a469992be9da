import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api, ApiError, newRequestKey } from "./client";
import type {
  AgentView,
  ApiKeyCreated,
  ApiKeyRequest,
  ApiKeyView,
  AuditEntry,
  ChangeUserRequest,
  CreateOrganizationRequest,
  CreatedSession,
  CreateSessionRequest,
  OrganizationView,
  Page,
  PlatformSettings,
  ProjectionStatus,
  QuotaBody,
  RegisterUserRequest,
  SessionEventEntry,
  SessionView,
  SignInProvider,
  TemplateRequest,
  TemplateView,
  UserView,
} from "./types";

/** Query keys: the live stream invalidates by these prefixes. */
export const keys = {
  sessions: ["sessions"] as const,
  session: (id: string) => ["session", id] as const,
  sessionEvents: (id: string) => ["session-events", id] as const,
  templates: ["templates"] as const,
  users: ["users"] as const,
  organizations: ["organizations"] as const,
  organization: (id: string) => ["organizations", id] as const,
  agents: ["agents"] as const,
  projections: ["projections"] as const,
  settings: ["settings"] as const,
  audit: ["audit"] as const,
  apiKeys: ["api-keys"] as const,
  providers: ["auth-providers"] as const,
};

const LIST = { page_size: 100 };

/** How long a read model may take to show a write; lists are read again after it. */
const PROJECTION_DELAY_MS = 1_500;

type ListKey = readonly unknown[];

/**
 * Shows a write in every cached list under `key` at once (the read model catches up a moment
 * later: an immediate refetch could still miss it), then reads the lists again.
 */
function reflectWrite<T extends { id?: string }>(
  client: QueryClient,
  key: ListKey,
  change: { upsert?: T; removeId?: string },
) {
  client.setQueriesData<Page<T>>({ queryKey: key }, (page) => {
    // Only lists: a single resource cached under the same prefix is left alone.
    if (!page || !Array.isArray(page.items)) return page;
    let items = page.items;
    if (change.removeId) items = items.filter((item) => item.id !== change.removeId);
    const upsert = change.upsert;
    if (upsert?.id) {
      items = items.some((item) => item.id === upsert.id)
        ? items.map((item) => (item.id === upsert.id ? { ...item, ...upsert } : item))
        : [...items, upsert];
    }
    return { ...page, items };
  });
  setTimeout(() => void client.invalidateQueries({ queryKey: key }), PROJECTION_DELAY_MS);
}

/** Sessions the caller may see; `userId` narrows them to one user's (an admin sees the org's). */
export function useSessions(userId?: string) {
  return useQuery({
    queryKey: [...keys.sessions, userId ?? "all"],
    queryFn: ({ signal }) =>
      api<Page<SessionView>>("/api/v1/sessions", {
        query: { ...LIST, user_id: userId },
        signal,
      }),
  });
}

export function useSession(id: string) {
  return useQuery({
    queryKey: keys.session(id),
    queryFn: ({ signal }) =>
      api<SessionView>(`/api/v1/sessions/${encodeURIComponent(id)}`, { signal }),
  });
}

export function useSessionEvents(id: string) {
  return useQuery({
    queryKey: keys.sessionEvents(id),
    queryFn: ({ signal }) =>
      api<Page<SessionEventEntry>>(`/api/v1/sessions/${encodeURIComponent(id)}/events`, {
        signal,
      }),
  });
}

export function useCreateSession() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSessionRequest) =>
      api<CreatedSession>("/api/v1/sessions", {
        method: "POST",
        body,
        idempotencyKey: newRequestKey(),
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.sessions }),
  });
}

export type SessionAction = "hibernate" | "resume" | "stop";

export function useSessionAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: SessionAction }) => {
      const path = `/api/v1/sessions/${encodeURIComponent(id)}`;
      return action === "stop"
        ? api<unknown>(path, { method: "DELETE" })
        : api<unknown>(`${path}/${action}`, { method: "POST", idempotencyKey: newRequestKey() });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: keys.sessions }),
  });
}

export function useTemplates(filter: { q?: string; category?: string } = {}) {
  return useQuery({
    queryKey: [...keys.templates, filter],
    queryFn: ({ signal }) =>
      api<Page<TemplateView>>("/api/v1/templates", { query: { ...LIST, ...filter }, signal }),
  });
}

export function useSaveTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: TemplateRequest }) =>
      id
        ? api<TemplateView>(`/api/v1/templates/${encodeURIComponent(id)}`, { method: "PUT", body })
        : api<TemplateView>("/api/v1/templates", {
            method: "POST",
            body,
            idempotencyKey: newRequestKey(),
          }),
    onSuccess: (saved) => reflectWrite<TemplateView>(client, keys.templates, { upsert: saved }),
  });
}

export function useDeleteTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<void>(`/api/v1/templates/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: (_, id) => reflectWrite<TemplateView>(client, keys.templates, { removeId: id }),
  });
}

export function useUsers(organizationId?: string) {
  return useQuery({
    queryKey: [...keys.users, organizationId ?? ""],
    queryFn: ({ signal }) =>
      api<Page<UserView>>("/api/v1/users", {
        query: { ...LIST, organization_id: organizationId },
        signal,
      }),
  });
}

export function useRegisterUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RegisterUserRequest) =>
      api<UserView>("/api/v1/users", { method: "POST", body, idempotencyKey: newRequestKey() }),
    onSuccess: (user) => reflectWrite<UserView>(client, keys.users, { upsert: user }),
  });
}

export function useChangeUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ChangeUserRequest }) =>
      api<UserView>(`/api/v1/users/${encodeURIComponent(id)}`, { method: "PUT", body }),
    onSuccess: (user) => reflectWrite<UserView>(client, keys.users, { upsert: user }),
  });
}

export function useOrganizations(enabled = true) {
  return useQuery({
    queryKey: keys.organizations,
    enabled,
    queryFn: ({ signal }) =>
      api<Page<OrganizationView>>("/api/v1/organizations", { query: LIST, signal }),
  });
}

export function useOrganization(id: string | undefined) {
  return useQuery({
    queryKey: keys.organization(id ?? ""),
    enabled: Boolean(id),
    queryFn: ({ signal }) =>
      api<OrganizationView>(`/api/v1/organizations/${encodeURIComponent(id ?? "")}`, { signal }),
  });
}

export function useCreateOrganization() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOrganizationRequest) =>
      api<OrganizationView>("/api/v1/organizations", {
        method: "POST",
        body,
        idempotencyKey: newRequestKey(),
      }),
    onSuccess: (org) => reflectWrite<OrganizationView>(client, keys.organizations, { upsert: org }),
  });
}

export function useChangeQuota() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, quota }: { id: string; quota: QuotaBody }) =>
      api<unknown>(`/api/v1/organizations/${encodeURIComponent(id)}/quota`, {
        method: "PUT",
        body: quota,
      }),
    onSuccess: (_, { id, quota }) =>
      reflectWrite<OrganizationView>(client, keys.organizations, {
        upsert: { id, quota: { ...quota } },
      }),
  });
}

export function useAgents() {
  return useQuery({
    queryKey: keys.agents,
    queryFn: ({ signal }) => api<Page<AgentView>>("/api/v1/agents", { query: LIST, signal }),
    // Heartbeat age and load are not events: refresh them on a timer as well.
    refetchInterval: 10_000,
  });
}

export function useProjections() {
  return useQuery({
    queryKey: keys.projections,
    queryFn: ({ signal }) => api<Page<ProjectionStatus>>("/api/v1/admin/projections", { signal }),
    // Every second while a replay runs, to show its progress; otherwise now and then.
    refetchInterval: (query) =>
      (query.state.data?.items ?? []).some((p) => p.replaying) ? 1_000 : 10_000,
  });
}

export function useReplayProjection() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      api<unknown>(`/api/v1/admin/projections/${encodeURIComponent(name)}/replay`, {
        method: "POST",
        idempotencyKey: newRequestKey(),
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.projections }),
  });
}

export interface AuditFilter {
  actor_id?: string;
  event_type?: string;
  resource_id?: string;
  from?: string;
  to?: string;
  organization_id?: string;
}

export function fetchAudit(filter: AuditFilter, pageToken?: string, pageSize = 100) {
  return api<Page<AuditEntry>>("/api/v1/audit", {
    query: { ...filter, page_size: pageSize, page_token: pageToken },
  });
}

export function useAudit(filter: AuditFilter) {
  return useQuery({
    queryKey: [...keys.audit, filter],
    queryFn: () => fetchAudit(filter),
  });
}

/** Sign-in providers; none when the endpoint is missing or no issuer is configured. */
export function useProviders() {
  return useQuery({
    queryKey: keys.providers,
    retry: false,
    queryFn: async () => {
      try {
        const page = await api<Page<SignInProvider>>("/api/v1/auth/providers");
        return page?.items ?? [];
      } catch {
        return [];
      }
    },
  });
}

/** API keys; a server without them yet answers 404, shown as "not available". */
export function useApiKeys() {
  return useQuery({
    queryKey: keys.apiKeys,
    queryFn: async () => {
      try {
        const page = await api<Page<ApiKeyView>>("/api/v1/api-keys", { query: LIST });
        return { available: true, items: page?.items ?? [] };
      } catch (error) {
        if (error instanceof ApiError && (error.status === 404 || error.status === 405)) {
          return { available: false, items: [] as ApiKeyView[] };
        }
        throw error;
      }
    },
  });
}

export function useCreateApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiKeyRequest) =>
      api<ApiKeyCreated>("/api/v1/api-keys", {
        method: "POST",
        body,
        idempotencyKey: newRequestKey(),
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.apiKeys }),
  });
}

export function useRevokeApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<void>(`/api/v1/api-keys/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.apiKeys });
    },
  });
}

export function useSettings() {
  return useQuery({
    queryKey: keys.settings,
    queryFn: ({ signal }) => api<PlatformSettings>("/api/v1/admin/settings", { signal }),
    // Read from configuration at the server's start: it changes only with a restart.
    staleTime: 5 * 60_000,
  });
}
