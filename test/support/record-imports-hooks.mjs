/** Loader hooks of record-imports.mjs: appends each loaded module's URL to the file given at registration. */
import { appendFileSync } from 'node:fs';

let file;

export function initialize(data) {
  file = data.file;
}

export async function load(url, context, nextLoad) {
  if (file && !url.startsWith('node:')) appendFileSync(file, `${url}\n`);
  return nextLoad(url, context);
}
