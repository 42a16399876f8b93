import type { Messages } from './types';

/**
 * Email and SMS to patients (rendered by hub/notify/templates.ts), and the demo's mail drop page.
 * Placeholders are only those of common/notifications.ts plus {{portal}}, {{signInUrl}} and
 * {{validFor}}: no text here may ever name the patient or say anything about their health.
 */
export const en = {
  notifications: {
    defaultPortalName: 'Patient portal',
    duration: {
      hours_one: '{{count}} hour',
      hours_other: '{{count}} hours',
      minutes_one: '{{count}} minute',
      minutes_other: '{{count}} minutes',
    },
    footer: 'This message was sent automatically by {{portal}}. Replies to it are not read.',
    kinds: {
      activation: {
        subject: 'Activate your {{portal}} account',
        body: 'Activate your patient portal account with this link:\n\n{{link}}\n\nThe link is valid for {{validFor}} and works once. If you did not expect this message, you can ignore it.',
        sms: '{{portal}}: activate your account at {{link}} (valid for {{validFor}}).',
      },
      passwordReset: {
        subject: 'Reset your {{portal}} password',
        body: 'Someone asked to reset the password of your patient portal account. Choose a new password with this link:\n\n{{link}}\n\nThe link is valid for {{validFor}} and works once. If it was not you, ignore this message: your password stays as it is.',
        sms: '{{portal}}: reset your password at {{link}} (valid for {{validFor}}).',
      },
      emailConfirmation: {
        subject: 'Confirm your email address for {{portal}}',
        body: 'Confirm your email address with this link, and your registration goes to the clinic:\n\n{{link}}\n\nThe link is valid for {{validFor}} and works once. If you did not register, you can ignore this message.',
        sms: '{{portal}}: confirm your email address at {{link}} (valid for {{validFor}}).',
      },
      oneTimeCode: {
        subject: 'Your {{portal}} sign-in code',
        body: 'Your one-time code is {{code}}\n\nIt is valid for {{validFor}}. Nobody from the clinic will ever ask you for it.',
        sms: 'Your one-time code for {{portal}} is {{code}} (valid for {{validFor}}). Nobody from the clinic will ever ask you for it.',
      },
      welcome: {
        subject: 'Your {{portal}} account is ready',
        body: 'Your patient portal account is ready. Sign in here:\n\n{{signInUrl}}',
        sms: '{{portal}}: your account is ready. Sign in at {{signInUrl}}',
      },
      newMessage: {
        subject: 'A new message is waiting for you',
        body: 'A new message is waiting for you in {{portal}}. Sign in to read it:\n\n{{signInUrl}}',
        sms: '{{portal}}: a new message is waiting for you. Sign in to read it: {{signInUrl}}',
      },
      resultsReady: {
        subject: 'Your results are ready',
        body: 'Your results are ready in {{portal}}. Sign in, or use the access code you received from the clinic:\n\n{{signInUrl}}',
        sms: '{{portal}}: your results are ready. Sign in or use your access code: {{signInUrl}}',
      },
      registrationReceived: {
        subject: 'Your registration was received',
        body: 'Your registration for {{portal}} was received. The clinic will review it, and you will hear from us when it has been decided.',
        sms: '{{portal}}: your registration was received. You will hear from us when the clinic has reviewed it.',
      },
      registrationRejected: {
        subject: 'Your registration was not approved',
        body: 'Your registration for {{portal}} was not approved.\n\nReason: {{reason}}\n\nPlease contact the clinic if you have questions.',
        sms: '{{portal}}: your registration was not approved. Reason: {{reason}} Please contact the clinic if you have questions.',
      },
      registrationNote: {
        subject: 'Your registration was not approved',
        body: 'Your registration for {{portal}} was not approved. The clinic wrote you a note about it, which you can read here after giving your date of birth:\n\n{{link}}\n\nThe link is valid for {{validFor}}. Please contact the clinic if you have questions.',
        sms: '{{portal}}: your registration was not approved. Read the clinic\'s note at {{link}} (valid for {{validFor}}).',
      },
      emailChanged: {
        subject: 'Your email address was changed',
        body: 'The email address of your {{portal}} account was changed, and messages now go to the new address. If you did not ask for this, please contact the clinic at once.',
        sms: '{{portal}}: the email address of your account was changed. If you did not ask for this, please contact the clinic at once.',
      },
    },
    reasons: {
      identityNotConfirmed: 'We could not confirm your identity.',
      notAPatient: 'We could not find you among our patients.',
      alreadyRegistered: 'You already have an account with us.',
      incompleteDetails: 'Some of the details we need were missing.',
    },
    devMail: {
      title: 'Mail drop (demo)',
      intro: 'This hub has no mail server, so email and SMS to patients are kept here instead of being sent. Only this computer can open this page.',
      empty: 'Nothing has been sent yet.',
      when: 'When',
      to: 'To',
      subject: 'Subject',
      channel: 'Channel',
      email: 'Email',
      sms: 'SMS',
      back: 'All messages',
      notFound: 'There is no such message.',
    },
  },
};

export const da: Messages<typeof en> = {
  notifications: {
    defaultPortalName: 'Patientportal',
    duration: {
      hours_one: '{{count}} time',
      hours_other: '{{count}} timer',
      minutes_one: '{{count}} minut',
      minutes_other: '{{count}} minutter',
    },
    footer: 'Denne besked er sendt automatisk af {{portal}}. Svar på den bliver ikke læst.',
    kinds: {
      activation: {
        subject: 'Aktivér din konto til {{portal}}',
        body: 'Aktivér din konto til patientportalen med dette link:\n\n{{link}}\n\nLinket gælder i {{validFor}} og virker én gang. Hvis du ikke ventede denne besked, kan du se bort fra den.',
        sms: '{{portal}}: aktivér din konto på {{link}} (gælder i {{validFor}}).',
      },
      passwordReset: {
        subject: 'Nulstil din adgangskode til {{portal}}',
        body: 'Nogen har bedt om at nulstille adgangskoden til din konto på patientportalen. Vælg en ny adgangskode med dette link:\n\n{{link}}\n\nLinket gælder i {{validFor}} og virker én gang. Hvis det ikke var dig, kan du se bort fra beskeden: din adgangskode forbliver den samme.',
        sms: '{{portal}}: nulstil din adgangskode på {{link}} (gælder i {{validFor}}).',
      },
      emailConfirmation: {
        subject: 'Bekræft din e-mailadresse til {{portal}}',
        body: 'Bekræft din e-mailadresse med dette link, så bliver din registrering sendt til klinikken:\n\n{{link}}\n\nLinket gælder i {{validFor}} og virker én gang. Hvis du ikke har registreret dig, kan du se bort fra beskeden.',
        sms: '{{portal}}: bekræft din e-mailadresse på {{link}} (gælder i {{validFor}}).',
      },
      oneTimeCode: {
        subject: 'Din kode til at logge ind på {{portal}}',
        body: 'Din engangskode er {{code}}\n\nDen gælder i {{validFor}}. Ingen fra klinikken vil nogensinde bede dig om den.',
        sms: 'Din engangskode til {{portal}} er {{code}} (gælder i {{validFor}}). Ingen fra klinikken vil nogensinde bede dig om den.',
      },
      welcome: {
        subject: 'Din konto til {{portal}} er klar',
        body: 'Din konto på patientportalen er klar. Log ind her:\n\n{{signInUrl}}',
        sms: '{{portal}}: din konto er klar. Log ind på {{signInUrl}}',
      },
      newMessage: {
        subject: 'Der venter en ny besked til dig',
        body: 'Der venter en ny besked til dig i {{portal}}. Log ind for at læse den:\n\n{{signInUrl}}',
        sms: '{{portal}}: der venter en ny besked til dig. Log ind for at læse den: {{signInUrl}}',
      },
      resultsReady: {
        subject: 'Dine svar er klar',
        body: 'Dine svar er klar i {{portal}}. Log ind, eller brug adgangskoden, du har fået af klinikken:\n\n{{signInUrl}}',
        sms: '{{portal}}: dine svar er klar. Log ind, eller brug din adgangskode: {{signInUrl}}',
      },
      registrationReceived: {
        subject: 'Vi har modtaget din registrering',
        body: 'Vi har modtaget din registrering til {{portal}}. Klinikken gennemgår den, og du hører fra os, når den er afgjort.',
        sms: '{{portal}}: vi har modtaget din registrering. Du hører fra os, når klinikken har gennemgået den.',
      },
      registrationRejected: {
        subject: 'Din registrering blev ikke godkendt',
        body: 'Din registrering til {{portal}} blev ikke godkendt.\n\nBegrundelse: {{reason}}\n\nKontakt klinikken, hvis du har spørgsmål.',
        sms: '{{portal}}: din registrering blev ikke godkendt. Begrundelse: {{reason}} Kontakt klinikken, hvis du har spørgsmål.',
      },
      registrationNote: {
        subject: 'Din registrering blev ikke godkendt',
        body: 'Din registrering til {{portal}} blev ikke godkendt. Klinikken har skrevet en besked til dig om det, som du kan læse her, når du har oplyst din fødselsdato:\n\n{{link}}\n\nLinket gælder i {{validFor}}. Kontakt klinikken, hvis du har spørgsmål.',
        sms: '{{portal}}: din registrering blev ikke godkendt. Læs klinikkens besked på {{link}} (gælder i {{validFor}}).',
      },
      emailChanged: {
        subject: 'Din e-mailadresse er blevet ændret',
        body: 'E-mailadressen på din konto til {{portal}} er blevet ændret, og beskeder sendes nu til den nye adresse. Hvis du ikke har bedt om det, så kontakt klinikken med det samme.',
        sms: '{{portal}}: e-mailadressen på din konto er blevet ændret. Hvis du ikke har bedt om det, så kontakt klinikken med det samme.',
      },
    },
    reasons: {
      identityNotConfirmed: 'Vi kunne ikke bekræfte din identitet.',
      notAPatient: 'Vi kunne ikke finde dig blandt vores patienter.',
      alreadyRegistered: 'Du har allerede en konto hos os.',
      incompleteDetails: 'Nogle af de oplysninger, vi skal bruge, manglede.',
    },
    devMail: {
      title: 'Postkasse (demo)',
      intro: 'Denne hub har ingen mailserver, så e-mails og sms’er til patienter gemmes her i stedet for at blive sendt. Kun denne computer kan åbne siden.',
      empty: 'Der er ikke sendt noget endnu.',
      when: 'Tidspunkt',
      to: 'Til',
      subject: 'Emne',
      channel: 'Kanal',
      email: 'E-mail',
      sms: 'Sms',
      back: 'Alle beskeder',
      notFound: 'Beskeden findes ikke.',
    },
  },
};
