/**
 * What each evidence method and modality means, in the words an analyst reads beside a quote. The
 * schema describes the same values for API users; tests/studio.test.ts checks that every value the
 * schema declares is explained here.
 */
export const METHOD_NOTES: Readonly<Record<string, { label: string; note: string }>> = {
  EXTRACTED: { label: 'Stated', note: 'The quoted words say this directly.' },
  INFERRED: { label: 'Inferred', note: 'Not said in so many words: it follows from the quote by the reasoning given below.' },
  EXTERNAL: { label: 'From a reference', note: 'The quote names the subject; the fact itself comes from the outside reference linked below.' },
  EDITORIAL: { label: 'Editorial', note: "A curator's classification, not stated by the source, with a stated reason." },
};

export const MODALITY_NOTES: Readonly<Record<string, string>> = {
  STATED: 'The source reports it as fact.',
  PLANNED: 'The source reports it as planned or announced, not yet done.',
  REPORTED_SPEECH: 'The source reports it as what someone said.',
};
