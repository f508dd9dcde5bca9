/* The handbook's own behaviour. No network requests; works from file:// as well. */
(function () {
  "use strict";

  /* The language switch already links to the same page in the other language
     (overrides/partials/alternate.html). Material would instead look the page up in the
     other language's sitemap.xml, whose URLs carry site_url's host and port, and fall back
     to the home page behind any other address: keep its click handler out of these links. */
  document.querySelectorAll(".md-select__link[hreflang]").forEach(function (link) {
    link.addEventListener("click", function (event) { event.stopPropagation(); });
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
      if (status) status.textContent = text;
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
