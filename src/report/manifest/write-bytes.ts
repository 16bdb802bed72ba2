/**
 * Writes a file of the run folder that may not be text (copied inputs): folders created, content written
 * to a temporary name then renamed, as src/report/write-output.ts does for the reports.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export async function writeBytes(file: string, content: Buffer | string): Promise<void> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(file)}.${process.pid}.tmp`);
  await writeFile(tmp, content);
  await rename(tmp, file);
}
