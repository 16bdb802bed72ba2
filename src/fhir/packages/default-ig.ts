/** The IG validated by default. Its own module so that light modules (command tables) can name it cheaply. */
export const DEFAULT_IG = 'ans.fhir.fr.sas#1.2.0';
