// sxs bilingual pages: hover or focus a translated sentence to read its English; a toggle shows the
// English of every sentence beneath it; the table of contents opens on wide screens. Without this
// script the page reads as a localized page.
(() => {
  'use strict';
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
