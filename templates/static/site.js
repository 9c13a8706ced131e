/* mcauthor: the catalog's small script (vanilla ES2017, no dependencies, no network).
 *
 * On the home page it turns on the filter form: free text (title, summary, tags), tag,
 * stack, maximum hours and status. It reads the cards' data-* attributes, so it works
 * from file:// as well as from a server. The filters are kept in the address
 * (?q=...&tag=...&stack=...&hours=...&status=..., replacing the history entry rather than
 * adding one), so a filtered view can be shared and comes back on reload. Without
 * JavaScript the form stays hidden and every card shows.
 *
 * Where the pathway picture is wider than the screen, it shows a fade at the edge that
 * has more to see and a line of text saying it scrolls.
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

  // The filters' names in the address, in the order they are written there.
  const PARAMS = ['q', 'tag', 'stack', 'hours', 'status'];
  const MAX_QUERY = 200; // characters of free text taken from an address

  function params() {
    try {
      return new URLSearchParams(window.location.search);
    } catch (error) {
      return new URLSearchParams('');
    }
  }

  // Set the form from the address. A select only takes a value it offers, so a stale or
  // hand-made link cannot select nothing.
  function restore(control) {
    const given = params();
    PARAMS.forEach(function (name) {
      const el = control(name);
      const value = given.get(name);
      if (!el || value === null) {
        return;
      }
      if (el.tagName === 'SELECT') {
        if (Array.from(el.options).some(function (option) { return option.value === value; })) {
          el.value = value;
        }
      } else {
        el.value = value.slice(0, MAX_QUERY);
      }
    });
  }

  // Write the form into the address; other parameters and the #fragment stay as they were.
  function remember(control) {
    const kept = params();
    PARAMS.forEach(function (name) {
      const el = control(name);
      const value = el ? el.value : '';
      if (value.trim()) {
        kept.set(name, value);
      } else {
        kept.delete(name);
      }
    });
    const search = kept.toString();
    const url = window.location.pathname + (search ? '?' + search : '') + window.location.hash;
    if (url === window.location.pathname + window.location.search + window.location.hash) {
      return;
    }
    try {
      window.history.replaceState(window.history.state, '', url);
    } catch (error) {
      // Some browsers refuse to change a file:// address: the filters still work.
    }
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
      remember(control);
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

    restore(control);
    form.hidden = false;
    apply();
  }

  // Which edges of a scrolling box have more to see: "left", "right", both or none.
  function moreAt(box) {
    const more = [];
    if (box.scrollLeft > 1) {
      more.push('left');
    }
    if (box.scrollLeft + box.clientWidth < box.scrollWidth - 1) {
      more.push('right');
    }
    return more.join(' ');
  }

  function pathwayEdges(box) {
    const view = box.parentElement;
    if (!view || !view.classList.contains('pathway-view')) {
      return;
    }
    const more = moreAt(box);
    if (more) {
      view.setAttribute('data-more', more);
    } else {
      view.removeAttribute('data-more');
    }
  }

  // The pathway picture scrolls sideways on narrow screens; it is a tab stop (so keyboard
  // users can scroll it) and shows its cues only while it actually overflows.
  function pathwayFocus() {
    Array.from(document.querySelectorAll('.pathway-scroll')).forEach(function (box) {
      const overflows = box.scrollWidth > box.clientWidth + 1;
      if (overflows) {
        box.setAttribute('tabindex', '0');
      } else {
        box.removeAttribute('tabindex');
      }
      const figure = box.closest('.pathway');
      const cue = figure ? figure.querySelector('.pathway-cue') : null;
      if (cue) {
        cue.hidden = !overflows;
      }
      pathwayEdges(box);
    });
  }

  function start() {
    setUp();
    pathwayFocus();
    Array.from(document.querySelectorAll('.pathway-scroll')).forEach(function (box) {
      box.addEventListener('scroll', function () { pathwayEdges(box); }, { passive: true });
    });
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
