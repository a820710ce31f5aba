import type { Attestation } from "../catalog/index.js";

/** An attestation as it stands on the assessment date. */
export type AttestationState =
  | { readonly kind: "none" }
  | { readonly kind: "future"; readonly attestation: Attestation }
  | { readonly kind: "expired"; readonly attestation: Attestation }
  | { readonly kind: "current"; readonly attestation: Attestation };

/**
 * How an attestation stands on `asOf`: given after it ("future", so a past review is not
 * changed by a later statement), expired before it (it still counts on its expiry day), or current.
 */
export function attestationOn(attestation: Attestation | undefined, asOf: string): AttestationState {
  if (!attestation) return { kind: "none" };
  if (attestation.date > asOf) return { kind: "future", attestation };
  if (attestation.expires && attestation.expires < asOf) return { kind: "expired", attestation };
  return { kind: "current", attestation };
}

/** "attested met by alice on 2020-05-01 (https://…), expires 2021-05-01" */
export function describeAttestation(state: AttestationState): string | undefined {
  if (state.kind === "none") return undefined;
  const a = state.attestation;
  const base =
    `attested ${a.status === "met" ? "met" : "not met"} by ${a.by} on ` +
    `${a.date}${a.link ? ` (${a.link})` : ""}${a.note ? `: ${a.note}` : ""}`;
  if (state.kind === "future") return `${base}, after the assessment date, so not counted`;
  if (state.kind === "expired") return `${base}, expired ${a.expires}`;
  return a.expires ? `${base}, expires ${a.expires}` : base;
}
