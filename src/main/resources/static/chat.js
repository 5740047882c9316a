// Sanad web chat: posts the parent's message to /api/ask and shows Sanad's reply; under a CHECK reply (triage
// "CHECK": the danger signs and a question) two buttons post the parent's answer to /api/check.
// Every message is put on the page with textContent, never as HTML: a parent's words and the clinic's documents
// are text, whatever characters they contain. The Arabic texts live in index.html (<template id="texts">).
(function () {
  'use strict';

  const LIMIT = Number(document.getElementById('counter').dataset.limit);
  // Show the counter only when it starts to matter.
  const COUNTER_FROM = Math.floor(LIMIT * 0.8);
  const TIMEOUT_MS = 30000;
  const SNIPPET_WORDS = 9;

  const messages = document.getElementById('messages');
  const typing = document.getElementById('typing');
  const form = document.getElementById('composer');
  const input = document.getElementById('question');
  const sendButton = document.getElementById('send');
  const counter = document.getElementById('counter');
  const errorBox = document.getElementById('error');
  const banner = document.getElementById('emergency-banner');
  const texts = document.getElementById('texts').content;

  let busy = false;

  function text(key, values) {
    const node = texts.querySelector('[data-key="' + key + '"]');
    let value = node ? node.textContent : key;
    Object.keys(values || {}).forEach(function (name) {
      value = value.split('{' + name + '}').join(String(values[name]));
    });
    return value;
  }

  function element(tag, className, content) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (content !== undefined) {
      node.textContent = content;
    }
    return node;
  }

  function reveal(node, block) {
    const calm = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    node.scrollIntoView({ block: block, behavior: calm ? 'auto' : 'smooth' });
  }

  // ---- errors -------------------------------------------------------------------------------------------

  function showError(key, values) {
    const message = text(key, values);
    // Setting the same text again would make screen readers repeat the alert on every keystroke.
    if (errorBox.hidden || errorBox.textContent !== message) {
      errorBox.textContent = message;
    }
    errorBox.dataset.kind = key;
    errorBox.hidden = false;
  }

  function clearError(kind) {
    if (!kind || errorBox.dataset.kind === kind) {
      errorBox.hidden = true;
      errorBox.textContent = '';
      delete errorBox.dataset.kind;
    }
  }

  // ---- the composer -------------------------------------------------------------------------------------

  function tooLong(value) {
    return value.length > LIMIT;
  }

  function updateComposer() {
    const count = input.value.length;
    const over = tooLong(input.value);
    // A message in Latin letters runs left to right; an empty box keeps the Arabic hint and caret on the right.
    input.dir = count === 0 ? 'rtl' : 'auto';
    counter.textContent = count >= COUNTER_FROM ? text('counter', { count: count, limit: LIMIT }) : '';
    counter.classList.toggle('over', over);
    input.setAttribute('aria-invalid', over ? 'true' : 'false');
    if (over) {
      showError('too-long', { limit: LIMIT });
    } else {
      clearError('too-long');
    }
    input.style.height = 'auto';
    input.style.height = Math.min(input.scrollHeight + 4, 160) + 'px';
  }

  function setBusy(value) {
    busy = value;
    sendButton.disabled = value;
    typing.hidden = !value;
    messages.setAttribute('aria-busy', value ? 'true' : 'false');
    if (value) {
      reveal(typing, 'end');
    }
  }

  // ---- messages -----------------------------------------------------------------------------------------

  function addUserMessage(shown) {
    const message = element('div', 'message user');
    message.appendChild(element('p', 'sender', text('you')));
    const bubble = element('div', 'bubble');
    bubble.appendChild(element('p', 'user-text', shown));
    bubble.lastChild.dir = 'auto';
    message.appendChild(bubble);
    messages.appendChild(message);
    reveal(message, 'end');
    return message;
  }

  function markNotSent(message) {
    message.classList.add('failed');
    message.appendChild(element('p', 'failed-label', text('not-sent')));
  }

  // How ReplyComposer names a passage in its source line: «title — section», or the title alone.
  function heading(passage) {
    const section = passage.section || '';
    return section === '' || section === passage.title ? passage.title : passage.title + ' — ' + section;
  }

  function snippet(passage) {
    const firstLine = passage.text.split('\n')[0].trim();
    const words = firstLine.split(/\s+/);
    return words.length <= SNIPPET_WORDS ? firstLine : words.slice(0, SNIPPET_WORDS).join(' ') + '…';
  }

  function addBotReply(answer) {
    const message = element('div', 'message bot reply');
    message.dataset.kind = answer.kind || '';
    message.appendChild(element('p', 'sender', text('bot')));
    if (answer.emergency) {
      message.classList.add('emergency');
      message.appendChild(element('p', 'emergency-label', text('emergency-label')));
    }

    // The reply is shown exactly as the server wrote it, one paragraph per <p>; only the styling tells the
    // source line and the closing doctor note apart.
    const bubble = element('div', 'bubble');
    const paragraphs = String(answer.reply || '').split(/\n{2,}/);
    const source = answer.passages && answer.passages.length ? heading(answer.passages[0]) : null;
    paragraphs.forEach(function (paragraph, index) {
      const p = element('p', null, paragraph);
      p.dir = 'auto';
      if (index === paragraphs.length - 1 && paragraphs.length > 1) {
        p.className = 'doctor-note';
      } else if (source && paragraph.trim().endsWith(source)) {
        p.className = 'source';
      }
      bubble.appendChild(p);
    });
    message.appendChild(bubble);

    if (answer.triage === 'CHECK') {
      message.appendChild(checkChoices());
    }
    if (answer.related && answer.related.length) {
      message.appendChild(relatedChips(answer.related));
    }
    messages.appendChild(message);
    reveal(message, 'start');

    if (answer.emergency) {
      banner.hidden = false;
    }
  }

  // "Did you mean": each chip asks Sanad about that passage, so the reply comes from the server like any other,
  // with its source and the doctor note.
  function relatedChips(related) {
    const group = element('div', 'chips related');
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', text('related-label'));
    group.appendChild(element('p', 'chips-label', text('related-label')));
    related.forEach(function (passage) {
      const label = snippet(passage);
      const chip = element('button', 'chip', label);
      chip.type = 'button';
      chip.dir = 'auto';
      chip.title = heading(passage);
      chip.setAttribute('aria-description', text('related-hint'));
      chip.addEventListener('click', function () {
        ask(passage.text.slice(0, LIMIT), label);
        input.focus();
      });
      group.appendChild(chip);
    });
    return group;
  }

  // The safety net's question: «yes, my child has one of these signs now» gets the urgent advice; «no» thanks.
  function checkChoices() {
    const group = element('div', 'chips check');
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', text('check-label'));
    [['yes', 'check-yes'], ['no', 'check-no']].forEach(function (choice) {
      const button = element('button', 'chip check-' + choice[0], text(choice[1]));
      button.type = 'button';
      button.dataset.answer = choice[0];
      button.addEventListener('click', function () {
        post('api/check', { answer: choice[0] }, text(choice[1]), null);
        input.focus();
      });
      group.appendChild(button);
    });
    return group;
  }

  // ---- talking to the server ----------------------------------------------------------------------------

  async function ask(question, shownAs) {
    if (tooLong(question)) {
      showError('too-long', { limit: LIMIT });
      input.focus();
      return;
    }
    await post('api/ask', { text: question }, shownAs || question, shownAs ? null : question);
  }

  // typed: the parent's own words, given back on failure (null for a chip or a button).
  async function post(path, body, shown, typed) {
    if (busy) {
      return;
    }
    clearError();
    const userMessage = addUserMessage(shown);
    setBusy(true);

    const controller = new AbortController();
    const timer = setTimeout(function () { controller.abort(); }, TIMEOUT_MS);
    try {
      const response = await fetch(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
        body: JSON.stringify(body),
        signal: controller.signal
      });
      if (!response.ok) {
        failed(userMessage, typed, response.status === 413 ? 'too-long'
          : response.status >= 500 ? 'server-error' : 'rejected');
        return;
      }
      addBotReply(await response.json());
    } catch (e) {
      failed(userMessage, typed, e && e.name === 'AbortError' ? 'timeout' : 'unreachable');
    } finally {
      clearTimeout(timer);
      setBusy(false);
    }
  }

  // typed: the parent's own words, given back so that they need not type them again (null for a chip's passage).
  function failed(userMessage, typed, key) {
    markNotSent(userMessage);
    showError(key, { limit: LIMIT });
    if (typed && input.value.trim() === '' && key !== 'rejected') {
      input.value = typed;
      updateComposer();
    }
    input.focus();
  }

  function submit() {
    const question = input.value;
    if (question.trim() === '' || busy) {
      return;
    }
    if (tooLong(question)) {
      showError('too-long', { limit: LIMIT });
      return;
    }
    input.value = '';
    updateComposer();
    ask(question);
  }

  // ---- wiring -------------------------------------------------------------------------------------------

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    submit();
    input.focus();
  });

  input.addEventListener('keydown', function (event) {
    // Enter sends; Shift+Enter is a new line; an input method still composing a word keeps its Enter.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    }
  });

  input.addEventListener('input', updateComposer);

  document.querySelectorAll('[data-ask]').forEach(function (chip) {
    chip.addEventListener('click', function () {
      ask(chip.textContent.trim());
      input.focus();
    });
  });

  document.getElementById('emergency-dismiss').addEventListener('click', function () {
    banner.hidden = true;
    input.focus();
  });

  updateComposer();
}());
