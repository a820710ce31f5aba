import type { Catalog } from "../catalog/index.js";
import { didYouMean, UserError } from "../core/index.js";

/** What a template adds to the starter catalog: the program's frameworks and where projects are used. */
interface Template {
  readonly program: Omit<Catalog["program"], "name">;
  readonly state: { readonly framework: string; readonly level: string };
}

const TEMPLATES: Readonly<Record<string, Template>> = {
  // Neutral: the CNCF's framework only, a "Used in" column, no organization assumed.
  neutral: {
    program: { usedInTitle: "Used in", organizations: [], frameworks: { CNCF: "cncf" } },
    state: { framework: "CNCF", level: "sandbox" },
  },
  // The Azure Container Compute Upstream program's: its guidelines and its "Use on Azure" column.
  azure: {
    program: {
      usedInTitle: "Use on Azure",
      organizations: ["Microsoft"],
      frameworks: { Azure: "azcnu-v0.1", CNCF: "cncf" },
    },
    state: { framework: "Azure", level: "sandbox" },
  },
};

/**
 * `init`: the smallest useful catalog: one persona, one project, the frameworks of the template
 * named (neutral, azure); another name is a usage error that lists them.
 */
export function starterCatalog(name: string, templateName: string): Catalog {
  const template = templateNamed(templateName);
  return {
    apiVersion: "upstream/v1",
    program: { name, ...template.program },
    personas: [{ id: "general", title: "General" }],
    projects: [
      {
        id: "my-project",
        name: "My Project",
        persona: "general",
        home: "https://github.com/my-org/my-project",
        goal: "What the project is for, in one line",
        state: { ...template.state },
        repositories: ["https://github.com/my-org/my-project"],
      },
    ],
    announcements: [],
  };
}

function templateNamed(name: string): Template {
  const template = TEMPLATES[name];
  if (template) return template;
  const names = Object.keys(TEMPLATES);
  const guess = didYouMean(name, names);
  throw new UserError(
    "E_USAGE",
    `--template expects one of ${names.join(", ")}, got '${name}'${guess ? `; did you mean '${guess}'?` : ""}`,
  );
}
