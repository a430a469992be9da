import { createTheme } from "@mui/material/styles";

/** StreamSpace's look: indigo and teal, rounded, quiet surfaces. */
export const theme = createTheme({
  palette: {
    primary: { main: "#3949ab" },
    // Each status colour carries white text at 4.5:1 or more (WCAG AA for small text); MUI's
    // default orange, light blue and teal do not.
    secondary: { main: "#00796b" },
    warning: { main: "#b45309" },
    info: { main: "#0277bd" },
    background: { default: "#f5f6fa" },
  },
  shape: { borderRadius: 10 },
  typography: {
    fontFamily: '"Inter", "Roboto", "Segoe UI", system-ui, -apple-system, sans-serif',
    button: { textTransform: "none", fontWeight: 600 },
  },
  components: {
    MuiCssBaseline: {
      styleOverrides: {
        // Text for screen readers only (a column header that has an icon under it).
        ".visually-hidden": {
          position: "absolute",
          width: 1,
          height: 1,
          margin: -1,
          padding: 0,
          overflow: "hidden",
          clip: "rect(0 0 0 0)",
          whiteSpace: "nowrap",
          border: 0,
        },
      },
    },
    MuiCard: { defaultProps: { elevation: 0 } },
    // Subtitles label things; they are not headings (MUI renders them as h6 by default, which
    // breaks the outline of headings screen readers navigate by).
    MuiTypography: {
      defaultProps: { variantMapping: { subtitle1: "p", subtitle2: "p" } },
    },
    MuiAppBar: {
      styleOverrides: {
        root: {
          background: "linear-gradient(90deg, #1a237e, #3949ab)",
          // On the dark bar the focus ring is white.
          "& .Mui-focusVisible": { outlineColor: "#fff" },
        },
      },
    },
    // A keyboard user always sees where focus is: a ring around whatever button or link has it,
    // beside MUI's own ripple (too faint on its own for many people).
    MuiButtonBase: {
      styleOverrides: {
        root: {
          "&.Mui-focusVisible": { outline: "2px solid #1a237e", outlineOffset: 2 },
        },
      },
    },
  },
});
