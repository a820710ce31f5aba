import type { Attestation } from "../catalog/index.js";
import type { Fact } from "./facts.js";
import { factText } from "./finding-text.js";

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

/** The attestation as a fact of a finding, or undefined when none is recorded. */
export function attestationFact(state: AttestationState): Extract<Fact, { kind: "attestation" }> | undefined {
  if (state.kind === "none") return undefined;
  const a = state.attestation;
  return {
    kind: "attestation",
    state: state.kind,
    status: a.status,
    by: a.by,
    date: a.date,
    ...(a.link ? { link: a.link } : {}),
    ...(a.note ? { note: a.note } : {}),
    ...(a.expires ? { expires: a.expires } : {}),
  };
}

/** "attested met by alice on 2020-05-01 (https://…), expires 2021-05-01" */
export function describeAttestation(state: AttestationState): string | undefined {
  const fact = attestationFact(state);
  return fact ? factText(fact) : undefined;
}
