import type { Catalog } from "../catalog/index.js";

/** `init`: the smallest useful catalog: one persona, one project, the default framework aliases. */
export function starterCatalog(name: string): Catalog {
  return {
    apiVersion: "upstream/v1",
    program: { name, organizations: [], frameworks: { Azure: "azcnu-v0.1", CNCF: "cncf" } },
    personas: [{ id: "general", title: "General" }],
    projects: [
      {
        id: "my-project",
        name: "My Project",
        persona: "general",
        home: "https://github.com/my-org/my-project",
        goal: "What the project is for, in one line",
        state: { framework: "CNCF", level: "sandbox" },
        repositories: ["https://github.com/my-org/my-project"],
      },
    ],
    announcements: [],
  };
}
