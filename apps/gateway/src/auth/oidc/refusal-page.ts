/**
 * The page a browser sees when single sign-on does not work out: German first, then English,
 * no script, no style from elsewhere, and a way back to the console's sign-in.
 */
export type RefusalKind =
  | 'flow'
  | 'provider'
  | 'unknown'
  | 'deactivated'
  | 'not-configured'
  | 'unavailable'
  | 'rate-limited'
  | 'too-many-starts';

const TEXTS: Record<RefusalKind, { de: string; en: string }> = {
  flow: {
    de: 'Die Anmeldung ist abgelaufen oder wurde in einem anderen Browser begonnen. Bitte melden Sie sich erneut an.',
    en: 'The sign-in has expired or was started in another browser. Please sign in again.',
  },
  provider: {
    de: 'Die Antwort des Anmeldedienstes Ihrer Verwaltung konnte nicht bestätigt werden. Bitte melden Sie sich erneut an.',
    en: "Your administration's sign-in service sent an answer that could not be verified. Please sign in again.",
  },
  unknown: {
    de: 'Ihr Konto ist im KIM Hub nicht freigeschaltet. Bitte wenden Sie sich an die Administration Ihres Kreises.',
    en: "Your account has no access to the KIM Hub. Please ask your Kreis's administration.",
  },
  deactivated: {
    de: 'Ihr Zugang zum KIM Hub ist deaktiviert. Bitte wenden Sie sich an die Administration Ihres Kreises.',
    en: "Your access to the KIM Hub is deactivated. Please ask your Kreis's administration.",
  },
  'not-configured': {
    de: 'Für diesen Kreis ist keine Anmeldung mit dem Konto der Verwaltung eingerichtet.',
    en: 'Sign-in with the administration account is not set up for this Kreis.',
  },
  unavailable: {
    de: 'Der Anmeldedienst Ihrer Verwaltung ist gerade nicht erreichbar. Bitte versuchen Sie es später erneut.',
    en: "Your administration's sign-in service cannot be reached right now. Please try again later.",
  },
  'rate-limited': {
    de: 'Zu viele fehlgeschlagene Anmeldungen. Bitte warten Sie einen Moment.',
    en: 'Too many failed sign-ins. Please wait a moment.',
  },
  'too-many-starts': {
    de: 'Zu viele Anmeldeversuche von dieser Adresse. Bitte warten Sie einen Moment.',
    en: 'Too many sign-in attempts from this address. Please wait a moment.',
  },
};

export function refusalPage(kind: RefusalKind): string {
  const t = TEXTS[kind];
  return `<!doctype html>
<html lang="de">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Anmeldung nicht möglich · Sign-in failed</title></head>
<body>
<main>
<h1>Anmeldung nicht möglich</h1>
<p>${t.de}</p>
<p><a href="/console/">Zur Anmeldung</a></p>
<div lang="en">
<h2>Sign-in failed</h2>
<p>${t.en}</p>
<p><a href="/console/">Back to sign-in</a></p>
</div>
</main>
</body>
</html>
`;
}
