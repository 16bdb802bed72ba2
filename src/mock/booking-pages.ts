/**
 * The HTML pages of the reference editor's booking site (flux V2): its login page (a form with an
 * identifier and a password, keeping `origin` and the page asked for), the agenda shown by the
 * `sso-no-redirect` defect, and its error pages. Everything echoed back from the request is escaped.
 * Pure.
 */

/** Text or attribute value safe in HTML (`&`, `<`, `>`, `"`, `'`). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Long values echoed back are cut (a URL is at most a few KiB anyway: Node limits the request line). */
function echo(text: string, max = 500): string {
  return escapeHtml(text.length > max ? `${text.slice(0, max)}…` : text);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** The editor's own login page: `origin` and `next` ride along in hidden fields. */
export function loginPage(o: { origin?: string; next?: string; refused?: boolean }): string {
  const hidden = [
    ...(o.origin !== undefined ? [`<input type="hidden" name="origin" value="${echo(o.origin, 100)}">`] : []),
    ...(o.next !== undefined ? [`<input type="hidden" name="next" value="${echo(o.next, 16_000)}">`] : []),
  ].join('\n');
  const refused = o.refused
    ? '<p role="alert">Identifiant ou mot de passe refusé&nbsp;: l’éditeur de référence n’a pas de compte de démonstration.</p>\n'
    : '';
  return page(
    'Connexion — éditeur de référence',
    `<h1>Connexion</h1>
${refused}<form method="post" action="/connexion">
${hidden}
<p><label for="identifiant">Identifiant</label>
<input id="identifiant" name="identifiant" type="text" autocomplete="username" required></p>
<p><label for="mot-de-passe">Mot de passe</label>
<input id="mot-de-passe" name="mot-de-passe" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Se connecter</button></p>
</form>`,
  );
}

/** The agenda, shown without any login (defect `sso-no-redirect`). */
export function agendaPage(o: { path: string; params: [string, string][] }): string {
  const asked = o.params.map(([k, v]) => `<li>${echo(k, 50)}&nbsp;: ${echo(v, 200)}</li>`).join('\n');
  const rows = ['09:00', '09:30', '10:00', '10:30', '11:00']
    .map((h) => `<tr><td>${h}</td><td>Consultation</td><td>Libre</td></tr>`)
    .join('\n');
  return page(
    'Agenda — éditeur de référence',
    `<h1>Agenda</h1>
<p>Page de réservation ${echo(o.path, 200)}, affichée sans connexion.</p>
<ul>
${asked}
</ul>
<table>
<caption>Créneaux du jour</caption>
<thead><tr><th scope="col">Heure</th><th scope="col">Motif</th><th scope="col">État</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`,
  );
}

export function errorPage(status: number, text: string): string {
  return page(`${status} ${text}`, `<h1>${status} ${escapeHtml(text)}</h1>`);
}
