/* Printing: links to other pages print their full address (see reading.css), once per page: at
   the first link to it (the errata's sixteen links to the roster printed its address sixteen
   times). Set once at load, so the browser's own print and the build's PDFs (headless Chromium)
   show the same. */
(function () {
  "use strict";
  var printed = {};
  document.querySelectorAll(".md-content a[href]").forEach(function (link) {
    var href = link.getAttribute("href");
    if (!href || href.charAt(0) === "#" || link.classList.contains("headerlink")) return;
    // not printed (the print stylesheets hide these): the address goes with the next link to it
    if (link.closest(".hb-reading, .hb-cite, .hb-screen-only, .hb-clause-links, .md-content__button")) return;
    // citations print as what they say (第六条), without an address, and so does a checklist's
    // timing, which links to its dates on the calendar: an address for each would crowd the
    // printed lists and squeeze the calendar's columns
    if (link.matches(".hb-citation, .hb-source, .hb-calendar-link")) return;
    if (link.textContent.trim() === link.href) return;
    if (printed[link.href]) return;
    printed[link.href] = true;
    link.setAttribute("data-print-href", link.href);
  });
})();
