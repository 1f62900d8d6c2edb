// A host page as a console developer writes it: the logic entry for its own code, the
// widget entry mounted into its own element and used as a custom element.
import { parseJob, summarize, layoutTimeline, watchJob } from "sdrs-job-timeline";
import { defineJobTimelineElement, mountJobTimeline, parseJob as parseForWidget, wasmMemoryBytes } from "sdrs-job-timeline/widget";
import "sdrs-job-timeline/timeline.css";

const params = new URLSearchParams(location.search);
const projectId = params.get("project");
const token = params.get("token-for-test-only");

window.logic = { parseJob, summarize, layoutTimeline, watchJob };
window.inWorker = (text) =>
  new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
    worker.onmessage = (event) => {
      if (event.data === "ready") {
        worker.postMessage(text);
        return;
      }
      resolve(event.data);
      worker.terminate();
    };
    worker.onerror = (error) => reject(new Error(error.message));
  });
window.parseForWidget = parseForWidget;
window.mountJobTimeline = mountJobTimeline;
window.widgetMemoryBytes = wasmMemoryBytes;
window.mounted = mountJobTimeline(document.getElementById("mounted"), {
  endpoint: "",
  projectId,
  jobId: params.get("job"),
  token,
  policy: { minDelayMs: 100, maxDelayMs: 300 },
});

defineJobTimelineElement();
const element = document.createElement("sdrs-job-timeline");
element.setAttribute("project-id", projectId);
element.setAttribute("job-id", params.get("element-job"));
element.setAttribute("locale", "zh");
element.setAttribute("theme", "dark");
element.token = token;
document.getElementById("element-host").append(element);
document.body.dataset.ready = "yes";
