import { ENGLISH_WORDS, GERMAN_WORDS } from '@kim/contracts/names';
import { de } from './i18n/de';
import { en } from './i18n/en';

// The console's catalogs key GraphQL's enum names (IN_PROGRESS) where the hub stores kebab-case
// codes (in-progress); goal statuses and sexes are keyed by the code itself.
const enumKey = (code: string) => code.toUpperCase().replace(/-/g, '_');

/** Where the console keeps the words of each list of @kim/contracts, and how it keys them. */
const SECTIONS = [
  ['referralStatus', 'status', enumKey],
  ['phase', 'phase', enumKey],
  ['lifeDomain', 'domain', enumKey],
  ['category', 'category', enumKey],
  ['purpose', 'purpose', enumKey],
  ['goalStatus', 'goalStatus', (c: string) => c],
  ['sex', 'sex', (c: string) => c],
  ['achievementKind', 'achievement.kind', enumKey],
  ['evidenceKind', 'achievement.evidenceKinds', enumKey],
] as const;

type Catalog = Record<string, Record<string, string>>;

describe('one term per concept: the words of letters and forms are the console’s', () => {
  it.each(SECTIONS)('German %s is the console’s %s', (list, section, key) => {
    const words = GERMAN_WORDS[list] as Record<string, string>;
    // A section may be nested (achievement.kind): walk the catalog along its path.
    const catalog = section
      .split('.')
      .reduce<Catalog>((at, k) => at[k] as unknown as Catalog, de as unknown as Catalog) as unknown as Record<
      string,
      string
    >;
    // Lower case: a phase starts a sentence in one place and not in the other.
    const differing = Object.entries(words).filter(
      ([code, w]) => catalog[key(code)]?.toLowerCase() !== w.toLowerCase(),
    );
    expect(differing).toEqual([]);
  });

  it.each([
    ['category', 'category'],
    ['purpose', 'purpose'],
  ] as const)('English %s is the console’s %s', (list, section) => {
    const words = ENGLISH_WORDS[list] as Record<string, string>;
    const catalog = (en as unknown as Catalog)[section]!;
    const differing = Object.entries(words).filter(([code, w]) => catalog[enumKey(code)] !== w);
    expect(differing).toEqual([]);
  });
});
