import { parentPort, workerData } from 'node:worker_threads';
import { isStaffwellError } from '../errors.ts';
import { surveyProfile } from '../services/survey-profile.ts';
import type { ProfileWorkerInput, ProfileWorkerMessage } from './survey-profile-thread.ts';

/** Entry of a survey-profile worker thread (survey-profile-thread.ts): the profile of one file, or its error. */
const { file, options } = workerData as ProfileWorkerInput;
let message: ProfileWorkerMessage;
try {
  message = { ok: true, profile: await surveyProfile(file, options) };
} catch (e) {
  message = isStaffwellError(e)
    ? { ok: false, staffwell: { code: e.code, problem: e.problem, location: e.location, value: e.value, hint: e.hint } }
    : { ok: false, message: (e as Error)?.message ?? String(e), stack: (e as Error)?.stack };
}
parentPort!.postMessage(message);
