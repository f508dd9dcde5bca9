/* Material for MkDocs' start-up script (partials/javascripts/base.html, MIT licence), as a file so
   that the Content-Security-Policy can forbid inline scripts. This file lives at
   <language root>/assets/javascripts/, so the scope — the language root, which Material's
   template takes from base_url — is two folders up from the script's own address. */
__md_scope = new URL("../../", document.currentScript.src);
__md_hash = function (e) { return [...e].reduce(function (h, c) { return (h << 5) - h + c.charCodeAt(0); }, 0); };
__md_get = function (e, s, t) {
  s = s || localStorage; t = t || __md_scope;
  return JSON.parse(s.getItem(t.pathname + "." + e));
};
__md_set = function (e, v, s, t) {
  s = s || localStorage; t = t || __md_scope;
  try { s.setItem(t.pathname + "." + e, JSON.stringify(v)); } catch (error) { /* storage full or off */ }
};
