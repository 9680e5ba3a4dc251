import { CasePhase } from '@kim/contracts';
import { checkCasePhaseMove, nextCasePhases } from './case-phase.js';

const phases = Object.values(CasePhase);

describe('case phases', () => {
  it('follow the KIM cycle in order', () => {
    const path = [
      CasePhase.INTAKE,
      CasePhase.ASSESSMENT,
      CasePhase.PLANNING,
      CasePhase.LINKING,
      CasePhase.MONITORING,
      CasePhase.REASSESSMENT,
    ];
    for (let i = 0; i + 1 < path.length; i++) expect(checkCasePhaseMove(path[i]!, path[i + 1]!)).toEqual({ ok: true });
  });

  it('can close from every open phase, and never leave closed', () => {
    for (const p of phases.filter((x) => x !== CasePhase.CLOSED))
      expect(checkCasePhaseMove(p, CasePhase.CLOSED).ok).toBe(true);
    for (const p of phases) expect(checkCasePhaseMove(CasePhase.CLOSED, p).ok).toBe(false);
  });

  it('refuses skipping ahead and staying put, with a message that lists the way on', () => {
    expect(checkCasePhaseMove(CasePhase.INTAKE, CasePhase.LINKING)).toEqual({
      ok: false,
      message: 'a case in phase intake cannot move to linking; allowed next: assessment, closed',
    });
    for (const p of phases) expect(checkCasePhaseMove(p, p).ok).toBe(false);
  });

  it('has exactly 17 permitted moves over all 49 pairs', () => {
    const permitted = phases.flatMap((a) => phases.filter((b) => checkCasePhaseMove(a, b).ok).map((b) => `${a}>${b}`));
    expect(permitted).toHaveLength(phases.reduce((n, p) => n + nextCasePhases(p).length, 0));
    expect(permitted).toHaveLength(17);
  });
});
