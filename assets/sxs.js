// sxs bilingual pages: hover or focus a translated sentence to read its English; a toggle shows the
// English of every sentence beneath it; the table of contents opens on wide screens. Without this
// script the page reads as a localized page.
(() => {
  'use strict';
  // The table of contents: the locale's entries (_sxs/toc/<locale>.js calls sxsToc with them, after
  // this script) built as DOM nodes (titles as text, nothing as markup), links from the page's folder,
  // the page's own entries marked current.
  window.sxsToc = (items) => {
    const place = document.querySelector('.sxs-toc-list');
    if (!place || !Array.isArray(items)) return;
    const root = place.dataset.root || '';
    const page = place.dataset.page || '';
    const list = (entries) => {
      const ul = document.createElement('ul');
      for (const e of entries) {
        const li = document.createElement('li');
        let el;
        if (typeof e.h === 'string') {
          el = document.createElement('a');
          el.href = root + e.h;
          if (e.h.split('#')[0] === page) el.setAttribute('aria-current', 'page');
        } else if (typeof e.u === 'string' && (/^(https?|mailto):/i.test(e.u) || !/^[a-z][a-z0-9+.-]*:/i.test(e.u))) {
          el = document.createElement('a');
          el.href = e.u;
          el.className = 'sxs-external';
        } else el = document.createElement('span');
        el.textContent = String(e.t ?? '');
        if (typeof e.l === 'string') el.lang = e.l;
        li.append(el);
        if (Array.isArray(e.c) && e.c.length > 0) li.append(list(e.c));
        ul.append(li);
      }
      return ul;
    };
    place.replaceChildren(list(items));
  };
  // The search box: the locale's Pagefind index under _sxs/search/<locale>/, loaded on first use.
  // Results are built as DOM nodes (text and <mark> only): nothing of the index becomes markup.
  const form = document.querySelector('form.sxs-search');
  if (form) {
    const input = form.querySelector('input');
    const status = form.querySelector('.sxs-search-status');
    const list = form.querySelector('.sxs-search-results');
    const root = form.dataset.root || '';
    let engine = null;
    let asked = 0;
    form.hidden = false;
    const say = (text) => {
      status.textContent = text;
    };
    const load = () => {
      if (!engine) {
        // A page opened as a file cannot import the index's script (browsers refuse it): said, not broken.
        engine = location.protocol === 'file:' ? Promise.reject(new Error('file')) : import(new URL(`${form.dataset.index}pagefind.js`, document.baseURI).href);
        engine.catch(() => undefined);
      }
      return engine;
    };
    // The excerpt is Pagefind's text with <mark> around the words found: read in an inert document.
    const excerptOf = (html) => {
      const p = document.createElement('p');
      const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
      for (const node of doc.body.childNodes) {
        if (node.nodeType === Node.ELEMENT_NODE && node.nodeName === 'MARK') {
          const mark = document.createElement('mark');
          mark.textContent = node.textContent;
          p.append(mark);
        } else p.append(document.createTextNode(node.textContent));
      }
      return p;
    };
    const run = async () => {
      const query = input.value.trim();
      const mine = ++asked;
      if (!query) {
        list.replaceChildren();
        say('');
        return;
      }
      let pagefind;
      try {
        pagefind = await load();
      } catch {
        if (mine === asked) say(form.dataset.unavailable || 'Search is not available here');
        return;
      }
      const found = await pagefind.search(query);
      if (mine !== asked || !found) return;
      const pages = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
      if (mine !== asked) return;
      const items = [];
      for (const page of pages) {
        const url = String(page.url || '').replace(/^\/+/, '');
        // Every result is a page of this site: a link with a scheme or a way out is not one.
        if (/^[a-z][a-z0-9+.-]*:|^\/|(^|\/)\.\.(\/|$)/i.test(url)) continue;
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = root + url;
        a.textContent = (page.meta && page.meta.title) || url;
        li.append(a, excerptOf(page.excerpt || ''));
        items.push(li);
      }
      list.replaceChildren(...items);
      say(items.length === 0 ? form.dataset.none || 'No pages found' : (form.dataset.found || '{n}').replace('{n}', String(items.length)));
    };
    let timer;
    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => void run(), 120);
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      clearTimeout(timer);
      void run();
    });
    form.addEventListener('keydown', (e) => {
      const links = [...list.querySelectorAll('a')];
      const at = links.indexOf(document.activeElement);
      if (e.key === 'ArrowDown' && links.length > 0) {
        e.preventDefault();
        links[Math.min(at + 1, links.length - 1)].focus();
      } else if (e.key === 'ArrowUp' && at >= 0) {
        e.preventDefault();
        (at === 0 ? input : links[at - 1]).focus();
      } else if (e.key === 'Escape') {
        input.value = '';
        list.replaceChildren();
        say('');
        input.focus();
      }
    });
  }

  // The table of contents: open beside the page on wide screens, collapsed above it on narrow ones
  // (without this script it is collapsed, one click away).
  const toc = document.querySelector('.sxs-toc details');
  if (toc) {
    const wide = window.matchMedia('(min-width: 64rem)');
    const fit = () => {
      toc.open = wide.matches;
    };
    fit();
    wide.addEventListener('change', fit);
  }

  const english = (el) => {
    const next = el.nextElementSibling;
    return next && next.classList.contains('sxs-lookup') ? next : null;
  };
  const sentences = [];
  for (const el of document.querySelectorAll('span[data-ttu-id]')) {
    if (!english(el)) continue;
    el.classList.add('sxs-sentence');
    el.tabIndex = 0;
    sentences.push(el);
  }
  if (sentences.length === 0) return;

  const tip = document.createElement('div');
  tip.className = 'sxs-tooltip';
  tip.id = 'sxs-tooltip';
  tip.setAttribute('role', 'tooltip');
  tip.hidden = true;
  document.body.append(tip);
  let current = null;

  const show = (el) => {
    if (current === el) return;
    hide();
    const source = english(el);
    tip.textContent = source.textContent;
    tip.lang = source.lang || document.body.dataset.sourceLang || 'en';
    if (el.classList.contains('sxs-untranslated')) {
      const note = document.createElement('span');
      note.className = 'sxs-tooltip-note';
      note.textContent = document.body.dataset.notTranslated || 'Not translated yet';
      tip.append(note);
    }
    tip.hidden = false;
    const box = el.getBoundingClientRect();
    const width = tip.offsetWidth;
    const left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
    tip.style.left = `${left + window.scrollX}px`;
    tip.style.top = `${box.bottom + window.scrollY + 6}px`;
    el.setAttribute('aria-describedby', tip.id);
    current = el;
  };
  const hide = () => {
    if (!current) return;
    current.removeAttribute('aria-describedby');
    tip.hidden = true;
    current = null;
  };
  const sentenceOf = (target) => (target instanceof Element ? target.closest('.sxs-sentence') : null);

  document.addEventListener('mouseover', (e) => {
    const el = sentenceOf(e.target);
    if (el) show(el);
    else if (current && document.activeElement !== current) hide();
  });
  document.addEventListener('focusin', (e) => {
    const el = sentenceOf(e.target);
    if (el) show(el);
    else hide();
  });
  document.addEventListener('focusout', () => hide());
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') hide();
  });
  window.addEventListener('scroll', () => hide(), { passive: true });

  // The toggle: the English of every sentence beneath it; remembered across pages.
  const bar = document.querySelector('.sxs-bar');
  if (!bar) return;
  const toggle = document.createElement('button');
  toggle.type = 'button';
  toggle.className = 'sxs-toggle';
  toggle.textContent = document.body.dataset.showEnglish || 'Show English';
  const apply = (on) => {
    document.body.classList.toggle('sxs-show-english', on);
    toggle.setAttribute('aria-pressed', String(on));
    try {
      localStorage.setItem('sxs-show-english', on ? '1' : '0');
    } catch {
      // Storage may be unavailable (file: pages, privacy modes): the toggle still works.
    }
  };
  toggle.addEventListener('click', () => apply(!document.body.classList.contains('sxs-show-english')));
  let saved = false;
  try {
    saved = localStorage.getItem('sxs-show-english') === '1';
  } catch {
    saved = false;
  }
  apply(saved);
  bar.append(toggle);
})();
