import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../common/ids';
import { patientWorld, type PatientWorld } from './patientWorld';

let w: PatientWorld | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

describe('the patients\' pages', () => {
  it('send the security headers: a strict CSP without scripts, no framing, no sniffing, no referrer, no caching', async () => {
    w = await patientWorld();
    const res = await w.browser().raw('GET', `/c/${w.clinicId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
    const cookies = res.headers.getSetCookie();
    expect(cookies).toEqual([expect.stringMatching(/^pp_csrf=[A-Za-z0-9_-]{43}; Path=\/; SameSite=Strict; HttpOnly$/)]);
    const css = await w.browser().raw('GET', '/assets/portal.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toContain('.notice');
  });

  it('speak the browser\'s language until the patient picks one with the switch, which a cookie keeps', async () => {
    w = await patientWorld();
    const dane = w.browser('da-DK,da;q=0.9,en;q=0.8');
    expect((await dane.get(`/c/${w.clinicId}`)).text).toContain('Brugernavn eller e-mailadresse');
    const english = await dane.get(`/c/${w.clinicId}?lang=en`);
    expect(english.text).toContain('Username or email address');
    expect(dane.cookie('pp_lang')).toBe('en');
    expect((await dane.get(`/c/${w.clinicId}/register`)).html).toContain('<html lang="en">');
    const nobody = w.browser('fr-FR,fr;q=0.9');
    expect((await nobody.get(`/c/${w.clinicId}`)).html).toContain('<html lang="da">');
    expect((await w.browser('fr,en-GB;q=0.5').get(`/c/${w.clinicId}`)).html).toContain('<html lang="en">');
  });

  it('the root lists the hub\'s clinics by their portal name; an unknown clinic is not found', async () => {
    w = await patientWorld();
    const root = await w.browser().get('/');
    expect(root.text).toContain('Choose your clinic. Nordklinik Portal');
    expect(root.html).toContain(`href="/c/${w.clinicId}"`);
    expect((await w.browser().get(`/c/${newId()}`)).status).toBe(404);
    expect((await w.browser().get('/c/not-an-id/register')).status).toBe(404);
  });

  it('escape what patients typed when they see it again', async () => {
    w = await patientWorld();
    const b = w.browser();
    await b.get(`/c/${w.clinicId}/register`);
    const page = await b.post(`/c/${w.clinicId}/register`, { email: 'x', given_name: '<script>alert(1)</script>', family_name: '"><img src=x>', verification: 'email' });
    expect(page.status).toBe(400);
    expect(page.html).not.toContain('<script>alert(1)');
    expect(page.html).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(page.html).toContain('value="&quot;&gt;&lt;img src=x&gt;"');
  });
});
