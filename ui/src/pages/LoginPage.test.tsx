import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { TOKEN_KEY } from "../api/auth";
import { fakeApi, renderAt, tokenFor } from "../test/render";
import { LoginPage } from "./LoginPage";
import { LoginCallback } from "./LoginCallback";

describe("Login", () => {
  it("stores the token the server issues and leaves the login screen", async () => {
    const token = tokenFor({ sub: "u1", org: "o1", role: "user", username: "ada" });
    const { calls } = fakeApi({
      "POST /api/v1/auth/login": () => ({ body: { access_token: token, token_type: "Bearer" } }),
      "GET /api/v1/auth/providers": () => ({ body: { items: [] } }),
    });
    renderAt(<LoginPage />, "/login", "/login");

    await userEvent.type(screen.getByLabelText(/username/i), "ada");
    await userEvent.type(screen.getByLabelText(/password/i), "secret-pw");
    await userEvent.click(screen.getByRole("button", { name: /^sign in$/i }));

    await waitFor(() => expect(sessionStorage.getItem(TOKEN_KEY)).toBe(token));
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({
      username: "ada",
      password: "secret-pw",
    });
  });

  it("shows the server's problem detail when the password is wrong", async () => {
    fakeApi({
      "POST /api/v1/auth/login": () => ({
        status: 401,
        body: { title: "Unauthorized", status: 401, detail: "wrong username or password" },
      }),
    });
    renderAt(<LoginPage />, "/login", "/login");

    await userEvent.type(screen.getByLabelText(/username/i), "ada");
    await userEvent.type(screen.getByLabelText(/password/i), "nope");
    await userEvent.click(screen.getByRole("button", { name: /^sign in$/i }));

    expect(await screen.findByRole("alert")).toHaveTextContent("wrong username or password");
    expect(sessionStorage.getItem(TOKEN_KEY)).toBeNull();
  });

  it("offers a button per configured sign-in provider", async () => {
    fakeApi({
      "GET /api/v1/auth/providers": () => ({
        body: {
          items: [
            { id: "corp", display_name: "Corp SSO", login_url: "/oauth2/authorization/corp" },
          ],
        },
      }),
    });
    renderAt(<LoginPage />, "/login", "/login");

    const button = await screen.findByRole("link", { name: "Sign in with Corp SSO" });
    expect(button).toHaveAttribute("href", "/oauth2/authorization/corp");
  });

  it("shows only the password form when the server has no providers endpoint", async () => {
    fakeApi({});
    renderAt(<LoginPage />, "/login", "/login");

    expect(await screen.findByRole("button", { name: /^sign in$/i })).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText(/sign in with/i)).not.toBeInTheDocument());
  });

  it("takes the token from the callback's fragment and wipes it from the address bar", async () => {
    const token = tokenFor({ sub: "u1", org: "o1", role: "user" });
    window.history.replaceState(null, "", `/login/callback#access_token=${token}&expires_in=900`);
    fakeApi({});
    renderAt(<LoginCallback />, "/login/callback", "/login/callback");

    await waitFor(() => expect(sessionStorage.getItem(TOKEN_KEY)).toBe(token));
    expect(window.location.hash).toBe("");
  });
});
