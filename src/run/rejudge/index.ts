/**
 * Re-judging a recorded run offline (`sas-recette rejudge`), for the command line and for tests that pass
 * changed rules in-process:
 *
 *   const recording = await readRecording('reports/latest', cwd);
 *   const inputs = await loadRejudgeInputs({ original: recording.run, … });
 *   const { run } = await rejudgeRun({ original: recording.run, from: { file, sha256 }, ...inputs, lang: 'en', command });
 */
export { rejudgeRun, type RejudgeInput, type RejudgeResult, type CarriedCase } from './rejudge-run.js';
export { readRecording, type Recording } from './recording.js';
export { loadRejudgeInputs, type RejudgeInputs, type RejudgeInputsOptions } from './inputs.js';
export { rejudgeCommand, type RejudgeCommand } from './rejudge-command.js';
export { REPLAYABLE_KINDS, notReplayableReason } from './replayable.js';
export { rejudgeDiff, writeRejudgeDiff, DIFF_JSON, DIFF_HTML } from './write-diff.js';
export { rejudgeText } from './console-text.js';
