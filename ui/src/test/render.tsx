import type { ReactElement } from "react";
import { render } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { MemoryRouter, Route, Routes } from "react-router";
import { ThemeProvider } from "@mui/material";
import { vi } from "vitest";
import { theme } from "../theme";

type Handler = (request: { method: string; url: string; body: unknown; headers: Headers }) => {
  status?: number;
  body?: unknown;
};

/** A fetch that answers from `routes` ("GET /api/v1/sessions" → handler) and records calls. */
export function fakeApi(routes: Record<string, Handler>) {
  const calls: { method: string; url: string; body: unknown; headers: Headers }[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? "GET";
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    const headers = new Headers(init?.headers);
    calls.push({ method, url, body, headers });
    const path = url.split("?")[0];
    const handler = routes[`${method} ${path}`];
    const answer = handler
      ? handler({ method, url, body, headers })
      : { status: 404, body: { title: "Not Found", status: 404, detail: `no route ${path}` } };
    const status = answer.status ?? 200;
    const text = answer.body === undefined ? "" : JSON.stringify(answer.body);
    return new Response(text, {
      status,
      headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json" },
    });
  });
  vi.stubGlobal("fetch", fetchMock);
  return { calls, fetchMock };
}

/** Renders `ui` at `path` (matched against `pattern`) with a fresh query cache. */
export function renderAt(ui: ReactElement, path = "/", pattern = path) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const result = render(
    <QueryClientProvider client={client}>
      <ThemeProvider theme={theme}>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path={pattern} element={ui} />
            <Route path="/login" element={<div>login screen</div>} />
            {pattern !== "/" && <Route path="/" element={<div>home screen</div>} />}
          </Routes>
        </MemoryRouter>
      </ThemeProvider>
    </QueryClientProvider>,
  );
  return { ...result, client };
}

/** A token whose claims say who is signed in (unsigned: the UI only reads it). */
export function tokenFor(claims: Record<string, unknown>): string {
  const encode = (value: object) =>
    btoa(JSON.stringify(value)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  return `${encode({ alg: "none" })}.${encode({ exp: Date.now() / 1000 + 3600, ...claims })}.sig`;
}
