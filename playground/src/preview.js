// The preview: the convention's HTML page in a sandboxed frame (no scripts; same origin, so that
// the page can update it). The first page is loaded whole; each later one is parsed apart and only
// the nodes that changed are replaced, so that typing re-lays out a fiche, not the whole
// convention, and the reader stays where they had scrolled to.

/** The frame's document, when the page may reach it. */
function frameDocument(frame) {
  try {
    const doc = frame.contentDocument;
    return doc && doc.body && doc.readyState === 'complete' ? doc : null;
  } catch {
    return null;
  }
}

function sameAttributes(a, b) {
  if (a.attributes.length !== b.attributes.length) return false;
  for (const attribute of a.attributes) {
    if (b.getAttribute(attribute.name) !== attribute.value) return false;
  }
  return true;
}

function copyAttributes(target, source) {
  for (const attribute of [...target.attributes]) {
    if (!source.hasAttribute(attribute.name)) target.removeAttribute(attribute.name);
  }
  for (const attribute of source.attributes) {
    if (target.getAttribute(attribute.name) !== attribute.value) target.setAttribute(attribute.name, attribute.value);
  }
}

/** Makes the children of TARGET (in DOC) those of SOURCE (parsed apart), touching what differs. */
function patchChildren(doc, target, source) {
  const before = [...target.childNodes];
  const after = [...source.childNodes];
  if (before.length !== after.length) {
    target.replaceChildren(...after.map((node) => doc.importNode(node, true)));
    return;
  }
  for (let i = 0; i < before.length; i += 1) {
    const old = before[i];
    const next = after[i];
    if (old.isEqualNode(next)) continue;
    if (old.nodeType === Node.TEXT_NODE && next.nodeType === Node.TEXT_NODE) {
      old.nodeValue = next.nodeValue;
    } else if (
      old.nodeType === Node.ELEMENT_NODE &&
      next.nodeType === Node.ELEMENT_NODE &&
      old.localName === next.localName &&
      old.localName !== 'style'
    ) {
      if (!sameAttributes(old, next)) copyAttributes(old, next);
      patchChildren(doc, old, next);
    } else {
      old.replaceWith(doc.importNode(next, true));
    }
  }
}

/** Shows pages in FRAME. ONSHOWN() runs once a page is on screen. */
export function createPreview(frame, onShown) {
  let loaded = false;
  frame.addEventListener('load', () => {
    loaded = true;
    onShown();
  });
  return {
    /** The next page is loaded whole, from the top (another project). */
    reset() {
      loaded = false;
    },
    show(html) {
      const doc = loaded ? frameDocument(frame) : null;
      if (!doc) {
        loaded = false;
        frame.srcdoc = html;
        return;
      }
      const next = new DOMParser().parseFromString(html, 'text/html');
      if (doc.title !== next.title) doc.title = next.title;
      patchChildren(doc, doc.head, next.head);
      copyAttributes(doc.documentElement, next.documentElement);
      copyAttributes(doc.body, next.body);
      patchChildren(doc, doc.body, next.body);
      // On screen once the next frame is painted.
      requestAnimationFrame(() => setTimeout(onShown, 0));
    },
  };
}
