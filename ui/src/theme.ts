import { createTheme } from "@mui/material/styles";

/** StreamSpace's look: indigo and teal, rounded, quiet surfaces. */
export const theme = createTheme({
  palette: {
    primary: { main: "#3949ab" },
    secondary: { main: "#00897b" },
    background: { default: "#f5f6fa" },
  },
  shape: { borderRadius: 10 },
  typography: {
    fontFamily: '"Inter", "Roboto", "Segoe UI", system-ui, -apple-system, sans-serif',
    button: { textTransform: "none", fontWeight: 600 },
  },
  components: {
    MuiCard: { defaultProps: { elevation: 0 } },
    MuiAppBar: {
      styleOverrides: { root: { background: "linear-gradient(90deg, #1a237e, #3949ab)" } },
    },
  },
});
