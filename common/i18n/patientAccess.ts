import type { Messages } from './types';

/**
 * The hub's pages for results (hub/patient/): the access-code page (code from the access slip +
 * date of birth, no account needed) and the signed-in patient's list of results. Plain words:
 * patients read these. The hub shows them with patientPortal.ts and patientPages.ts as one catalog.
 */
export const en = {
  patientAccess: {
    access: {
      title: 'See your results with an access code',
      intro: 'Enter the access code from the slip the clinic gave you, and your date of birth.',
      link: 'Got an access code from the clinic? See your results',
      code: 'Access code',
      codeHint: 'As printed on your access slip, for example ABCD-EFGH-JKMN-PQRS',
      submit: 'Show my results',
      codeLength: 'An access code has {{expected}} characters; you typed {{actual}}. Check the code on your slip.',
      codeCharacter: '“{{character}}” does not occur in access codes. Check the code on your slip.',
      codeCheck: 'This code has a typo: one character is wrong or two are swapped. Check it against your slip.',
      noMatch: 'This access code and date of birth do not open any results. Check both against your slip. After 5 wrong dates of birth a code is locked, and only the clinic can unlock it.',
      checkDate: 'Check this date too.',
      locked: 'This access code is locked after {{misses}} wrong dates of birth. Contact the clinic to have it unlocked.',
      disabled: 'This access code has been turned off by the clinic. Contact the clinic if you need your results.',
      expired: 'This access code expired on {{time}}. Contact the clinic to have it extended or to get a new one.',
      viewEnded: 'Your view of the results ended after {{minutes}} minutes. Enter the code again to see them.',
      done: 'You have closed the view of your results.',
    },
    keyResults: {
      title: 'Your results',
      intro: 'These are the examinations the clinic has released to you, with their final report.',
      until: 'This page shows your results until {{time}}. The access code is valid until {{expires}}.',
      close: 'Close',
      none: 'There are no results to show at the moment.',
      study: 'Examination',
      date: 'Date',
      modality: 'Type',
      report: 'Report',
      images: 'Images',
      reportReady: 'Final: ready',
      readyAt: 'Ready at {{time}}',
      imagesReady: 'Ready',
      imagesLater: 'Not yet available (ready at {{time}})',
      imagesNotYet: 'Not yet available',
    },
    myResults: {
      title: 'My results',
      intro: 'The examinations the clinic has released to you, with their final report.',
      none: 'The clinic has not released any results to you yet. You can ask for them under “Request results”.',
    },
  },
};

export const da: Messages<typeof en> = {
  patientAccess: {
    access: {
      title: 'Se dine svar med en adgangskode',
      intro: 'Indtast adgangskoden fra den seddel, klinikken har givet dig, og din fødselsdato.',
      link: 'Har du fået en adgangskode af klinikken? Se dine svar',
      code: 'Adgangskode',
      codeHint: 'Som den står på din seddel, for eksempel ABCD-EFGH-JKMN-PQRS',
      submit: 'Vis mine svar',
      codeLength: 'En adgangskode har {{expected}} tegn; du har skrevet {{actual}}. Tjek koden på din seddel.',
      codeCharacter: '“{{character}}” forekommer ikke i adgangskoder. Tjek koden på din seddel.',
      codeCheck: 'Koden har en tastefejl: et tegn er forkert, eller to er byttet om. Sammenlign den med din seddel.',
      noMatch: 'Adgangskoden og fødselsdatoen åbner ingen svar. Tjek begge dele med din seddel. Efter 5 forkerte fødselsdatoer låses koden, og kun klinikken kan låse den op.',
      checkDate: 'Tjek også denne dato.',
      locked: 'Adgangskoden er låst efter {{misses}} forkerte fødselsdatoer. Kontakt klinikken for at få den låst op.',
      disabled: 'Klinikken har slået adgangskoden fra. Kontakt klinikken, hvis du har brug for dine svar.',
      expired: 'Adgangskoden udløb {{time}}. Kontakt klinikken for at få den forlænget eller få en ny.',
      viewEnded: 'Visningen af dine svar sluttede efter {{minutes}} minutter. Indtast koden igen for at se dem.',
      done: 'Du har lukket visningen af dine svar.',
    },
    keyResults: {
      title: 'Dine svar',
      intro: 'Det er de undersøgelser, klinikken har frigivet til dig, med deres endelige beskrivelse.',
      until: 'Siden viser dine svar indtil {{time}}. Adgangskoden gælder indtil {{expires}}.',
      close: 'Luk',
      none: 'Der er ingen svar at vise lige nu.',
      study: 'Undersøgelse',
      date: 'Dato',
      modality: 'Type',
      report: 'Beskrivelse',
      images: 'Billeder',
      reportReady: 'Endelig: klar',
      readyAt: 'Klar {{time}}',
      imagesReady: 'Klar',
      imagesLater: 'Endnu ikke tilgængelige (klar {{time}})',
      imagesNotYet: 'Endnu ikke tilgængelige',
    },
    myResults: {
      title: 'Mine svar',
      intro: 'De undersøgelser, klinikken har frigivet til dig, med deres endelige beskrivelse.',
      none: 'Klinikken har endnu ikke frigivet svar til dig. Du kan bede om dem under “Bed om svar”.',
    },
  },
};
