import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format';

type Count = number | null;
export interface CaseloadFigures {
  openCases: Count;
  regions: { capacity: number }[];
  caseManagers: { utilisation: number | null }[];
}

/**
 * The area's headline figures against the 1:100 key: open cases, the capacity the posts are
 * funded for, the utilisation, and how many case managers carry more than their share. A
 * suppressed count stays suppressed (the board's disclosure control), never recomputed here.
 */
export function CaseloadHeadline({ figures }: { figures: CaseloadFigures }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const capacity = figures.regions.reduce((sum, r) => sum + r.capacity, 0);
  const utilisation = figures.openCases != null && capacity > 0 ? figures.openCases / capacity : null;
  const known = figures.caseManagers.filter((m) => m.utilisation != null);
  const over = known.filter((m) => m.utilisation! > 1).length;
  return (
    <section aria-labelledby="headline-title">
      <h2 id="headline-title">{t('review.headline')}</h2>
      <dl className="tiles">
        <div className="tile">
          <dt>{t('review.areaOpenCases')}</dt>
          <dd className="tile-figure">
            {figures.openCases == null ? t('review.suppressed') : formatNumber(figures.openCases, lng)}
          </dd>
        </div>
        <div className="tile">
          <dt>{t('review.areaCapacity')}</dt>
          <dd className="tile-figure">{formatNumber(capacity, lng)}</dd>
        </div>
        <div className="tile">
          <dt>{t('review.areaUtilisation')}</dt>
          <dd className="tile-figure">
            {utilisation == null ? t('review.suppressed') : `${formatNumber(utilisation * 100, lng)} %`}
          </dd>
        </div>
        <div className="tile">
          <dt>{t('review.managersOverKey')}</dt>
          <dd className="tile-figure">{t('review.managersOverKeyValue', { over, all: known.length })}</dd>
          {known.length < figures.caseManagers.length && (
            <dd className="hint">
              {t('review.managersProtected', { count: figures.caseManagers.length - known.length })}
            </dd>
          )}
        </div>
      </dl>
    </section>
  );
}
