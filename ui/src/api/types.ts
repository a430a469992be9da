// Names for the API's shapes, all generated from openapi.json (see README: "API types").
import type { components } from "./schema";

type Schemas = components["schemas"];

export type SessionView = Schemas["SessionView"];
export type SessionStatus = NonNullable<SessionView["status"]>;
// springdoc describes Jackson's JsonNode by its getters; on the wire a payload is plain JSON.
export type SessionEventEntry = Omit<Schemas["SessionEventEntry"], "payload"> & {
  payload?: unknown;
};
export type CreateSessionRequest = Schemas["CreateSessionRequest"];
export type CreatedSession = Schemas["CreatedSession"];
export type TemplateView = Schemas["TemplateView"];
export type TemplateRequest = Schemas["TemplateRequest"];
export type UserView = Schemas["UserView"];
export type Role = NonNullable<UserView["role"]>;
export type RegisterUserRequest = Schemas["RegisterUserRequest"];
export type ChangeUserRequest = Schemas["ChangeUserRequest"];
export type OrganizationView = Schemas["OrganizationView"];
export type CreateOrganizationRequest = Schemas["CreateOrganizationRequest"];
export type QuotaBody = Schemas["QuotaBody"];
export type AgentView = Schemas["AgentView"];
export type AuditEntry = Omit<Schemas["AuditEntry"], "payload"> & { payload?: unknown };
export type ProjectionStatus = Schemas["ProjectionStatus"];
/** `GET /api/v1/admin/settings`: the effective configuration, without secrets. */
export type PlatformSettings = Schemas["PlatformSettings"];
export type TokenResponse = Schemas["TokenResponse"];
export type Resources = Schemas["Resources"];

/** The API's list shape. */
export interface Page<T> {
  items?: T[];
  next_page_token?: string;
}

// Identity and VNC endpoints (built in parallel, now in openapi.json).

/** `GET /api/v1/auth/providers` (public): one "Sign in with …" button each. */
export type SignInProvider = Schemas["ProviderOption"];

/** `GET /api/v1/api-keys` item. */
export type ApiKeyView = Schemas["ApiKeyView"];
/** `POST /api/v1/api-keys` body: a name, an expiry, and at most the caller's own role. */
export type ApiKeyRequest = Schemas["ApiKeyRequest"];
/** `POST /api/v1/api-keys` answer: `key` is the secret, shown once. */
export type ApiKeyCreated = Schemas["ApiKeyShownOnce"];

/** `GET /api/v1/sessions/{id}/vnc`: a short-lived ticket for the VNC WebSocket. */
export type VncTicket = Schemas["VncAccess"];

/** RFC 9457 problem details as the server sends them (errors answer no schema in the spec). */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  request_id?: string;
  errors?: { field?: string; pointer?: string; detail?: string; message?: string }[];
}
