/** Is a service really gone: process ended (a zombie counts as ended) and no longer answering. */
import { readFileSync } from 'node:fs';
import http from 'node:http';

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/**
 * Does the stand-in with this pid still answer on this port? (On a shared machine another program may
 * take a freed port at once, so "the port answers" alone would not say that our service is still up.)
 */
export function standInAnswers(port: number, pid: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/validateResource', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.headers['x-stand-in-pid'] === String(pid));
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(false));
  });
}

/** Polls until the process is gone (or the deadline passes), then says whether it is gone. */
export async function waitGone(pid: number, deadlineMs = 10_000): Promise<boolean> {
  const end = Date.now() + deadlineMs;
  while (isAlive(pid) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  return !isAlive(pid);
}
