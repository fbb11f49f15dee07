// Evaluated in the workspace page by bench/workspace.bench.ts (a plain browser script, not a module): times from an
// input (the key event's timestamp) or a hash change to the first task after the frame that shows the result.
// Waiting yields through a MessageChannel (no timer clamping); "shown" is requestAnimationFrame, then one task.
(() => {
  const channel = new MessageChannel();
  const queue = [];
  channel.port1.onmessage = () => queue.shift()?.();
  const yieldTask = () => new Promise((r) => (queue.push(r), channel.port2.postMessage(0)));
  const afterFrame = () => new Promise((r) => requestAnimationFrame(() => (queue.push(r), channel.port2.postMessage(0))));
  /** Ranges in the code highlights (sw-c*) of the Custom Highlight API. */
  const ranges = () => {
    let n = 0;
    for (const [name, h] of CSS.highlights) if (name.startsWith('sw-c')) n += h.size;
    return n;
  };
  const until = async (ok, what) => {
    const limit = performance.now() + 20000;
    while (!ok()) {
      if (performance.now() > limit) throw new Error(`timed out: ${what}`);
      await yieldTask();
    }
    await afterFrame();
    return performance.now();
  };
  const status = () => document.querySelector('main [role=status]')?.textContent ?? '';
  const ready = {
    retrieval: () => /^\d+ segments?$/.test(status()) && document.querySelectorAll('.hits .hit').length > 0,
    search: () => /hits? for/.test(status()) && document.querySelectorAll('.kwic tr').length > 0,
  };
  let keyAt = 0;
  let armed = '';
  addEventListener(
    'keydown',
    (e) => {
      if (armed && e.key.toLowerCase() === armed) {
        keyAt = e.timeStamp;
        armed = '';
      }
    },
    true,
  );
  const api = {
    go(hash) {
      location.hash = hash;
    },
    async open(id) {
      const t = performance.now();
      location.hash = `#/document/${id}`;
      const end = await until(() => document.querySelectorAll('.turn-text').length > 0 && ranges() > 0, 'the transcript with highlights');
      return end - t;
    },
    ranges,
    armKey(key) {
      armed = key;
      keyAt = 0;
    },
    /** After an armed key: until there are more (or no more) highlight ranges than `than` and no pending selection. */
    async untilRanges(more, than) {
      const end = await until(() => keyAt > 0 && (more ? ranges() > than : ranges() <= than) && !document.querySelector('.selbar .quote'), 'the highlight change');
      return end - keyAt;
    },
    async view(hash, name) {
      const t = performance.now();
      location.hash = hash;
      const end = await until(ready[name], hash);
      return end - t;
    },
    async fetchMs(url) {
      const t = performance.now();
      const r = await fetch(url, { credentials: 'same-origin' });
      await r.json();
      return performance.now() - t;
    },
  };
  globalThis.probe = () => api;
})();
