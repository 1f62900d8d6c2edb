// The logic entry inside a web worker: parse and summarize off the main thread. The
// module's top-level await (the wasm) runs before this body, and a worker drops messages
// that arrive before it listens, so it says when it is ready.
import { parseJob, summarize } from "sdrs-job-timeline";

self.onmessage = (event) => {
  const job = parseJob(event.data);
  const summary = summarize(job);
  self.postMessage({ jobId: job.jobId, total: summary.total, failures: summary.failures.length });
};
self.postMessage("ready");
