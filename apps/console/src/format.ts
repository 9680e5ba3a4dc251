// The subpath only: the console bundles no validation schemas.
import { HUB_TIME_ZONE } from '@kim/contracts/time-zone';

/** Dates in the interface language; date-only strings (YYYY-MM-DD) stay calendar days, not instants. */
export function formatDate(value: string | null | undefined, lng: string): string {
  if (!value) return '–';
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const d = new Date(dateOnly ? `${value}T12:00:00Z` : value);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(lng === 'en' ? 'en-GB' : 'de-DE', {
    dateStyle: 'medium',
    ...(dateOnly ? { timeZone: 'UTC' } : { timeZone: HUB_TIME_ZONE }),
  }).format(d);
}

export function formatDateTime(value: string | null | undefined, lng: string): string {
  if (!value) return '–';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(lng === 'en' ? 'en-GB' : 'de-DE', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: HUB_TIME_ZONE,
  }).format(d);
}

export function formatNumber(value: number, lng: string, digits = 0): string {
  return new Intl.NumberFormat(lng === 'en' ? 'en-GB' : 'de-DE', { maximumFractionDigits: digits }).format(value);
}

/** Watch items carry the status as stored (in-progress); the enum spells it IN_PROGRESS. */
export function statusKey(status: string): string {
  return status.toUpperCase().replace(/-/g, '_');
}
