// Minimal declarations for the talisman modules we use (the package ships CommonJS without types).
declare module 'talisman/metrics/jaro-winkler.js' {
  /** Jaro–Winkler similarity in [0, 1]. */
  const jaroWinkler: (a: string, b: string) => number;
  export default jaroWinkler;
}

declare module 'talisman/phonetics/german/cologne.js' {
  /** Kölner Phonetik code of a word (digits). */
  const cologne: (word: string) => string;
  export default cologne;
}
