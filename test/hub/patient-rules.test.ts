import { describe, expect, it } from 'vitest';
import { cleanFileName, sniffType } from '../../hub/patient/documents';
import { html, raw } from '../../hub/patient/html';
import { languageFromHeader } from '../../hub/patient/http';
import { normalizeDate } from '../../hub/patient/identity';

describe('patient page rules', () => {
  it('a document is what its bytes say, not what its name or the browser claims', () => {
    expect(sniffType(Buffer.from('%PDF-1.7\n...'))).toBe('application/pdf');
    expect(sniffType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('image/jpeg');
    expect(sniffType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffType(Buffer.from('<html><script>alert(1)</script>'))).toBeNull();
    expect(sniffType(Buffer.alloc(0))).toBeNull();
  });

  it('a file name keeps no folder and no control characters, and is never empty', () => {
    expect(cleanFileName('C:\\Users\\anna\\henvisning.pdf', 'application/pdf')).toBe('henvisning.pdf');
    expect(cleanFileName('../../etc/passwd', 'image/png')).toBe('passwd');
    expect(cleanFileName('a\u0000b"c\r\n.jpg', 'image/jpeg')).toBe('abc.jpg');
    expect(cleanFileName('', 'image/png')).toBe('document.png');
  });

  it('dates of birth as Danes write them are read as dates', () => {
    expect(normalizeDate('30.04.1980')).toBe('1980-04-30');
    expect(normalizeDate('3-4-1980')).toBe('1980-04-03');
    expect(normalizeDate('1980-04-30')).toBe('1980-04-30');
    expect(normalizeDate('30/04/80')).toBe('30/04/80');
  });

  it('the browser\'s languages in order of preference pick English or Danish; Danish when it names neither', () => {
    expect(languageFromHeader('en-GB,en;q=0.9,da;q=0.8')).toBe('en');
    expect(languageFromHeader('de;q=1,da;q=0.5,en;q=0.4')).toBe('da');
    expect(languageFromHeader('en;q=0.2,da;q=0.3')).toBe('da');
    expect(languageFromHeader('fr')).toBe('da');
    expect(languageFromHeader(undefined)).toBe('da');
  });

  it('html escapes every value it did not make itself', () => {
    const name = '<b onclick="x">Ø & co\'s</b>';
    expect(html`<p title="${name}">${name}</p>`.value).toBe('<p title="&lt;b onclick=&quot;x&quot;&gt;Ø &amp; co&#39;s&lt;/b&gt;">&lt;b onclick=&quot;x&quot;&gt;Ø &amp; co&#39;s&lt;/b&gt;</p>');
    expect(html`<ul>${['<a>', html`<li>ok</li>`]}</ul>`.value).toBe('<ul>&lt;a&gt;<li>ok</li></ul>');
    expect(html`${null}${undefined}${false}${0}${raw('<br>')}`.value).toBe('0<br>');
  });
});
