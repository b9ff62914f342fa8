/**
 * 办理情形 at intake: the clerk or agent ticks which of the guide's situations apply, and the
 * material checklist follows. A material tied to situations applies only when one of them is chosen;
 * a material tied to none applies to every applicant.
 */

export interface SituationalMaterial {
  name: string;
  situations?: readonly string[] | undefined;
}

/** The chosen names the guide does not list (the intake is refused with them named). */
export function unknownSituations(guideSituations: readonly string[], chosen: readonly string[]): string[] {
  return [...new Set(chosen.filter((name) => !guideSituations.includes(name)))];
}

/** Whether the applicant's situations make this material part of the checklist. */
export function materialApplies(material: SituationalMaterial, chosen: readonly string[]): boolean {
  const tied = material.situations ?? [];
  return tied.length === 0 || tied.some((name) => chosen.includes(name));
}

/** The chosen situations in the guide's order, each once (the case stores them so). */
export function orderSituations(guideSituations: readonly string[], chosen: readonly string[]): string[] {
  return guideSituations.filter((name) => chosen.includes(name));
}
