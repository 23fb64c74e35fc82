import { describe, expect, it } from 'vitest';
import { detectDelimiter, detectNewline } from './dialect.ts';

describe('detectDelimiter', () => {
  const cases: [string, string, string][] = [
    [
      'semicolons with decimal commas in every value',
      'Tertial;Nyckeltal;Hektar\n2016T1;Såld;1,4\n2016T2;Såld;0,6\n',
      ';',
    ],
    [
      'semicolons with a title line above',
      'Rapport: Bokningar\n\nPeriod;Resurs;Antal\n2016-01;A;4\n2016-02;A;5\n',
      ';',
    ],
    ['commas', 'Kommun,Period,Värde\n0586,2016,1\n0586,2017,2\n', ','],
    ['commas with quoted decimal commas', 'Kommun,Period,Värde\n0586,2016,"1,5"\n0586,2017,"2,5"\n', ','],
    [
      'tabs with commas in the text',
      'Nyckeltal\tPeriod\tUtfall\nAndel, %\t2016\t5,5\nAntal, st\t2016\t3\n',
      '\t',
    ],
    ['pipes', 'a|b|c\n1|2|3\n4|5|6\n', '|'],
    ['semicolons inside quotes do not count', 'a,b\n"x;y;z",1\n"p;q;r",2\n', ','],
    ['one column falls back to ";"', 'Värde\n1\n2\n', ';'],
  ];
  it.each(cases)('%s', (_name, sample, delimiter) => {
    expect(detectDelimiter(sample, detectNewline(sample), true)).toBe(delimiter);
  });
});

describe('detectNewline', () => {
  const cases: [string, string, string][] = [
    ['CRLF', 'a;b\r\n1;2\r\n', '\r\n'],
    ['LF', 'a;b\n1;2\n', '\n'],
    ['CR', 'a;b\r1;2\r', '\r'],
    ['a line break inside quotes is not the line end', '"a\nb";c\r\n1;2\r\n', '\r\n'],
    ['no line break at all', 'a;b', '\n'],
  ];
  it.each(cases)('%s', (_name, sample, newline) => {
    expect(detectNewline(sample)).toBe(newline);
  });
});
