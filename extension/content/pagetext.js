// The visible-text serialisation of a page: the JS twin of the Go package pagetext (the
// contract is written out in pagetext's package comment; a parity test in extension/e2e
// compares both on testdata/pages). Classic script: content scripts cannot be modules, and
// tests inject this file into a page as is.
//
// serialise(root) returns {text, nodes, starts, shadowRoots}: the text, for every text node
// that contributed to it the node and the UTF-16 offset where its data starts in the text,
// and the open shadow roots the walk went through.
// Offsets inside a node map 1:1 because \t \n \r \f are replaced by one space each.
var WildlensPageText = (function () {
  'use strict';

  const SKIPPED = new Set([
    'head', 'script', 'style', 'noscript', 'template', 'textarea', 'input', 'select', 'svg',
    'math', 'iframe', 'object', 'embed', 'canvas',
  ]);
  const BLOCKS = new Set([
    'address', 'article', 'aside', 'blockquote', 'body', 'br', 'caption', 'dd', 'details',
    'dialog', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1',
    'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'li', 'main', 'nav', 'ol',
    'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
  ]);
  const CONTROL_WHITESPACE = /[\t\n\r\f]/g;
  const ONLY_ASCII_WHITESPACE = /^[ \t\n\r\f]*$/;

  // Attributes are compared ASCII case-insensitively, as HTML (and the Go side) reads them.
  function lowerASCII(s) {
    return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
  }

  // squeeze drops ASCII whitespace and lower-cases ASCII letters.
  function squeeze(s) {
    return lowerASCII(s.replace(/[ \t\n\r\f]+/g, ''));
  }

  // inlineStyleHides reports whether a style attribute sets display:none or
  // visibility:hidden. The attribute is read as text, not through the CSSOM: under a
  // strict style-src the browser ignores the attribute, but the Go side cannot know that.
  function inlineStyleHides(style) {
    for (const declaration of style.split(';')) {
      const colon = declaration.indexOf(':');
      if (colon < 0) continue;
      const property = squeeze(declaration.slice(0, colon));
      let value = squeeze(declaration.slice(colon + 1));
      if (value.endsWith('!important')) value = value.slice(0, -'!important'.length);
      if ((property === 'display' && value === 'none') ||
          (property === 'visibility' && value === 'hidden')) {
        return true;
      }
    }
    return false;
  }

  function isSkipped(el, computedStyle) {
    if (SKIPPED.has(el.localName)) return true;
    if (el.hasAttribute('hidden') || el.hasAttribute('data-wildlens-ui')) return true;
    const editable = el.getAttribute('contenteditable');
    if (editable !== null && lowerASCII(editable) !== 'false') return true;
    const style = el.getAttribute('style');
    if (style !== null && inlineStyleHides(style)) return true;
    // Stylesheets hide content the Go side cannot see; the browser can.
    if (!computedStyle) return false;
    // checkVisibility answers most elements without building a style declaration (a
    // fifth of the walk's time): true means a box that is not display:none nor hidden.
    // Its false also covers boxless elements (display:contents), so the style decides.
    if (el.checkVisibility({visibilityProperty: true})) return false;
    const computed = getComputedStyle(el);
    return computed.display === 'none' ||
      computed.visibility === 'hidden' || computed.visibility === 'collapse';
  }

  // options.computedStyle = false leaves out what only a browser knows (stylesheets): the
  // tests compare that with the Go side on real pages, whose stylesheets hide content.
  function serialise(root, options = {}) {
    const computedStyle = options.computedStyle !== false;
    let text = '';
    let pending = false;
    const nodes = [];
    const starts = [];
    const shadowRoots = [];

    function appendText(node) {
      const data = node.data;
      if (data === '') return;
      if (ONLY_ASCII_WHITESPACE.test(data) &&
          (text === '' || pending || text.charCodeAt(text.length - 1) === 10)) {
        return;
      }
      if (pending && text !== '') text += '\n';
      pending = false;
      nodes.push(node);
      starts.push(text.length);
      text += data.replace(CONTROL_WHITESPACE, ' ');
    }

    function walkChildren(parent) {
      for (let child = parent.firstChild; child !== null; child = child.nextSibling) walk(child);
    }

    function walk(node) {
      if (node.nodeType === Node.TEXT_NODE) {
        appendText(node);
        return;
      }
      if (node.nodeType !== Node.ELEMENT_NODE) return;
      if (isSkipped(node, computedStyle)) return;
      const block = BLOCKS.has(node.localName);
      if (block) pending = true;
      if (node.shadowRoot) {
        shadowRoots.push(node.shadowRoot);
        walkChildren(node.shadowRoot);
      } else if (node.localName === 'slot' && node.getRootNode() instanceof ShadowRoot) {
        const assigned = node.assignedNodes();
        if (assigned.length > 0) assigned.forEach(walk);
        else walkChildren(node);
      } else {
        walkChildren(node);
      }
      if (block) pending = true;
    }

    if (root.nodeType === Node.DOCUMENT_NODE) root = root.documentElement;
    if (root !== null) walk(root);
    return {text, nodes, starts, shadowRoots};
  }

  // isBlock reports whether an element is a block boundary in the serialisation: text on
  // either side of it never forms one word.
  function isBlock(el) {
    return BLOCKS.has(el.localName);
  }

  return {serialise, isBlock};
})();
