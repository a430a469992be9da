import { lazy, Suspense, type ReactNode } from "react";
import { Navigate, Route, Routes, useLocation } from "react-router";
import { Box, CircularProgress } from "@mui/material";
import { isOrgAdmin, isSystemAdmin, type Identity } from "./api/auth";
import { Layout } from "./components/Layout";
import { useIdentity } from "./components/useIdentity";
import { useLiveUpdates } from "./live/useLiveUpdates";
import { CatalogPage } from "./pages/CatalogPage";
import { HistoryPage } from "./pages/HistoryPage";
import { LoginCallback } from "./pages/LoginCallback";
import { LoginPage } from "./pages/LoginPage";
import { SessionsPage } from "./pages/SessionsPage";

// Loaded on demand: the desktop brings noVNC, the admin screens are for few people.
const DesktopPage = lazy(() => import("./pages/DesktopPage"));
const OverviewPage = lazy(() =>
  import("./pages/admin/OverviewPage").then((m) => ({ default: m.OverviewPage })),
);
const UsersPage = lazy(() =>
  import("./pages/admin/UsersPage").then((m) => ({ default: m.UsersPage })),
);
const TemplatesAdminPage = lazy(() =>
  import("./pages/admin/TemplatesAdminPage").then((m) => ({ default: m.TemplatesAdminPage })),
);
const ApiKeysPage = lazy(() =>
  import("./pages/admin/ApiKeysPage").then((m) => ({ default: m.ApiKeysPage })),
);
const AuditPage = lazy(() =>
  import("./pages/admin/AuditPage").then((m) => ({ default: m.AuditPage })),
);
const OrganizationsPage = lazy(() =>
  import("./pages/system/OrganizationsPage").then((m) => ({ default: m.OrganizationsPage })),
);
const AgentsPage = lazy(() =>
  import("./pages/system/AgentsPage").then((m) => ({ default: m.AgentsPage })),
);
const SettingsPage = lazy(() =>
  import("./pages/system/SettingsPage").then((m) => ({ default: m.SettingsPage })),
);
const ProjectionsPage = lazy(() =>
  import("./pages/system/ProjectionsPage").then((m) => ({ default: m.ProjectionsPage })),
);

function Loading() {
  return (
    <Box sx={{ display: "flex", justifyContent: "center", py: 6 }}>
      <CircularProgress aria-label="Loading" />
    </Box>
  );
}

function Only({ allowed, children }: { allowed: boolean; children: ReactNode }) {
  return allowed ? <>{children}</> : <Navigate to="/" replace />;
}

function SignedIn({ identity }: { identity: Identity }) {
  const live = useLiveUpdates(true);
  const admin = isOrgAdmin(identity);
  const system = isSystemAdmin(identity);
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route element={<Layout identity={identity} live={live} />}>
          <Route index element={<SessionsPage userId={identity.userId} />} />
          <Route path="catalog" element={<CatalogPage />} />
          <Route path="sessions/:id/desktop" element={<DesktopPage />} />
          <Route path="sessions/:id/history" element={<HistoryPage />} />
          <Route
            path="admin/overview"
            element={
              <Only allowed={admin}>
                <OverviewPage identity={identity} />
              </Only>
            }
          />
          <Route
            path="admin/users"
            element={
              <Only allowed={admin}>
                <UsersPage identity={identity} />
              </Only>
            }
          />
          <Route
            path="admin/templates"
            element={
              <Only allowed={admin}>
                <TemplatesAdminPage />
              </Only>
            }
          />
          <Route
            path="admin/api-keys"
            element={
              <Only allowed={admin}>
                <ApiKeysPage />
              </Only>
            }
          />
          <Route
            path="admin/audit"
            element={
              <Only allowed={admin}>
                <AuditPage />
              </Only>
            }
          />
          <Route
            path="system/organizations"
            element={
              <Only allowed={system}>
                <OrganizationsPage />
              </Only>
            }
          />
          <Route
            path="system/agents"
            element={
              <Only allowed={system}>
                <AgentsPage />
              </Only>
            }
          />
          <Route
            path="system/projections"
            element={
              <Only allowed={system}>
                <ProjectionsPage />
              </Only>
            }
          />
          <Route
            path="system/settings"
            element={
              <Only allowed={system}>
                <SettingsPage />
              </Only>
            }
          />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Route>
      </Routes>
    </Suspense>
  );
}

/** Routes: the sign-in screens for everyone, the rest once signed in. */
export function App() {
  const identity = useIdentity();
  const location = useLocation();
  return (
    <Routes>
      <Route path="/login" element={identity ? <Navigate to="/" replace /> : <LoginPage />} />
      <Route path="/login/callback" element={<LoginCallback />} />
      <Route
        path="*"
        element={
          identity ? (
            <SignedIn identity={identity} />
          ) : (
            <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />
          )
        }
      />
    </Routes>
  );
}
