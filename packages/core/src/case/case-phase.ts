import { CasePhase } from '@kim/contracts';

/**
 * The case-management cycle: Intake → Assessment → Planning → Linking → Monitoring →
 * Re-assessment, which loops back to planning, linking or monitoring. A case may be closed
 * from any phase; a closed case stays closed (a new contact opens a new case).
 */
const NEXT: Record<CasePhase, readonly CasePhase[]> = {
  [CasePhase.INTAKE]: [CasePhase.ASSESSMENT, CasePhase.CLOSED],
  [CasePhase.ASSESSMENT]: [CasePhase.PLANNING, CasePhase.CLOSED],
  [CasePhase.PLANNING]: [CasePhase.LINKING, CasePhase.ASSESSMENT, CasePhase.CLOSED],
  [CasePhase.LINKING]: [CasePhase.MONITORING, CasePhase.PLANNING, CasePhase.CLOSED],
  [CasePhase.MONITORING]: [CasePhase.REASSESSMENT, CasePhase.LINKING, CasePhase.CLOSED],
  [CasePhase.REASSESSMENT]: [CasePhase.PLANNING, CasePhase.LINKING, CasePhase.MONITORING, CasePhase.CLOSED],
  [CasePhase.CLOSED]: [],
};

export function nextCasePhases(from: CasePhase): readonly CasePhase[] {
  return NEXT[from];
}

export function checkCasePhaseMove(from: CasePhase, to: CasePhase): { ok: true } | { ok: false; message: string } {
  if (NEXT[from].includes(to)) return { ok: true };
  const allowed = NEXT[from].length ? NEXT[from].join(', ') : 'none (the case is closed)';
  return { ok: false, message: `a case in phase ${from} cannot move to ${to}; allowed next: ${allowed}` };
}
