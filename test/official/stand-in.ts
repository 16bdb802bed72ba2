/**
 * A stand-in `java` for the official-validator tests: a small Node script named `java` that parses the
 * arguments the validator is started with (`-jar <jar> server <port> …`), records each start and each
 * validation in a JSON-lines file, and answers the validator's HTTP API on the requested port
 * (GET /validateResource → 405 once ready, POST → the OperationOutcome it was given); every answer
 * carries `x-stand-in-pid`, so a test can tell it from another program that later takes the port.
 * FAKE_JAVA_DELAY_MS delays each answer. Modes (FAKE_JAVA_MODE): ok, crash (prints an error and exits 1 during start-up), mute (never
 * listens), die-on-validate (exits when asked to validate).
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const SCRIPT = String.raw`
'use strict';
const http = require('node:http');
const fs = require('node:fs');
const args = process.argv.slice(2);
const rec = (o) => fs.appendFileSync(process.env.FAKE_JAVA_LOG, JSON.stringify({ pid: process.pid, ...o }) + '\n');
const jar = args[args.indexOf('-jar') + 1];
const port = Number(args[args.indexOf('server') + 1]);
const proxies = ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy'].filter((k) => process.env[k]);
rec({ event: 'start', args, proxies });
const mode = process.env.FAKE_JAVA_MODE || 'ok';
console.log('FHIR Validation tool Version 6.9.9 (Git# stand-in). Built 2025-01-01');
if (!fs.existsSync(jar)) { console.log('Error: Unable to access jarfile ' + jar); process.exit(1); }
if (mode === 'crash') {
  console.log('  Load hl7.fhir.r4.core#4.0.1');
  console.log('Exception: Unable to find package hl7.fhir.fr.core#1.1.0');
  process.exit(1);
}
if (mode === 'mute') { setInterval(() => {}, 1000); return; }
const answer = fs.readFileSync(process.env.FAKE_JAVA_OO, 'utf8');
const delay = Number(process.env.FAKE_JAVA_DELAY_MS || 0);
let inflight = 0;
const server = http.createServer((req, res) => {
  res.setHeader('x-stand-in-pid', String(process.pid));
  const url = new URL(req.url, 'http://127.0.0.1');
  if (url.pathname !== '/validateResource') { res.writeHead(404); res.end(); return; }
  if (req.method !== 'POST') { res.writeHead(405); res.end(); return; }
  let body = '';
  inflight++;
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    const resource = JSON.parse(body);
    rec({ event: 'validate', profiles: url.searchParams.get('profiles'), resourceType: resource.resourceType, contentType: req.headers['content-type'], inflight });
    if (mode === 'die-on-validate') process.exit(3);
    setTimeout(() => {
      inflight--;
      res.writeHead(200, { 'content-type': 'application/fhir+json' });
      res.end(answer);
    }, delay);
  });
});
server.listen(port, '127.0.0.1', () => console.log('\u001b[32mFHIR validation server listening on port ' + port + '\u001b[0m'));
`;

export interface StandIn {
  /** Folder holding only `java`: use it as PATH. */
  binDir: string;
  java: string;
  jar: string;
  log: string;
  answer: string;
}

/** Writes the stand-in java (shebang: this very node), an empty jar and the answer file. */
export function makeStandIn(dir: string, outcome: object): StandIn {
  const binDir = path.join(dir, 'bin');
  if (!existsSync(binDir)) mkdirSync(binDir, { recursive: true });
  const java = path.join(binDir, 'java');
  writeFileSync(java, `#!${process.execPath}\n${SCRIPT}`);
  chmodSync(java, 0o755);
  const jar = path.join(dir, 'validator_cli.jar');
  writeFileSync(jar, 'PK\u0003\u0004 stand-in jar');
  const answer = path.join(dir, 'answer.json');
  writeFileSync(answer, JSON.stringify(outcome));
  return { binDir, java, jar, log: path.join(dir, 'java-calls.jsonl'), answer };
}

export interface JavaCall {
  pid: number;
  event: 'start' | 'validate';
  args?: string[];
  proxies?: string[];
  profiles?: string | null;
  resourceType?: string;
  contentType?: string;
  /** Requests being served when this one arrived (itself included). */
  inflight?: number;
}

export function readCalls(log: string): JavaCall[] {
  if (!existsSync(log)) return [];
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as JavaCall);
}
