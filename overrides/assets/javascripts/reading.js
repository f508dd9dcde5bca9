/* Printing: links to other pages print their full address (see reading.css). Set once at load,
   so the browser's own print and the build's PDFs (headless Chromium) show the same. */
(function () {
  "use strict";
  document.querySelectorAll(".md-content a[href]").forEach(function (link) {
    var href = link.getAttribute("href");
    if (!href || href.charAt(0) === "#" || link.classList.contains("headerlink")) return;
    if (link.closest(".hb-reading, .hb-cite")) return;
    if (link.textContent.trim() === link.href) return;
    link.setAttribute("data-print-href", link.href);
  });
})();
