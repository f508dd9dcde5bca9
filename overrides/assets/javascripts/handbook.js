/* The handbook's own behaviour. No network requests; works from file:// as well. */
(function () {
  "use strict";

  /* The language switch already links to the same page in the other language
     (overrides/partials/alternate.html). Material would instead look the page up in the
     other language's sitemap.xml, whose URLs carry site_url's host and port, and fall back
     to the home page behind any other address: keep its click handler out of these links. */
  /* Material also reads every <link rel="alternate"> of the head as the other language's
     ROOT and fetches "<href>/sitemap.xml" for it. The handbook's alternates name the same PAGE
     in each language (overrides/main.html, for search engines), so every page asked for
     <page>/sitemap.xml and got two 404s. The switch needs none of it: take those links out of
     Material's sight. This script runs before DOMContentLoaded, when Material looks for them. */
  document.querySelectorAll('link[rel="alternate"][hreflang]').forEach(function (link) {
    link.remove();
  });

  /* The place the reader is at: the URL's anchor, else the last heading scrolled to or past —
     at or above where a link to it would put it, its scroll margin below the header (none at
     the top of the page). */
  function currentPlace() {
    if (window.location.hash.length > 1) return window.location.hash;
    if (window.scrollY <= 0) return "";
    var place = "";
    document.querySelectorAll("article [id]:is(h1, h2, h3, h4, h5, h6)").forEach(function (heading) {
      var landing = parseFloat(getComputedStyle(heading).scrollMarginTop) || 0;
      if (heading.getBoundingClientRect().top <= landing + 1) place = "#" + heading.id;
    });
    return place;
  }

  document.querySelectorAll(".md-select__link[hreflang]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.stopPropagation();
      /* Same page in the other language, at the same place: both languages share every id. */
      link.href = link.href.split("#")[0] + currentPlace();
    });
  });

  /* Copy-citation: copies "<citation> <permalink>" in the page's language. */
  function permalink(anchor) {
    var url = new URL(window.location.href);
    url.hash = anchor;
    return url.toString();
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    /* file:// and plain-http intranet hosts: fall back to a hidden textarea. */
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand("copy");
      document.body.removeChild(area);
      ok ? resolve() : reject(new Error("copy failed"));
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest(".hb-cite__button");
    if (!button) return;
    var text = button.dataset.citation + " " + permalink(button.dataset.anchor);
    var status = button.parentElement.querySelector(".hb-cite__status");
    copyText(text).then(function () {
      button.dataset.copied = text;
      if (status) status.textContent = button.dataset.copiedLabel;  /* data/interface.yml: copied */
    }, function () {
      if (status) status.textContent = button.dataset.copyFailedLabel + text;  /* interface.yml: copy-failed */
    });
  });
})();

/* Accessibility: Material's search dialog has no name; give it the search box's own
   (localised) label, so screen readers announce what the dialog is. */
(function () {
  "use strict";
  var dialog = document.querySelector('.md-search[role="dialog"]');
  var input = document.querySelector(".md-search__input");
  if (dialog && input && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", input.getAttribute("aria-label") || "Search");
  }
})();

/* The checklist's print button: the browser's own print, with the print stylesheet. */
document.addEventListener("click", function (event) {
  "use strict";
  if (event.target.closest(".hb-print-button")) window.print();
});

/* Checklists that remember: the ticks of one role's checklist are kept in this browser's
   localStorage (nothing leaves the browser; works from file:// too), per role and per year, under
   the duty ids both languages share, so they survive a reload and a language switch. The ready
   PDFs are printed in a fresh browser context, so they stay blank forms. */
(function () {
  "use strict";
  var list = document.querySelector(".hb-checklist[data-role]");
  if (!list) return;
  var year = new Date().getFullYear();
  var key = "handbook:checklist:" + list.dataset.role + ":" + year;
  var boxes = Array.prototype.slice.call(list.querySelectorAll("input.hb-checkbox[data-duty]"));
  var progress = document.querySelector(".hb-checklist-progress");
  var clear = document.querySelector(".hb-checklist-clear");

  function load() {
    try {
      return JSON.parse(window.localStorage.getItem(key) || "[]");
    } catch (error) {  /* storage refused (private mode, policy) or unreadable: start blank */
      return [];
    }
  }

  // A box's name in the stored list: the duty's id, and for a duty due several times a year,
  // which time (data-time: "<duty>#2")
  function tickName(box) {
    return box.dataset.time ? box.dataset.duty + "#" + box.dataset.time : box.dataset.duty;
  }

  function save() {
    var ticked = boxes.filter(function (box) { return box.checked; }).map(tickName);
    try {
      if (ticked.length) window.localStorage.setItem(key, JSON.stringify(ticked));
      else window.localStorage.removeItem(key);
    } catch (error) { /* the ticks still work for this visit */ }
  }

  function showProgress() {
    if (!progress) return;
    var done = boxes.filter(function (box) { return box.checked; }).length;
    progress.textContent = progress.dataset.label.replace("{year}", year)
      .replace("{done}", done).replace("{total}", boxes.length);
    progress.hidden = false;
  }

  var saved = load();
  boxes.forEach(function (box) { box.checked = saved.indexOf(tickName(box)) >= 0; });
  list.addEventListener("change", function () { save(); showProgress(); });
  if (clear) {
    clear.addEventListener("click", function () {
      boxes.forEach(function (box) { box.checked = false; });
      save();
      showProgress();
    });
  }
  showProgress();
})();
