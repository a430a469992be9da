import { useEffect, useState } from "react";
import { useNavigate } from "react-router";
import { Alert, Box, Button, CircularProgress } from "@mui/material";
import { storeToken } from "../api/auth";

/**
 * Where single sign-on ends: the server redirects to `/login/callback#access_token=...`. The
 * fragment never reaches a server log; it is read, stored and wiped from the address bar.
 */
export function LoginCallback() {
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
    const token = params.get("access_token");
    window.history.replaceState(null, "", window.location.pathname);
    if (token) {
      storeToken(token);
      navigate("/", { replace: true });
    } else {
      setError(
        params.get("error_description") ?? params.get("error") ?? "Sign-in did not return a token.",
      );
    }
  }, [navigate]);

  return (
    <Box sx={{ display: "grid", placeItems: "center", minHeight: "100vh", p: 2 }}>
      {error ? (
        <Alert severity="error" action={<Button href="/login">Back to sign-in</Button>}>
          {error}
        </Alert>
      ) : (
        <CircularProgress aria-label="Signing in" />
      )}
    </Box>
  );
}
