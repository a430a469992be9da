import { useState, type FormEvent } from "react";
import { useLocation, useNavigate } from "react-router";
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Divider,
  Stack,
  TextField,
  Typography,
} from "@mui/material";
import LoginIcon from "@mui/icons-material/Login";
import { api, describeError } from "../api/client";
import { storeToken } from "../api/auth";
import { useProviders } from "../api/hooks";
import type { TokenResponse } from "../api/types";

/** Username and password for the built-in accounts, and a button per configured OIDC issuer. */
export function LoginPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const providers = useProviders();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = (location.state as { from?: string } | null)?.from ?? "/";

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await api<TokenResponse>("/api/v1/auth/login", {
        method: "POST",
        body: { username, password },
      });
      if (!answer?.access_token) throw new Error("The server answered without a token.");
      storeToken(answer.access_token);
      navigate(next, { replace: true });
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box
      component="main"
      sx={{
        minHeight: "100vh",
        display: "grid",
        placeItems: "center",
        background: "linear-gradient(135deg, #1a237e 0%, #3949ab 50%, #00897b 100%)",
        p: 2,
      }}
    >
      <Card sx={{ width: "100%", maxWidth: 400 }} elevation={8}>
        <CardContent sx={{ p: 4 }}>
          <Typography variant="h4" component="h1" sx={{ fontWeight: 800 }} gutterBottom>
            StreamSpace
          </Typography>
          <Typography color="text.secondary" sx={{ mb: 3 }}>
            Your applications, in the browser.
          </Typography>
          <Box component="form" onSubmit={submit} noValidate>
            <Stack spacing={2}>
              {error && (
                <Alert severity="error" role="alert">
                  {error}
                </Alert>
              )}
              <TextField
                label="Username"
                name="username"
                autoComplete="username"
                autoFocus
                required
                value={username}
                onChange={(e) => setUsername(e.target.value)}
              />
              <TextField
                label="Password"
                name="password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
              <Button
                type="submit"
                variant="contained"
                size="large"
                startIcon={<LoginIcon />}
                disabled={busy || !username || !password}
              >
                {busy ? "Signing in…" : "Sign in"}
              </Button>
            </Stack>
          </Box>
          {(providers.data?.length ?? 0) > 0 && (
            <>
              <Divider sx={{ my: 3 }}>or</Divider>
              <Stack spacing={1}>
                {providers.data?.map((provider) => (
                  <Button key={provider.id} variant="outlined" href={provider.login_url}>
                    Sign in with {provider.display_name}
                  </Button>
                ))}
              </Stack>
            </>
          )}
        </CardContent>
      </Card>
    </Box>
  );
}
