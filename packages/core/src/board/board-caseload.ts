// The caseload figure: case managers × open phases, region subtotals, the area's total.
import { OPEN_PHASES, type BoardScope, type StatusBoard } from './board-model.js';
import type { CellSet, Published } from './suppression.js';

export interface CaseCountRow {
  region_id: string;
  case_manager_id: string;
  phase: string;
  cases: number;
}
export interface CaseManagerRow {
  id: string;
  name: string;
  region_id: string;
  fte: string | null;
}

const num = (v: unknown): number => Number(v ?? 0);

/** Adds the caseload's cells and their sums (in this order: the suppression depends on it). */
export function caseloadCells(
  cells: CellSet,
  scope: BoardScope,
  caseRows: readonly CaseCountRow[],
  managers: readonly CaseManagerRow[],
) {
  const cmCount = new Map<string, number>();
  for (const r of caseRows)
    cmCount.set(
      `${r.case_manager_id}|${r.phase}`,
      (cmCount.get(`${r.case_manager_id}|${r.phase}`) ?? 0) + num(r.cases),
    );
  const managerCells = managers.map((m) => {
    const byPhase = OPEN_PHASES.map((ph) => cells.add(cmCount.get(`${m.id}|${ph}`) ?? 0));
    const total = cells.add(OPEN_PHASES.reduce((a, ph) => a + (cmCount.get(`${m.id}|${ph}`) ?? 0), 0));
    cells.relate([...byPhase, total]);
    return { m, byPhase, total };
  });
  // Cases of a case manager who left the area still count for the region.
  const regionPhase = (regionId: string, phase: string) =>
    caseRows.filter((r) => r.region_id === regionId && r.phase === phase).reduce((a, r) => a + num(r.cases), 0);
  const regionCells = scope.regions.map((r) => {
    const byPhase = OPEN_PHASES.map((ph) => cells.add(regionPhase(r.id, ph)));
    const total = cells.add(OPEN_PHASES.reduce((a, ph) => a + regionPhase(r.id, ph), 0));
    cells.relate([...byPhase, total]);
    const mine = managerCells.filter((c) => c.m.region_id === r.id);
    const knownAll =
      mine.length > 0 &&
      caseRows.every((c) => c.region_id !== r.id || managers.some((m) => m.id === c.case_manager_id));
    if (knownAll) {
      cells.relate([...mine.map((c) => c.total), total]);
      OPEN_PHASES.forEach((_, i) => cells.relate([...mine.map((c) => c.byPhase[i]!), byPhase[i]!]));
    }
    return { r, byPhase, total };
  });
  const areaPhase = OPEN_PHASES.map((_, i) =>
    cells.add(scope.regions.reduce((a, r) => a + regionPhase(r.id, OPEN_PHASES[i]!), 0)),
  );
  const areaTotal = cells.add(caseRows.reduce((a, r) => a + num(r.cases), 0));
  cells.relate([...areaPhase, areaTotal]);
  cells.relate([...regionCells.map((x) => x.total), areaTotal]);
  OPEN_PHASES.forEach((_, i) => cells.relate([...regionCells.map((x) => x.byPhase[i]!), areaPhase[i]!]));
  return { managerCells, regionCells, areaPhase, areaTotal };
}

/** The caseload as published: suppressed cells are null, utilisation only of a shown count. */
export function publishCaseload(
  c: ReturnType<typeof caseloadCells>,
  scope: BoardScope,
  pub: (id: number) => Published,
): Pick<StatusBoard, 'openCases' | 'phases' | 'regions' | 'caseManagers'> {
  const ratio = (id: number, capacity: number) => {
    const v = pub(id);
    return v === null || capacity === 0 ? null : Math.round((v / capacity) * 1000) / 1000;
  };
  const regionName = new Map(scope.regions.map((r) => [r.id, r.name]));
  return {
    openCases: pub(c.areaTotal),
    phases: OPEN_PHASES.map((phase, i) => ({ phase, cases: pub(c.areaPhase[i]!) })),
    regions: c.regionCells.map(({ r, byPhase, total }) => {
      const capacity = Math.round(r.fte * r.caseloadKey);
      return {
        regionId: r.id,
        name: r.name,
        posts: r.fte,
        caseloadKey: r.caseloadKey,
        capacity,
        openCases: pub(total),
        utilisation: ratio(total, capacity),
        byPhase: OPEN_PHASES.map((phase, i) => ({ phase, cases: pub(byPhase[i]!) })),
      };
    }),
    caseManagers: c.managerCells.map(({ m, total }) => {
      const fte = Number(m.fte ?? 0);
      const key = scope.regions.find((r) => r.id === m.region_id)?.caseloadKey ?? 100;
      const capacity = Math.round(fte * key);
      return {
        staffId: m.id,
        name: m.name,
        regionId: m.region_id,
        regionName: regionName.get(m.region_id) ?? '',
        fte,
        capacity,
        openCases: pub(total),
        utilisation: ratio(total, capacity),
      };
    }),
  };
}
