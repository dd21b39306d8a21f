// Search page: queries the Pagefind index written by the search plugin and lists the results,
// with the section of the explainer that matched. No inline styles or scripts (strict CSP);
// Pagefind runs its WebAssembly in its own worker.
const siteRoot = new URL("../../", import.meta.url);
const form = document.querySelector("main .search-form");
const input = form.querySelector("input[name=q]");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const MAX_RESULTS = 20;
// The page's messages, in its language (search.html writes them from the translation catalogues).
const messages = status.dataset;
const lang = document.documentElement.lang || "en";
const plurals = new Intl.PluralRules(lang);

// A message with its %(name)s placeholders filled in.
function format(message, values) {
  return (message || "").replace(/%\((\w+)\)[sd]/g, (placeholder, name) =>
    name in values ? String(values[name]) : placeholder,
  );
}

// The "found" message for this count: data-found-one, data-found-other… by the language's plural category.
function foundMessage(count, query) {
  const category = plurals.select(count);
  const message = messages[`found${category[0].toUpperCase()}${category.slice(1)}`] || messages.foundOther;
  return format(message, { num: count.toLocaleString(lang), query });
}

const decoder = document.createElement("textarea");

let pagefind;
async function loadPagefind() {
  if (!pagefind) {
    pagefind = await import(new URL("pagefind/pagefind.js", siteRoot).href);
    await pagefind.options({ baseUrl: siteRoot.pathname, excerptLength: 24 });
    pagefind.init();
  }
  return pagefind;
}

// Pagefind's excerpts are escaped text with <mark> around matches: rebuild them as nodes.
function excerptNodes(excerpt) {
  const parts = excerpt.split(/<mark>|<\/mark>/);
  return parts.map((part, index) => {
    decoder.innerHTML = part; // a textarea decodes entities without parsing markup or dropping spaces
    const text = document.createTextNode(decoder.value);
    if (index % 2 === 0) return text;
    const mark = document.createElement("mark");
    mark.append(text);
    return mark;
  });
}

function element(name, className, ...children) {
  const node = document.createElement(name);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

function link(href, text) {
  const anchor = document.createElement("a");
  anchor.href = href;
  anchor.textContent = text;
  return anchor;
}

function renderResult(data) {
  const heading = element("h2", "", link(data.url, data.meta.title || data.url));
  const item = element("li", "search-result", heading);
  const meta = [data.meta.topic, data.meta.date].filter(Boolean).join(" · ");
  if (meta) item.append(element("p", "search-result-section", meta));
  item.append(element("p", "", ...excerptNodes(data.excerpt)));
  // Sub-results are the sections (headings with an id) where the words were found.
  const sections = (data.sub_results || []).filter((sub) => sub.url !== data.url && sub.title !== data.meta.title);
  if (sections.length) {
    const sectionList = element("ul", "search-result-sections");
    for (const sub of sections.slice(0, 4)) {
      sectionList.append(element("li", "", link(sub.url, sub.title), element("p", "", ...excerptNodes(sub.excerpt))));
    }
    item.append(sectionList);
  }
  return item;
}

async function run(query) {
  const trimmed = query.trim();
  if (!trimmed) {
    list.replaceChildren();
    status.textContent = messages.empty;
    return;
  }
  status.textContent = messages.searching;
  const engine = await loadPagefind();
  const search = await engine.debouncedSearch(trimmed, {}, 200);
  if (search === null) return; // a newer query superseded this one
  const results = await Promise.all(search.results.slice(0, MAX_RESULTS).map((result) => result.data()));
  list.replaceChildren(...results.map(renderResult));
  const count = search.results.length;
  status.textContent = count === 0 ? format(messages.none, { query: trimmed }) : foundMessage(count, trimmed);
}

function showError(error) {
  status.textContent = messages.error;
  console.error(error);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const url = new URL(window.location.href);
  url.searchParams.set("q", input.value);
  history.replaceState(null, "", url);
  run(input.value).catch(showError);
});
input.addEventListener("input", () => run(input.value).catch(showError));

const initial = new URLSearchParams(window.location.search).get("q") || "";
input.value = initial;
run(initial).catch(showError);
