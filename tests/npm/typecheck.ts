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
  toChromeTrace,
  toOtlpSpans,
  type ChromeTrace,
  type OtlpTrace,
  jobHistory,
  type ObservedHistory,
  answerText,
  toSessionRecord,
  openSessionRecord,
  type SessionRecord,
  jobStatistics,
  compareJobs,
  type TypeStats,
  type Comparison,
  Timeline,
  watchJob,
  watchJobs,
  setMaxInFlight,
  maxInFlight,
  type WatchedJob,
  type WatchJobsOptions,
  listFailureJobs,
  deleteFailureJob,
  type FailureJob,
  type FailureJobs,
  type ListFailureJobsOptions,
  type ApiError,
  type Entities,
  type LayoutOptions,
  type PollDecision,
  type PollPolicy,
  type Row,
  type Summary,
  type WatchOptions,
} from "sdrs-job-timeline";
import {
  defineJobTimelineElement,
  mountJobTimeline,
  type ErrorDetail,
  type FinishedDetail,
  type HostFetch,
  type JobTimelineHandle,
  type MountOptions,
  type SdrsJobTimelineElement,
  type SelectDetail,
  type StatusChangeDetail,
} from "sdrs-job-timeline/widget";
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
const trace: ChromeTrace = toChromeTrace(job, Date.now(), "zh");
const firstEvent: number | undefined = trace.traceEvents[0]?.dur;
const otlp: OtlpTrace = toOtlpSpans(job);
const spanIds: string[] = otlp.resourceSpans[0].scopeSpans[0].spans.map((span) => span.spanId);
const progress: number = summary.progress;
const failed: number = summary.counts.FAIL;
const reasons: (string | null)[] = summary.failures.map((failure) => failure.failReason);
const warningCodes: string[] = summary.warnings.map((warning) => warning.code);

const options: LayoutOptions = { nowMs: 0, collapsed: ["a"], locale: "zh" };
const timeline: Timeline = layoutTimeline(job, options);
const first: Row | undefined = timeline.row(0);
const byType: TypeStats[] = jobStatistics(job, { nowMs: 0, locale: "zh", sortBy: "median", descending: false });
const medians: (number | null)[] = byType.map((row) => row.medianMs);
const compared: Comparison = compareJobs(job, job, 0);
const slower: string[] = compared.rows.flatMap((row) => (row.deltaMs !== null && row.deltaMs > 0 ? [row.path] : []));
void [medians, slower, compared.onlyA + compared.onlyB];
const image: string = timeline.toSvg({ widthPx: 1000, nameWidthPx: 300, maxRows: 50, utcOffsetMinutes: 480 });
const plainImage: string = timeline.toSvg({});
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
  headers: { "X-CSRF-Token": "c" },
  credentials: "same-origin",
  policy: { minDelayMs: 1000, requestTimeoutMs: 30_000 },
  signal: new AbortController().signal,
  onUpdate: (update: Job, state: Summary) => void [update.status, state.total],
};
const finished: Promise<Job> = watchJob(watch);
const withHistory: WatchOptions = {
  ...watch,
  onUpdate: (_update: Job, _state: Summary, seen: ObservedHistory) => void seen.answers,
};
void watchJob(withHistory).then((done) => {
  const record: SessionRecord = toSessionRecord(done, { endpoint: "", projectId: "p" });
  const reopened: Job = openSessionRecord(JSON.stringify(record));
  const sameAnswer: boolean = answerText(reopened) === record.lastAnswer;
  void [sameAnswer, record.history.answerTimes.length, record.savedAtMs];
  const history: ObservedHistory | null = jobHistory(done);
  const waited: number[] = (history?.jobs ?? []).flatMap(({ changes }) =>
    changes.flatMap((change) => (change.kind === "status" && change.status.kind !== "INIT" ? [change.atMs] : [])),
  );
  const keys: string[] = (history?.jobs ?? []).map(({ key }) => (key.by === "id" ? key.value : `path ${key.value}`));
  return [waited, keys, history?.dropped, history?.moments];
});
const many: WatchJobsOptions = {
  endpoint: "",
  projectId: "p",
  jobIds: ["a", "b"],
  fetch: consoleFetchLater,
  onUpdate: (jobId: string, update: Job, state: Summary) => void [jobId, update.status, state.progress],
};
const all: Promise<WatchedJob[]> = watchJobs(many);
void all.then((jobs) => jobs.map(({ jobId, job, error }) => [jobId, job?.status, error?.code]));
setMaxInFlight(maxInFlight() + 1);
function consoleFetchLater(url: string, init: RequestInit) {
  return fetch(url, init);
}
const label: string = jobTypeLabel("failoverProtectionGroupNoCG", "en");

const mountOptions: MountOptions = { endpoint: "", projectId: "p", jobId: "j", token: "t", locale: "en", theme: "dark" };
const boardOptions: MountOptions = { endpoint: "", projectId: "p", jobIds: ["a", "b"], fetch: globalThis.fetch };
const handle: JobTimelineHandle = mountJobTimeline(document.createElement("div"), mountOptions);
handle.update(widget.parseJob("{}"));
handle.updateFromResponse("{}");
handle.setOptions({ locale: "zh" });
handle.setOptions({ locale: "zh-CN" }); // a BCP 47 tag (LocaleTag)
handle.setOptions(boardOptions);

// A console's own transport and the events, as the npm README shows them.
const consoleFetch: HostFetch = (url, init) =>
  fetch(url, { ...init, credentials: "same-origin", headers: { ...init.headers, "X-CSRF-Token": "c" } });
const withEvents: MountOptions = {
  endpoint: "/console-api/sdrs",
  projectId: "p",
  jobId: "j",
  fetch: consoleFetch,
  credentials: "include",
  onStatusChange: (detail: StatusChangeDetail) => void [detail.statusKind, detail.previousKind, detail.summary.progress],
  onFinished: (detail: FinishedDetail) => void [detail.status, detail.jobType, detail.summary.failures],
  onError: (detail: ErrorDetail) => void [detail.reason, detail.code, detail.error?.httpStatus],
  onSelect: (detail: SelectDetail | null) => void detail?.errorCode,
};
handle.replaceOptions(withEvents);
handle.destroy();

// The custom element is typed by its tag, properties and events.
const element: SdrsJobTimelineElement | null = document.querySelector("sdrs-job-timeline");
if (element) {
  element.token = "t";
  element.fetch = consoleFetch;
  element.headers = { "X-CSRF-Token": "c" };
  element.policy = { maxWaitMs: 60_000 };
  element.addEventListener("sdrs-finished", (event) => void event.detail.summary.progress);
  element.addEventListener("sdrs-select", (event) => void event.detail?.jobId);
}
const created: SdrsJobTimelineElement = document.createElement("sdrs-job-timeline");
defineJobTimelineElement("my-job-timeline");
defineJobTimelineElement();

// The Task Center: filters typed by their values, entries by their fields.
const listOptions: ListFailureJobsOptions = {
  endpoint: "/console-api/sdrs",
  projectId: "p",
  fetch: consoleFetch,
  failureStatus: "failoverFail",
  resourceType: "protected_instances",
  serverGroupId: "g",
  limit: 100,
  offset: 200,
};
const page: Promise<FailureJobs> = listFailureJobs(listOptions);
void page.then((found) => {
  const first: FailureJob | undefined = found.failureJobs[0];
  return [found.count, first?.resourceKind === "protectedInstance", first?.beginMs, first?.extra];
});
const deleted: Promise<void> = deleteFailureJob({ endpoint: "", projectId: "p", groupLevel: true });

export const used = [id, status, begin, group, children, count, wire, progress, failed, reasons, warningCodes, window, left, rows,
  retry, meaning, delay, reason, finished, label, created, deleted];
