import { csvCell, toCsv } from './csv';

describe('CSV for spreadsheets', () => {
  // [value, cell as a German spreadsheet must read it], written from RFC 4180 and OWASP's CSV injection advice.
  it.each([
    ['Rheine', 'Rheine'],
    ['Müller; Çelik', '"Müller; Çelik"'],
    ['sagt "nein"', '"sagt ""nein"""'],
    ['zwei\nZeilen', '"zwei\nZeilen"'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['+49 5971', "'+49 5971"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    [-1, '-1'],
    [0.75, '0.75'],
    [null, ''],
    [undefined, ''],
  ] as const)('%p becomes %p', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('writes a byte order mark, semicolons and CRLF line ends', () => {
    expect(toCsv(['Fall', 'Fälle'], [['K-1', 3]])).toBe('\uFEFFFall;Fälle\r\nK-1;3\r\n');
  });
});
