import type { Messages } from './types';

export const en = {
  patients: {
    searchLabel: 'Find a patient',
    searchPlaceholder: 'Name, MRN or date of birth',
    searchHint: 'Type a name, an MRN (P1000042) or a date of birth (24-12-1980).',
    noMatch: 'No patient matches “{{text}}”.',
    tableLabel: 'Patients found',
    columns: { mrn: 'MRN', name: 'Name', dateOfBirth: 'Date of birth', sex: 'Sex' },
    sex: { F: 'Female', M: 'Male', O: 'Other', U: 'Unknown' },
    header: {
      label: 'Patient header',
      mrn: 'MRN',
      dateOfBirth: 'Born',
      age: '{{years}} years',
      sex: 'Sex',
      email: 'Email',
      mobile: 'Mobile',
      postalCode: 'Postal code',
      address: 'Address',
      portal: 'Patient portal',
      close: 'Close patient',
    },
    studies: {
      title: 'Studies',
      columns: { date: 'Date', accession: 'Accession', modality: 'Modality', description: 'Description', report: 'Report' },
      report: { none: 'No report', draft: 'Draft', preliminary: 'Preliminary', final: 'Final' },
      empty: 'No studies.',
    },
    commands: { focusSearch: 'Search patients', closePatient: 'Close the patient' },
  },
};

export const da: Messages<typeof en> = {
  patients: {
    searchLabel: 'Find en patient',
    searchPlaceholder: 'Navn, journalnummer eller fødselsdato',
    searchHint: 'Skriv et navn, et journalnummer (P1000042) eller en fødselsdato (24-12-1980).',
    noMatch: 'Ingen patient passer på “{{text}}”.',
    tableLabel: 'Fundne patienter',
    columns: { mrn: 'Journalnr.', name: 'Navn', dateOfBirth: 'Fødselsdato', sex: 'Køn' },
    sex: { F: 'Kvinde', M: 'Mand', O: 'Andet', U: 'Ukendt' },
    header: {
      label: 'Patienthoved',
      mrn: 'Journalnr.',
      dateOfBirth: 'Født',
      age: '{{years}} år',
      sex: 'Køn',
      email: 'E-mail',
      mobile: 'Mobil',
      postalCode: 'Postnummer',
      address: 'Adresse',
      portal: 'Patientportal',
      close: 'Luk patient',
    },
    studies: {
      title: 'Undersøgelser',
      columns: { date: 'Dato', accession: 'Accessionsnr.', modality: 'Modalitet', description: 'Beskrivelse', report: 'Svar' },
      report: { none: 'Intet svar', draft: 'Kladde', preliminary: 'Foreløbigt', final: 'Endeligt' },
      empty: 'Ingen undersøgelser.',
    },
    commands: { focusSearch: 'Søg efter patienter', closePatient: 'Luk patienten' },
  },
};
