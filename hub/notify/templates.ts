import { en, da } from '../../common/i18n/notifications';
import type { Language } from '../../common/i18n/types';
import { NOTIFICATION_PARAMS, type NotificationKind } from '../../common/notifications';

export interface RenderedNotification {
  subject: string;
  /** Plain-text email body, footer included. */
  text: string;
  sms: string;
}

const catalogs = { en: en.notifications, da: da.notifications };

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const v = values[name];
    // a placeholder without a value is a bug in a catalog; never send "{{link}}" to a patient
    if (v === undefined) throw new Error(`notification template needs {{${name}}}`);
    return v;
  });
}

const plural = (forms: Record<string, string>, unit: 'hours' | 'minutes', count: number) =>
  fill(forms[`${unit}_${count === 1 ? 'one' : 'other'}`] as string, { count: String(count) });

/**
 * The patient's language picks the texts. Params are checked against the kind's schema again
 * here, so whatever reached the outbox, nothing but the declared values is ever shown.
 */
export function renderNotification(kind: NotificationKind, language: Language, rawParams: unknown, ctx: { signInUrl: string }): RenderedNotification {
  const params = NOTIFICATION_PARAMS[kind].parse(rawParams) as Record<string, string | number | undefined>;
  const c = catalogs[language];
  const values: Record<string, string> = {
    portal: typeof params.displayName === 'string' ? params.displayName : c.defaultPortalName,
    signInUrl: ctx.signInUrl,
  };
  if (typeof params.link === 'string') values.link = params.link;
  if (typeof params.code === 'string') values.code = params.code;
  if (typeof params.hours === 'number') values.validFor = plural(c.duration, 'hours', params.hours);
  if (typeof params.minutes === 'number') values.validFor = plural(c.duration, 'minutes', params.minutes);
  if (typeof params.reason === 'string') values.reason = c.reasons[params.reason as keyof typeof c.reasons];
  const t = c.kinds[kind];
  return {
    subject: fill(t.subject, values),
    text: `${fill(t.body, values)}\n\n-- \n${fill(c.footer, values)}\n`,
    sms: fill(t.sms, values),
  };
}
