import type { Messages } from './types';

/** The patient header's "Edit contact details" dialog. */
export const en = {
  contact: {
    edit: 'Edit contact details',
    title: 'Contact details of {{name}}',
    intro: 'How the clinic and the portal reach the patient. Leave a field empty when nothing is on file.',
    email: 'Email',
    mobile: 'Mobile',
    mobileHint: 'Digits, with + and the country code if it is not Danish',
    addressLine: 'Address',
    postalCode: 'Postal code',
    city: 'City',
  },
};

export const da: Messages<typeof en> = {
  contact: {
    edit: 'Ret kontaktoplysninger',
    title: 'Kontaktoplysninger for {{name}}',
    intro: 'Sådan når klinikken og portalen patienten. Lad et felt stå tomt, hvis intet er registreret.',
    email: 'E-mail',
    mobile: 'Mobil',
    mobileHint: 'Cifre, med + og landekode, hvis nummeret ikke er dansk',
    addressLine: 'Adresse',
    postalCode: 'Postnummer',
    city: 'By',
  },
};
