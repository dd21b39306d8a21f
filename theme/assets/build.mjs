// Regenerates the vendored chart runtime in theme/static/js/ from the pinned npm packages:
//   chart-runtime.min.js = Vega's official minified build + vega-interpreter (bundled as an IIFE).
// vega-interpreter evaluates Vega expressions from their parsed AST, so charts run under a
// Content-Security-Policy without 'unsafe-eval'. Run: npm ci && npm run build
import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const out = new URL("../static/js/", import.meta.url);
const vega = readFileSync(new URL("node_modules/vega/build/vega.min.js", import.meta.url), "utf8");
const { version } = JSON.parse(readFileSync(new URL("node_modules/vega/package.json", import.meta.url), "utf8"));

// vega-interpreter imports three helpers from vega-util: take them from the Vega build
// loaded just before it rather than bundling vega-util a second time.
const useGlobalVega = {
  name: "use-global-vega",
  setup(b) {
    b.onResolve({ filter: /^vega-util$/ }, () => ({ path: "vega-util", namespace: "global-vega" }));
    b.onLoad({ filter: /.*/, namespace: "global-vega" }, () => ({
      contents: "export const { ascending, isString, DisallowedObjectProperties } = globalThis.vega;",
    }));
  },
};
const interpreter = await build({
  stdin: {
    contents: "import { expressionInterpreter } from 'vega-interpreter'; globalThis.vegaExpressionInterpreter = expressionInterpreter;",
    resolveDir: new URL(".", import.meta.url).pathname,
  },
  bundle: true,
  minify: true,
  format: "iife",
  legalComments: "none",
  plugins: [useGlobalVega],
  write: false,
});
const runtime = `${vega.trim()}\n${interpreter.outputFiles[0].text}`;
writeFileSync(new URL("chart-runtime.min.js", out), runtime);
const loader = readFileSync(new URL("charts.js", out));
const gzip = (text) => gzipSync(text, { level: 9 }).length;
console.log(
  `Vega ${version}: chart-runtime.min.js ${runtime.length} bytes, gzipped ${gzip(runtime)}; ` +
    `with charts.js ${gzip(runtime) + gzip(loader)} bytes gzipped`,
);
