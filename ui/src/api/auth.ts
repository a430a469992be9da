import type { Role } from "./types";

/** Where the browser keeps the platform token (shared with the VNC viewer page). */
export const TOKEN_KEY = "streamspace.access_token";

/** Who the token says the user is. */
export interface Identity {
  userId: string;
  organizationId: string;
  role: Role;
  username: string;
  expiresAt: number;
}

export function storedToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function storeToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
  window.dispatchEvent(new Event("streamspace:auth"));
}

export function clearToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  window.dispatchEvent(new Event("streamspace:auth"));
}

/**
 * Reads the token's claims for display and navigation only: the server checks the signature on
 * every call, so nothing here is trusted for access.
 */
export function identityOf(token: string | null): Identity | null {
  if (!token) return null;
  const part = token.split(".")[1];
  if (!part) return null;
  try {
    const json = atob(part.replace(/-/g, "+").replace(/_/g, "/"));
    const claims = JSON.parse(json) as Record<string, unknown>;
    const expiresAt = typeof claims.exp === "number" ? claims.exp * 1000 : 0;
    if (expiresAt && expiresAt < Date.now()) return null;
    return {
      userId: String(claims.sub ?? ""),
      organizationId: String(claims.org ?? ""),
      role: (claims.role as Role) ?? "user",
      username: String(claims.username ?? claims.preferred_username ?? claims.sub ?? ""),
      expiresAt,
    };
  } catch {
    return null;
  }
}

export function isOrgAdmin(identity: Identity | null): boolean {
  return identity?.role === "org_admin" || identity?.role === "system_admin";
}

export function isSystemAdmin(identity: Identity | null): boolean {
  return identity?.role === "system_admin";
}
