import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { fakeApi, renderAt } from "../test/render";
import { CatalogPage, filterTemplates } from "./CatalogPage";

const templates = [
  {
    id: "t1",
    name: "xterm",
    display_name: "Terminal",
    category: "Tools",
    tags: ["shell"],
    default_resources: { cpu_millis: 500, memory_mb: 256 },
  },
  {
    id: "t2",
    name: "xcalc",
    display_name: "Calculator",
    category: "Office",
    description: "Adds numbers",
  },
];

describe("Catalog", () => {
  it("searches names, descriptions and tags, and filters by category", () => {
    expect(filterTemplates(templates, "shell", null).map((t) => t.id)).toEqual(["t1"]);
    expect(filterTemplates(templates, "numbers", null).map((t) => t.id)).toEqual(["t2"]);
    expect(filterTemplates(templates, "", "Office").map((t) => t.id)).toEqual(["t2"]);
  });

  it("starts a session of a template with the chosen preset", async () => {
    const { calls } = fakeApi({
      "GET /api/v1/templates": () => ({ body: { items: templates } }),
      "POST /api/v1/sessions": () => ({ status: 201, body: { id: "s9", status: "pending" } }),
    });
    renderAt(<CatalogPage />, "/catalog");

    await userEvent.click(await screen.findByRole("button", { name: "Start Terminal" }));
    await userEvent.click(screen.getByRole("radio", { name: /^Large/ }));
    await userEvent.click(screen.getByRole("button", { name: "Start session" }));

    await waitFor(() => expect(calls.some((c) => c.method === "POST")).toBe(true));
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({
      template_id: "t1",
      resources: { cpu_millis: 2000, memory_mb: 4096 },
    });
  });

  it("shows the quota problem when the server refuses the session", async () => {
    fakeApi({
      "GET /api/v1/templates": () => ({ body: { items: templates } }),
      "POST /api/v1/sessions": () => ({
        status: 409,
        body: {
          title: "Quota exceeded",
          status: 409,
          detail: "organization quota of 2 sessions reached",
        },
      }),
    });
    renderAt(<CatalogPage />, "/catalog");

    await userEvent.click(await screen.findByRole("button", { name: "Start Calculator" }));
    await userEvent.click(screen.getByRole("button", { name: "Start session" }));

    expect(await screen.findByText("organization quota of 2 sessions reached")).toBeInTheDocument();
  });
});
