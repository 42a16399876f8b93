import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../common/i18n/types';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../common/notifications';
import { classifySmtpError } from '../../hub/notify/email';
import { maskEmail, maskMobile } from '../../hub/notify/mask';
import { renderNotification } from '../../hub/notify/templates';

const paramsOf: Record<NotificationKind, Record<string, unknown>> = {
  activation: { link: 'https://portal.example.dk/activate?t=abc', hours: 48 },
  passwordReset: { link: 'https://portal.example.dk/reset?t=abc', hours: 1 },
  emailConfirmation: { link: 'https://portal.example.dk/c/x/confirm-email?token=abc', hours: 24 },
  oneTimeCode: { code: '482913', minutes: 10 },
  welcome: {},
  newMessage: {},
  resultsReady: {},
  registrationReceived: {},
  registrationRejected: { reason: 'notAPatient' },
  registrationNote: { link: 'https://portal.example.dk/c/x/registration-note?token=abc', hours: 336 },
  emailChanged: {},
};
const ctx = { signInUrl: 'https://portal.example.dk/' };

describe('notification templates', () => {
  it('every kind renders a subject, an email body and an SMS in English and in Danish, with every placeholder filled', () => {
    for (const kind of NOTIFICATION_KINDS) {
      const en = renderNotification(kind, 'en', paramsOf[kind], ctx);
      const da = renderNotification(kind, 'da', paramsOf[kind], ctx);
      for (const lang of [en, da]) {
        for (const text of [lang.subject, lang.text, lang.sms]) {
          expect(text, kind).not.toMatch(/\{\{|\}\}|undefined/);
          expect(text.length, kind).toBeGreaterThan(10);
        }
      }
      expect(da.subject, kind).not.toBe(en.subject);
      expect(da.text, kind).not.toBe(en.text);
    }
    expect(LANGUAGES).toEqual(['en', 'da']);
  });

  it('shows the values a patient needs: the link, the code, the validity in words, the reason, the portal name', () => {
    expect(renderNotification('activation', 'da', paramsOf.activation, ctx).text).toContain('https://portal.example.dk/activate?t=abc\n\nLinket gælder i 48 timer');
    expect(renderNotification('passwordReset', 'en', paramsOf.passwordReset, ctx).sms).toContain('(valid for 1 hour)');
    expect(renderNotification('oneTimeCode', 'da', paramsOf.oneTimeCode, ctx).sms).toBe(
      'Din engangskode til Patientportal er 482913 (gælder i 10 minutter). Ingen fra klinikken vil nogensinde bede dig om den.',
    );
    expect(renderNotification('registrationRejected', 'en', { reason: 'alreadyRegistered' }, ctx).text).toContain('Reason: You already have an account with us.');
    expect(renderNotification('newMessage', 'en', { displayName: 'Nordklinik' }, ctx).subject).toBe('A new message is waiting for you');
    expect(renderNotification('welcome', 'en', { displayName: 'Nordklinik' }, ctx).text).toContain('This message was sent automatically by Nordklinik.');
  });

  it('refuses anything a kind does not declare, so free text (a name, a result) can never reach a body', () => {
    expect(() => renderNotification('newMessage', 'en', { message: 'Your biopsy shows…' }, ctx)).toThrow();
    expect(() => renderNotification('registrationRejected', 'en', { reason: 'Mr Jensen, we think you lied' }, ctx)).toThrow();
    expect(() => renderNotification('resultsReady', 'en', { displayName: 'Line one\nBcc: x@example.com' }, ctx)).toThrow();
    expect(() => renderNotification('activation', 'en', { link: 'javascript:alert(1)', hours: 24 }, ctx)).toThrow();
    expect(() => renderNotification('oneTimeCode', 'en', { code: 'call me', minutes: 10 }, ctx)).toThrow();
  });
});

describe('addresses as staff see them', () => {
  it('masks email to the first letter and the domain, mobile numbers to the country code and the last four digits', () => {
    expect(maskEmail('jane.doe@example.dk')).toBe('j***@example.dk');
    expect(maskMobile('+45 12 34 12 34')).toBe('+45 ** ** 12 34');
    expect(maskMobile('+4512341234')).toBe('+45 ** ** 12 34');
    expect(maskMobile('12341234')).toBe('** ** 12 34');
  });
});

describe('SMTP failures', () => {
  it('a 5xx reply is a bounce, a 4xx reply or no connection is retried, and a refused sign-in is the hub’s problem, not a bounce', () => {
    expect(classifySmtpError({ responseCode: 550, code: 'EENVELOPE' })).toEqual({ ok: false, kind: 'bounce', error: 'refused by the mail server (550)' });
    expect(classifySmtpError({ responseCode: 451, code: 'EENVELOPE' })).toMatchObject({ kind: 'retry' });
    expect(classifySmtpError({ code: 'ESOCKET' })).toMatchObject({ kind: 'retry', error: 'the mail server could not be reached' });
    expect(classifySmtpError({ responseCode: 535, code: 'EAUTH' })).toMatchObject({ kind: 'retry' });
  });
});
