// Type-checked (never run) by `tsc --noEmit`: a consumer using every export of both entry
// points, so the generated declarations stay right.
import {
  defaultPollPolicy,
  Job,
  jobTypeLabel,
  layoutTimeline,
  nextPollDelay,
  parseErrorResponse,
  parseJob,
  summarize,
  Timeline,
  watchJob,
  type ApiError,
  type Entities,
  type LayoutOptions,
  type PollDecision,
  type PollPolicy,
  type Row,
  type Summary,
  type WatchOptions,
} from "sdrs-job-timeline";
import { defineJobTimelineElement, mountJobTimeline, type JobTimelineHandle, type MountOptions } from "sdrs-job-timeline/widget";
import * as widget from "sdrs-job-timeline/widget";

const job: Job = parseJob(new Uint8Array([123, 125]));
const again: Job = parseJob("{}");
const id: string | undefined = job.jobId;
const status: string | undefined = job.status;
const begin: number | undefined = job.beginMs;
const entities: Entities = job.entities;
const group: string | undefined = entities.serverGroupId;
const children: Job[] = again.subJobs;
const count: number = job.jobCount;
const wire: string = job.toWireJson();

const summary: Summary = summarize(job, Date.now());
const progress: number = summary.progress;
const failed: number = summary.counts.FAIL;
const reasons: (string | null)[] = summary.failures.map((failure) => failure.failReason);
const warningCodes: string[] = summary.warnings.map((warning) => warning.code);

const options: LayoutOptions = { nowMs: 0, collapsed: ["a"], locale: "zh" };
const timeline: Timeline = layoutTimeline(job, options);
const first: Row | undefined = timeline.row(0);
const rows: Row[] = timeline.rows;
const window: number = timeline.endMs - timeline.startMs + timeline.rowCount;
const left: number | undefined = first?.left;

const error: ApiError = parseErrorResponse(404, "{}", "request");
const retry: boolean = error.retryable && error.notFound;
const meaning: string | null = error.meaning;

const policy: PollPolicy = defaultPollPolicy();
const decision: PollDecision = nextPollDelay(1, 0, { status: "RUNNING" }, policy, 0.5);
const delay: number = decision.kind === "wait" ? decision.delayMs : 0;
const reason: string | undefined = decision.kind === "stop" ? decision.reason : undefined;

const watch: WatchOptions = {
  endpoint: "",
  projectId: "p",
  jobId: "j",
  token: "t",
  fetch: globalThis.fetch,
  policy: { minDelayMs: 1000 },
  signal: new AbortController().signal,
  onUpdate: (update: Job, state: Summary) => void [update.status, state.total],
};
const finished: Promise<Job> = watchJob(watch);
const label: string = jobTypeLabel("failoverProtectionGroupNoCG", "en");

const mountOptions: MountOptions = { endpoint: "", projectId: "p", jobId: "j", token: "t", locale: "en", theme: "dark" };
const handle: JobTimelineHandle = mountJobTimeline(document.createElement("div"), mountOptions);
handle.update(widget.parseJob("{}"));
handle.updateFromResponse("{}");
handle.setOptions({ locale: "zh" });
handle.destroy();
defineJobTimelineElement("my-job-timeline");
defineJobTimelineElement();

export const used = [id, status, begin, group, children, count, wire, progress, failed, reasons, warningCodes, window, left, rows,
  retry, meaning, delay, reason, finished, label];
