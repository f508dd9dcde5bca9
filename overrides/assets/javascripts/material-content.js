/* Material for MkDocs' script after the content (partials/javascripts/content.html, MIT licence),
   as a file for the Content-Security-Policy: open the content tab the URL's hash names. */
(function () {
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})();
