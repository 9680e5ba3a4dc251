import { LEGAL_NORMS, normOfCitation, whyNormDoesNotCover } from './legal-norms.js';

describe('the maintained list of legal norms', () => {
  // Hand-written: which citations name which listed norm.
  it.each([
    ['§ 87 Abs. 1 AufenthG', 'AUFENTHG_87'],
    ['§87 AufenthG', 'AUFENTHG_87'],
    ['§ 87 Abs.1 AufenthG', 'AUFENTHG_87'],
    ['§ 71 AufenthG', 'AUFENTHG_71'],
    ['§ 71 Abs. 2 SGB X', 'SGBX_71'],
    ['§ 69 Abs. 1 Nr. 1 SGB X', 'SGBX_69'],
    ['§ 8a SGB VIII', 'SGBVIII_8A'],
    ['§ 8 IntV', 'INTV_8'],
    ['§ 0 Pentest', null],
    ['§ 87 Pentest AufenthG', null],
    ['§ 88 AufenthG', null],
    ['§ 69 SGB XII', null],
    ['Art. 6 Abs. 1 lit. c DSGVO', null],
    ['weil es nötig ist', null],
    ['§ 87 AufenthG; DROP TABLE', null],
  ])('%s', (citation, code) => {
    expect(normOfCitation(citation)?.code ?? null).toBe(code);
  });

  it('covers health with no norm: it leaves the hub on explicit consent only', () => {
    expect(LEGAL_NORMS.filter((n) => n.categories.includes('health'))).toEqual([]);
  });

  it('says why a norm does not reach an agency kind or a category', () => {
    const abh = normOfCitation('§ 87 AufenthG')!;
    expect(whyNormDoesNotCover(abh, 'foreigners-authority', ['identity', 'residence-status'])).toBeNull();
    expect(whyNormDoesNotCover(abh, 'jobcenter', ['identity'])).toMatch(/kind jobcenter/);
    expect(whyNormDoesNotCover(abh, 'foreigners-authority', ['identity', 'benefits'])).toMatch(
      /does not cover benefits/,
    );
  });
});
