// The page's own script, allowed by script-src 'self': it proves page scripts keep running
// next to the extension. It sets an attribute, not text, so the visible text stays what
// the HTML says (the parity test compares it with the Go serialisation of the file).
document.body.dataset.pageScript = 'ran';
