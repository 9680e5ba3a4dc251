import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format';

/**
 * After a board's "Stand": that its figures were read from the read replica, and how many seconds
 * the replica was behind the primary then. Nothing when they were read from the primary (null).
 */
export function ReplicaLag({ seconds }: { seconds: number | null | undefined }) {
  const { t, i18n } = useTranslation();
  if (seconds == null) return null;
  return <> ({t('board.replicaLag', { seconds: formatNumber(Math.round(seconds), i18n.language) })})</>;
}
