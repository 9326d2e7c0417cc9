// A small markdown renderer that only ever builds DOM nodes: model text becomes text nodes, never HTML.
// Covers what chat answers use: paragraphs, headings, lists, fenced code, inline code, bold, italic, http(s) links.

/** Renders markdown text into a DocumentFragment. */
export function renderMarkdown(text) {
  const fragment = document.createDocumentFragment();
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const fence = /^\s*```(.*)$/.exec(line);
    if (fence) {
      const code = [];
      i++;
      while (i < lines.length && !/^\s*```\s*$/.test(lines[i])) {
        code.push(lines[i++]);
      }
      i++;
      const pre = el('pre');
      const codeNode = el('code');
      codeNode.textContent = code.join('\n');
      if (fence[1].trim()) {
        codeNode.dataset.lang = fence[1].trim();
      }
      pre.append(codeNode);
      fragment.append(pre);
      continue;
    }

    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    if (heading) {
      const h = el(`h${Math.min(heading[1].length + 2, 6)}`);
      appendInline(h, heading[2]);
      fragment.append(h);
      i++;
      continue;
    }

    const listItem = /^\s*([-*+]|\d+[.)])\s+/;
    if (listItem.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const list = el(ordered ? 'ol' : 'ul');
      while (i < lines.length && listItem.test(lines[i]) && /^\s*\d/.test(lines[i]) === ordered) {
        const li = el('li');
        appendInline(li, lines[i].replace(listItem, ''));
        list.append(li);
        i++;
      }
      fragment.append(list);
      continue;
    }

    if (!line.trim()) {
      i++;
      continue;
    }

    const paragraph = [];
    while (i < lines.length && lines[i].trim() && !/^\s*```/.test(lines[i]) && !/^#{1,4}\s/.test(lines[i]) && !listItem.test(lines[i])) {
      paragraph.push(lines[i++]);
    }
    const p = el('p');
    paragraph.forEach((text, n) => {
      if (n > 0) {
        p.append(el('br'));
      }
      appendInline(p, text);
    });
    fragment.append(p);
  }
  return fragment;
}

// Underscores only emphasise outside words, so snake_case names stay as they are.
const inlinePattern = /(`[^`]+`)|(\*\*[^*]+\*\*)|(\*[^*\s][^*]*\*)|((?<!\w)_[^_\s][^_]*_(?!\w))|(\[[^\]]+\]\((https?:\/\/[^\s)]+)\))/;

function appendInline(parent, text) {
  let rest = text;
  while (rest) {
    const match = inlinePattern.exec(rest);
    if (!match) {
      parent.append(document.createTextNode(rest));
      return;
    }
    if (match.index > 0) {
      parent.append(document.createTextNode(rest.slice(0, match.index)));
    }
    const token = match[0];
    if (match[1]) {
      const code = el('code');
      code.textContent = token.slice(1, -1);
      parent.append(code);
    } else if (match[2]) {
      const strong = el('strong');
      appendInline(strong, token.slice(2, -2));
      parent.append(strong);
    } else if (match[3] || match[4]) {
      const em = el('em');
      appendInline(em, token.slice(1, -1));
      parent.append(em);
    } else {
      const a = el('a');
      a.textContent = token.slice(1, token.indexOf(']('));
      a.href = match[6];
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      parent.append(a);
    }
    rest = rest.slice(match.index + token.length);
  }
}

function el(tag) {
  return document.createElement(tag);
}
