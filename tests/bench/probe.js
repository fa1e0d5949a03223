// Installed by the benchmark in every page it opens, before the page's own scripts
// (Page.addScriptToEvaluateOnNewDocument), so that Sitrep and the raw IndexedDB page
// are timed by the same code. `window.__bench` holds:
// - firstRows: milliseconds from the navigation's start until the list labelled
//   "Timeline" held `rows` items and the next frame was painted;
// - shown: for each Enter pressed in a text field, milliseconds until an element
//   with the typed text was added to the page and the next frame was painted;
// - imported: once `awaited` is set, milliseconds from a file being chosen in a
//   file field until an element with the `awaited` text was added to the page and
//   the next frame was painted (the browser's file upload through WebDriver is
//   not the page's work, so it is left out);
// - entered: for each Enter pressed in a text field, when (milliseconds since
//   the epoch, comparable across windows);
// - seen: once `watch` is set, when an element with the `watch` text was added
//   to the timeline and the next frame was painted (milliseconds since the
//   epoch): an entry typed in another window, shown in this one;
// - changed: when the page's elements last changed (milliseconds since the
//   navigation's start), so that the benchmark can wait for a page to finish
//   its work before it opens the next one.
(() => {
  const bench = (window.__bench = {
    rows: 50, firstRows: null, shown: [], pending: null, awaited: null, chosen: null, imported: null, changed: 0,
    entered: [], watch: null, seen: [],
  });
  const now = () => performance.timeOrigin + performance.now();
  const afterPaint = (then) => requestAnimationFrame(() => setTimeout(then, 0));
  const rows = () => {
    const list = document.querySelector('[aria-label="Timeline"]');
    return list ? list.querySelectorAll('li, [role="listitem"]').length : 0;
  };
  document.addEventListener(
    "keydown",
    (event) => {
      const field = event.target;
      if (event.key === "Enter" && field && typeof field.value === "string" && field.value.trim()) {
        bench.pending = { text: field.value.trim(), at: performance.now() };
        bench.entered.push(now());
      }
    },
    true,
  );
  document.addEventListener(
    "change",
    (event) => {
      if (event.target && event.target.type === "file") bench.chosen = performance.now();
    },
    true,
  );
  new MutationObserver((mutations) => {
    bench.changed = performance.now();
    if (bench.awaited && bench.chosen !== null && bench.imported === null) {
      const found = mutations.some((mutation) =>
        [...mutation.addedNodes].some((node) => (node.textContent || "").includes(bench.awaited)),
      );
      if (found) {
        const chosen = bench.chosen;
        bench.imported = -1;
        afterPaint(() => (bench.imported = performance.now() - chosen));
      }
    }
    if (bench.firstRows === null && rows() >= bench.rows) {
      bench.firstRows = -1;
      afterPaint(() => (bench.firstRows = performance.now()));
    }
    const watch = bench.watch;
    if (watch) {
      const added = mutations.some((mutation) =>
        [...mutation.addedNodes].some((node) => {
          const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
          return element && element.closest('[aria-label="Timeline"]') && (node.textContent || "").includes(watch);
        }),
      );
      if (added) {
        bench.watch = null;
        afterPaint(() => bench.seen.push(now()));
      }
    }
    const pending = bench.pending;
    if (!pending) return;
    for (const mutation of mutations) {
      for (const node of mutation.addedNodes) {
        const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
        if (element && element.closest('[aria-label="Timeline"]') && node.textContent.includes(pending.text)) {
          bench.pending = null;
          afterPaint(() => bench.shown.push(performance.now() - pending.at));
          return;
        }
      }
    }
  }).observe(document, { childList: true, subtree: true });
})();
