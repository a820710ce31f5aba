/**
 * Kebab-case slug of a name, usable as a catalog id (`^[a-z0-9][a-z0-9._-]*$`).
 * Accents are folded (é → e); anything else that is not a letter or digit becomes `-`.
 *
 * @example slugify("Kubernetes Secure Infrastructure & Governance") // "kubernetes-secure-infrastructure-governance"
 */
export function slugify(name: string, fallback: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug || fallback;
}

/**
 * Hands out unique ids: the slug, then `-2`, `-3` … on collision.
 *
 * @example const ids = new IdAllocator("project"); ids.next("A"); ids.next("a") // "a", "a-2"
 */
export class IdAllocator {
  private readonly used = new Set<string>();
  constructor(private readonly fallback: string) {}

  next(name: string): string {
    const base = slugify(name, this.fallback);
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}-${n}`;
    this.used.add(id);
    return id;
  }
}
