import fc from 'fast-check';
import {
  foldLatin,
  foldTransliteration,
  nameTokens,
  parseBirthDate,
  vowelSkeleton,
  originalScriptTokens,
} from './normalise.js';

describe('foldLatin (DIN SPEC 91379 base letters)', () => {
  it.each([
    ['Straße', 'Strasse'],
    ['Øvergaard', 'Overgaard'],
    ['Łukasz', 'Lukasz'],
    ['Şahin Yılmaz', 'Sahin Yilmaz'],
    ['Ævar Þór', 'AEvar THor'],
    ['Đorđević', 'Dordevic'],
    ['Hüseyin Öztürk', 'Huseyin Ozturk'],
  ])('%s → %s', (input, expected) => {
    expect(foldLatin(input)).toBe(expected);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(foldLatin(foldLatin(s))).toBe(foldLatin(s));
      }),
    );
  });
});

describe('nameTokens', () => {
  it('folds the Arabic article in every spelling', () => {
    for (const v of ['Alhasan', 'Al Hassan', 'EL-HASSAN', 'al-Hassan', 'Hassan'])
      expect(nameTokens(v)).toEqual(nameTokens('Al-Hassan'));
  });

  it('joins Abd- compounds however they are split or assimilated', () => {
    for (const v of ['Abdulrahman', 'Abd al-Rahman', 'Abdelrahman', 'Abdurrahman', 'Abdel Rahman'])
      expect(nameTokens(v)).toEqual(nameTokens('Abdul Rahman'));
    expect(nameTokens('Abdallah')).toEqual(nameTokens('Abdullah'));
    expect(nameTokens('Abdullah')).toEqual(nameTokens('Abdulla'));
  });

  it('joins -ullah and -uddin compounds', () => {
    expect(nameTokens('Rahmatullah')).toEqual(nameTokens('Rahmat Ullah'));
    expect(nameTokens('Nuraddin')).toEqual(nameTokens('Nour al-Din'));
  });

  it('treats filler values as no name', () => {
    for (const v of ['NN', 'N.N.', 'FNU', '-', 'unbekannt', '']) expect(nameTokens(v)).toEqual([]);
  });

  it('keeps European names that merely start with al/el', () => {
    expect(nameTokens('Alexander')).toEqual([foldTransliteration('alexander')]);
    expect(nameTokens('Elena')).toEqual([foldTransliteration('elena')]);
  });

  it('reads German, English and French transliterations alike', () => {
    expect(nameTokens('Shevchenko')).toEqual(nameTokens('Schewtschenko'));
    expect(nameTokens('Yusuf')).toEqual(nameTokens('Jussuf'));
    expect(nameTokens('Khaled')).toEqual(nameTokens('Chaled'));
    expect(nameTokens('Yussef')).toEqual(nameTokens('Youssef'));
  });

  it('romanises Cyrillic typed into a Latin field', () => {
    expect(nameTokens('Oksana')).toEqual(nameTokens('Оксана'));
  });
});

describe('vowel skeleton', () => {
  it('gives Mohammed, Muhammad and Mohamad one skeleton, and Mahmoud another', () => {
    const sk = (s: string): string => vowelSkeleton(nameTokens(s)[0]!);
    expect(sk('Muhammad')).toBe(sk('Mohammed'));
    expect(sk('Mohamad')).toBe(sk('Mohammed'));
    expect(sk('Mouhamad')).toBe(sk('Mohammed'));
    expect(sk('Mahmoud')).not.toBe(sk('Mohammed'));
    // The diphthong of Hussein is a consonant y: Hassan and Hussein stay apart.
    expect(sk('Hussein')).not.toBe(sk('Hassan'));
  });
});

describe('originalScriptTokens', () => {
  it('normalises Arabic letter variants and the article, ignoring order', () => {
    expect(originalScriptTokens('محمد الحسن')).toEqual(originalScriptTokens('الحسن مُحَمَّد'));
    expect(originalScriptTokens('فاطمة')).toEqual(originalScriptTokens('فاطمه'));
  });
});

describe('parseBirthDate', () => {
  it('keeps a real day as full precision', () => {
    expect(parseBirthDate('1990-05-17', 'exact')).toEqual({ precision: 'full', year: 1990, month: 5, day: 17 });
  });

  it('treats 01.01. as year-only even when flagged exact', () => {
    expect(parseBirthDate('1990-01-01', 'exact').precision).toBe('year');
    expect(parseBirthDate('1990-01-01', 'placeholder').precision).toBe('year');
  });

  it('reads YYYY and unknown', () => {
    expect(parseBirthDate('1990', 'year-only')).toMatchObject({ precision: 'year', year: 1990 });
    expect(parseBirthDate(undefined, 'unknown').precision).toBe('unknown');
  });
});
