/* mcauthor: the catalog's small script (vanilla ES2017, no dependencies, no network).
 *
 * On the home page it turns on the filter form: free text (title, summary, tags), tag,
 * stack, maximum hours and status. It reads the cards' data-* attributes, so it works
 * from file:// as well as from a server. Without JavaScript the form stays hidden and
 * every card shows.
 */
(function () {
  'use strict';

  function fold(text) {
    return String(text || '')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();
  }

  function list(value) {
    try {
      const parsed = JSON.parse(value || '[]');
      return Array.isArray(parsed) ? parsed.map(String) : [];
    } catch (error) {
      return [];
    }
  }

  function plural(count, one, many) {
    return count === 1 ? one : many;
  }

  function setUp() {
    const form = document.getElementById('filters');
    const cardList = document.getElementById('card-list');
    const count = document.getElementById('result-count');
    const empty = document.getElementById('no-results');
    if (!form || !cardList || !count || !empty) {
      return;
    }

    const items = Array.from(cardList.querySelectorAll('[data-card]')).map(function (el) {
      const hours = el.getAttribute('data-hours');
      return {
        el: el,
        text: fold(el.getAttribute('data-text')),
        tags: list(el.getAttribute('data-tags')),
        stacks: list(el.getAttribute('data-stacks')),
        hours: hours === null || hours === '' ? null : Number(hours),
        status: el.getAttribute('data-status') || '',
      };
    });
    const total = items.length;
    const control = function (name) {
      return form.elements.namedItem(name);
    };
    const query = control('q');
    const tag = control('tag');
    const stack = control('stack');
    const hours = control('hours');
    const status = control('status');

    function matches(item, words, chosen) {
      if (!words.every(function (word) { return item.text.indexOf(word) !== -1; })) {
        return false;
      }
      if (chosen.tag && item.tags.indexOf(chosen.tag) === -1) {
        return false;
      }
      if (chosen.stack === '-') {
        if (item.stacks.length !== 0) {
          return false;
        }
      } else if (chosen.stack && item.stacks.indexOf(chosen.stack) === -1) {
        return false;
      }
      if (chosen.hours !== null && (item.hours === null || item.hours > chosen.hours)) {
        return false;
      }
      if (chosen.status && item.status !== chosen.status) {
        return false;
      }
      return true;
    }

    function apply() {
      const words = fold(query ? query.value : '').split(/\s+/).filter(Boolean);
      const maxHours = hours && hours.value !== '' ? Number(hours.value) : null;
      const chosen = {
        tag: tag ? tag.value : '',
        stack: stack ? stack.value : '',
        hours: Number.isFinite(maxHours) ? maxHours : null,
        status: status ? status.value : '',
      };
      let shown = 0;
      items.forEach(function (item) {
        const ok = matches(item, words, chosen);
        item.el.hidden = !ok;
        if (ok) {
          shown += 1;
        }
      });
      const message = shown === total
        ? 'Showing all ' + total + ' ' + plural(total, 'micro-credential', 'micro-credentials')
        : 'Showing ' + shown + ' of ' + total + ' ' + plural(total, 'micro-credential', 'micro-credentials');
      if (count.textContent !== message) {
        count.textContent = message;
      }
      empty.hidden = shown !== 0;
    }

    let timer = 0;
    function later() {
      window.clearTimeout(timer);
      timer = window.setTimeout(apply, 200);
    }

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      apply();
    });
    form.addEventListener('input', function (event) {
      if (event.target === query) {
        later();
      } else {
        apply();
      }
    });
    form.addEventListener('change', apply);
    form.addEventListener('reset', function () {
      // The form's values change after the reset event: filter on the next tick.
      window.setTimeout(apply, 0);
    });
    Array.from(document.querySelectorAll('[data-clear-filters]')).forEach(function (button) {
      button.addEventListener('click', function () {
        form.reset();
        if (query) {
          query.focus();
        }
      });
    });

    form.hidden = false;
    apply();
  }

  // The pathway picture scrolls sideways on narrow screens; it is a tab stop (so keyboard
  // users can scroll it) only while it actually overflows.
  function pathwayFocus() {
    Array.from(document.querySelectorAll('.pathway-scroll')).forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute('tabindex', '0');
      } else {
        box.removeAttribute('tabindex');
      }
    });
  }

  function start() {
    setUp();
    pathwayFocus();
    let pending = 0;
    window.addEventListener('resize', function () {
      window.clearTimeout(pending);
      pending = window.setTimeout(pathwayFocus, 150);
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
