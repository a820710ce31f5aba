import type { Nodes } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";

const parser = unified().use(remarkParse).use(remarkGfm);

/**
 * The text a reader sees in a line of inline markdown: emphasis, code and link markup
 * removed, entities decoded, HTML tags dropped. For titles kept as plain text beside the
 * heading as written (`**Networking &amp; Mesh**` → `Networking & Mesh`).
 *
 * @example plainText("**Networking** &amp; [Mesh](https://x)") // "Networking & Mesh"
 */
export function plainText(markdown: string): string {
  // A leading word keeps the line a paragraph: "# x" or "1. x" must not become a heading or a list.
  const root = parser.parse(`x ${markdown}`);
  return textOf(root).slice(2).replace(/\s+/g, " ").trim();
}

function textOf(node: Nodes): string {
  if (node.type === "text" || node.type === "inlineCode") return node.value;
  if (node.type === "html") return "";
  if (node.type === "break") return " ";
  return "children" in node ? (node.children as Nodes[]).map(textOf).join("") : "";
}
