import type { Messages } from './types';

/**
 * Login requests (issue 7): the words the `registrations.*` methods answer with (errors, states,
 * why automatic approval left a request to staff, the reasons staff may give for rejecting).
 * The screen's own labels live with the screen.
 */
export const en = {
  registrations: {
    state: { new: 'New', approved: 'Approved', rejected: 'Rejected', handledElsewhere: 'Handled elsewhere' },
    verification: { strong: 'MitID / NemID', email: 'Email only' },
    manualReason: {
      emailOnly: 'Verified by email only: automatic approval needs MitID or NemID.',
      severalMatches: 'Several patients match equally: perhaps one person is on file twice.',
      partialMatch: 'A patient matches closely, but not on every field.',
      noMatch: 'No patient matches, and automatic approval may not create patients.',
      hasAccount: 'The matching patient already has a portal account.',
      emailShared: 'Another patient’s portal account uses this email address.',
    },
    rejectReason: {
      identityNotConfirmed: 'We could not confirm your identity.',
      notAPatient: 'You are not a patient of the clinic.',
      alreadyRegistered: 'You are already registered.',
      incompleteDetails: 'The details you gave were incomplete.',
      other: 'Other reason (typed; the patient reads it on the portal after giving their date of birth)',
    },
    errors: {
      notFound: 'This login request no longer exists.',
      handled: 'Already handled by {{by}} at {{at}}.',
      handledAutomatically: 'Already handled by automatic approval at {{at}}.',
      otherAccount: 'This patient already has a portal account with another email address. Choose another patient, or change the email address on the portal form first.',
      noRights: 'Tick at least one right.',
      notRequested: 'Only rights the patient asked for can be granted.',
    },
  },
};

export const da: Messages<typeof en> = {
  registrations: {
    state: { new: 'Ny', approved: 'Godkendt', rejected: 'Afvist', handledElsewhere: 'Håndteret andetsteds' },
    verification: { strong: 'MitID / NemID', email: 'Kun e-mail' },
    manualReason: {
      emailOnly: 'Kun bekræftet med e-mail: automatisk godkendelse kræver MitID eller NemID.',
      severalMatches: 'Flere patienter passer lige godt: måske står samme person der to gange.',
      partialMatch: 'En patient passer næsten, men ikke på alle felter.',
      noMatch: 'Ingen patient passer, og automatisk godkendelse må ikke oprette patienter.',
      hasAccount: 'Patienten, der passer, har allerede en konto til portalen.',
      emailShared: 'En anden patients konto til portalen bruger denne e-mailadresse.',
    },
    rejectReason: {
      identityNotConfirmed: 'Vi kunne ikke bekræfte din identitet.',
      notAPatient: 'Du er ikke patient i klinikken.',
      alreadyRegistered: 'Du er allerede registreret.',
      incompleteDetails: 'De oplysninger, du gav, var ufuldstændige.',
      other: 'Anden begrundelse (skrevet; patienten læser den i portalen efter at have oplyst sin fødselsdato)',
    },
    errors: {
      notFound: 'Denne loginbestilling findes ikke længere.',
      handled: 'Allerede håndteret af {{by}} {{at}}.',
      handledAutomatically: 'Allerede håndteret af automatisk godkendelse {{at}}.',
      otherAccount: 'Patienten har allerede en konto til portalen med en anden e-mailadresse. Vælg en anden patient, eller ret først e-mailadressen i formen Patientportal.',
      noRights: 'Sæt mindst ét flueben ved en rettighed.',
      notRequested: 'Kun rettigheder, som patienten har bedt om, kan gives.',
    },
  },
};
