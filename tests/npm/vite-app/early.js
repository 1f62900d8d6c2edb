// Runs before the widget module (whose wasm loads with a top-level await): sets the custom
// element's properties before it is defined, as a page's own early code does.
import { consoleFetch } from "./console-fetch.js";

const params = new URLSearchParams(location.search);
const element = document.getElementById("drill-element");
element.setAttribute("endpoint", "/console-api/sdrs");
element.setAttribute("project-id", params.get("project"));
element.setAttribute("job-id", params.get("drill"));
element.fetch = consoleFetch;
element.policy = { minDelayMs: 100, maxDelayMs: 300 };
