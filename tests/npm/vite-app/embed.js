// A console page with three timelines: one mounted and watching a failover, one custom
// element watching a drill (its properties set before it was defined), one showing a job
// the page has; and a board watching both jobs at once. Every event is recorded with the
// widget it came from.
import { defineJobTimelineElement, mountJobTimeline, parseJob } from "sdrs-job-timeline/widget";
import "sdrs-job-timeline/timeline.css";
import { consoleFetch } from "./console-fetch.js";

const params = new URLSearchParams(location.search);
window.consoleFetch = consoleFetch;
window.events = [];
const record = (widget) => (type) => (detail) => window.events.push({ widget, type, detail });

const failover = record("failover");
window.failover = mountJobTimeline(document.getElementById("failover"), {
  endpoint: "/console-api/sdrs",
  projectId: params.get("project"),
  jobId: params.get("failover"),
  fetch: consoleFetch,
  policy: { minDelayMs: 100, maxDelayMs: 300 },
  onStatusChange: failover("status-change"),
  onFinished: failover("finished"),
  onError: failover("error"),
  onSelect: failover("select"),
});

for (const type of ["sdrs-status-change", "sdrs-finished", "sdrs-error", "sdrs-select"]) {
  // The element's events bubble out of its shadow root to the document.
  document.addEventListener(type, (event) =>
    window.events.push({ widget: event.target.id, type: type.slice(5), detail: event.detail }),
  );
}
defineJobTimelineElement();

const still = record("static");
window.still = mountJobTimeline(document.getElementById("static"), { onSelect: still("select") });
window.still.update(
  parseJob(
    '{"job_id":"static-root","status":"FAIL","job_type":"failoverProtectionGroup","entities":{"sub_jobs":[' +
      '{"job_id":"static-a","status":"SUCCESS"},{"job_id":"static-b","status":"FAIL","error_code":"SDRS.0406","fail_reason":"disk"}]}}',
  ),
);
const board = record("board");
window.board = mountJobTimeline(document.getElementById("board"), {
  endpoint: "/console-api/sdrs",
  projectId: params.get("project"),
  jobIds: [params.get("failover"), params.get("drill")],
  fetch: consoleFetch,
  policy: { minDelayMs: 100, maxDelayMs: 300 },
  onFinished: board("finished"),
});
document.body.dataset.ready = "yes";
