import { useState, type ReactNode } from "react";
import { NavLink, Outlet, useNavigate } from "react-router";
import {
  AppBar,
  Box,
  Chip,
  Divider,
  Drawer,
  IconButton,
  List,
  ListItemButton,
  ListItemIcon,
  ListItemText,
  ListSubheader,
  Toolbar,
  Tooltip,
  Typography,
  useMediaQuery,
  useTheme,
} from "@mui/material";
import MenuIcon from "@mui/icons-material/Menu";
import DesktopWindowsIcon from "@mui/icons-material/DesktopWindows";
import AppsIcon from "@mui/icons-material/Apps";
import PeopleIcon from "@mui/icons-material/People";
import InsightsIcon from "@mui/icons-material/Insights";
import ViewModuleIcon from "@mui/icons-material/ViewModule";
import KeyIcon from "@mui/icons-material/VpnKey";
import ReceiptLongIcon from "@mui/icons-material/ReceiptLong";
import BusinessIcon from "@mui/icons-material/Business";
import DnsIcon from "@mui/icons-material/Dns";
import SyncIcon from "@mui/icons-material/Sync";
import SettingsIcon from "@mui/icons-material/Settings";
import LogoutIcon from "@mui/icons-material/Logout";
import { clearToken, isOrgAdmin, isSystemAdmin, type Identity } from "../api/auth";
import type { LiveState } from "../live/useLiveUpdates";

const DRAWER = 232;

interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
}

function NavSection({
  title,
  items,
  onPick,
}: {
  title?: string;
  items: NavItem[];
  onPick: () => void;
}) {
  return (
    <List
      dense
      component="nav"
      aria-label={title ?? "Main"}
      subheader={title ? <ListSubheader component="div">{title}</ListSubheader> : undefined}
    >
      {items.map((item) => (
        <ListItemButton
          key={item.to}
          component={NavLink}
          to={item.to}
          end={item.to === "/"}
          onClick={onPick}
          sx={{
            borderRadius: 2,
            mx: 1,
            "&.active": { bgcolor: "action.selected", fontWeight: 600 },
          }}
        >
          <ListItemIcon sx={{ minWidth: 36 }}>{item.icon}</ListItemIcon>
          <ListItemText primary={item.label} />
        </ListItemButton>
      ))}
    </List>
  );
}

const LIVE_LABELS: Record<LiveState, { label: string; color: "success" | "warning" | "default" }> =
  {
    live: { label: "Live", color: "success" },
    connecting: { label: "Connecting…", color: "warning" },
    offline: { label: "Offline", color: "default" },
  };

/** The frame of every signed-in screen: app bar, navigation by role, the screen. */
export function Layout({ identity, live }: { identity: Identity; live: LiveState }) {
  const theme = useTheme();
  const wide = useMediaQuery(theme.breakpoints.up("md"));
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const close = () => setOpen(false);

  const drawer = (
    <Box sx={{ pt: 1 }}>
      <NavSection
        onPick={close}
        items={[
          { to: "/", label: "My sessions", icon: <DesktopWindowsIcon /> },
          { to: "/catalog", label: "Catalog", icon: <AppsIcon /> },
        ]}
      />
      {isOrgAdmin(identity) && (
        <>
          <Divider />
          <NavSection
            title="Organization"
            onPick={close}
            items={[
              { to: "/admin/overview", label: "Quota & usage", icon: <InsightsIcon /> },
              { to: "/admin/users", label: "Users", icon: <PeopleIcon /> },
              { to: "/admin/templates", label: "Templates", icon: <ViewModuleIcon /> },
              { to: "/admin/api-keys", label: "API keys", icon: <KeyIcon /> },
              { to: "/admin/audit", label: "Audit log", icon: <ReceiptLongIcon /> },
            ]}
          />
        </>
      )}
      {isSystemAdmin(identity) && (
        <>
          <Divider />
          <NavSection
            title="System"
            onPick={close}
            items={[
              { to: "/system/organizations", label: "Organizations", icon: <BusinessIcon /> },
              { to: "/system/agents", label: "Agents", icon: <DnsIcon /> },
              { to: "/system/projections", label: "Projections", icon: <SyncIcon /> },
              { to: "/system/settings", label: "Settings", icon: <SettingsIcon /> },
            ]}
          />
        </>
      )}
    </Box>
  );

  const liveLabel = LIVE_LABELS[live];
  return (
    <Box sx={{ display: "flex", minHeight: "100vh" }}>
      <AppBar position="fixed" elevation={0} sx={{ zIndex: (t) => t.zIndex.drawer + 1 }}>
        <Toolbar>
          {!wide && (
            <IconButton
              color="inherit"
              edge="start"
              aria-label="Open navigation"
              onClick={() => setOpen(true)}
              sx={{ mr: 1 }}
            >
              <MenuIcon />
            </IconButton>
          )}
          <Typography variant="h6" component="div" sx={{ fontWeight: 700, flexGrow: 1 }}>
            StreamSpace
          </Typography>
          <Tooltip
            title={
              live === "live" ? "Changes appear as they happen" : "Live updates are reconnecting"
            }
          >
            <Chip
              size="small"
              label={liveLabel.label}
              color={liveLabel.color}
              sx={{ mr: 2 }}
              aria-live="polite"
            />
          </Tooltip>
          <Typography variant="body2" sx={{ mr: 1, display: { xs: "none", sm: "block" } }}>
            {identity.username} · {identity.role.replace("_", " ")}
          </Typography>
          <Tooltip title="Sign out">
            <IconButton
              color="inherit"
              aria-label="Sign out"
              onClick={() => {
                clearToken();
                navigate("/login");
              }}
            >
              <LogoutIcon />
            </IconButton>
          </Tooltip>
        </Toolbar>
      </AppBar>
      <Drawer
        variant={wide ? "permanent" : "temporary"}
        open={wide || open}
        onClose={close}
        sx={{
          width: DRAWER,
          flexShrink: 0,
          "& .MuiDrawer-paper": { width: DRAWER, boxSizing: "border-box" },
        }}
      >
        <Toolbar />
        {drawer}
      </Drawer>
      <Box component="main" sx={{ flexGrow: 1, p: { xs: 2, md: 3 }, minWidth: 0 }}>
        <Toolbar />
        <Outlet />
      </Box>
    </Box>
  );
}

/** A screen's title row with optional actions on the right. */
export function PageHeader({
  title,
  subtitle,
  actions,
}: {
  title: string;
  subtitle?: string;
  actions?: ReactNode;
}) {
  return (
    <Box
      sx={{
        display: "flex",
        alignItems: { sm: "center" },
        flexDirection: { xs: "column", sm: "row" },
        gap: 2,
        mb: 3,
      }}
    >
      <Box sx={{ flexGrow: 1 }}>
        <Typography variant="h5" component="h1" sx={{ fontWeight: 700 }}>
          {title}
        </Typography>
        {subtitle && (
          <Typography variant="body2" color="text.secondary">
            {subtitle}
          </Typography>
        )}
      </Box>
      {actions}
    </Box>
  );
}
