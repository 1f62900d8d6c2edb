// The logic entry inside a web worker: parse and summarize off the main thread.
import { parseJob, summarize } from "sdrs-job-timeline";

self.onmessage = (event) => {
  const job = parseJob(event.data);
  const summary = summarize(job);
  self.postMessage({ jobId: job.jobId, total: summary.total, failures: summary.failures.length });
};
