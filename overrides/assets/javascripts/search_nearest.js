/* No dead ends in search: when a query finds nothing, offer the nearest glossary terms and
   articles instead of an empty list. The candidates and the words that find them are in
   search/nearest.js, written per language by hooks/search.py (a script, so that it loads from
   file:// too). Nearness: shared characters for Chinese (single characters and pairs), edit
   distance for other words. Always offers something: ties keep the document's order. */
(function () {
  "use strict";

  var TERMS = 3, ARTICLES = 3;
  var STOP = /^(the|and|for|who|what|when|how|does|must|with|that|this|are|was|from|into|about|which|should|have|has)$/;
  var HAN = /\p{sc=Han}/u;
  var data = null, loading = null;

  function config() {
    var element = document.getElementById("__config");
    return element ? JSON.parse(element.textContent) : null;
  }

  function load(base) {
    if (data) return Promise.resolve(data);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = new URL(base + "/search/nearest.js", window.location.href).href;
        script.onload = function () { data = window.__hbNearest; resolve(data); };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function distance(a, b) {
    var previous = [], current, i, j;
    for (j = 0; j <= b.length; j++) previous[j] = j;
    for (i = 1; i <= a.length; i++) {
      current = [i];
      for (j = 1; j <= b.length; j++)
        current[j] = Math.min(previous[j] + 1, current[j - 1] + 1,
                              previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
    return previous[b.length];
  }

  function latinWords(text) {
    return text.toLowerCase().split(/[^a-z0-9]+/).filter(function (word) {
      return word.length > 2 && !STOP.test(word);
    });
  }

  function hanChars(text) {
    return Array.from(text).filter(function (c) { return HAN.test(c); });
  }

  /* 0 (nothing in common) … about 2 per query word or character */
  function nearness(query, item) {
    var keys = (item.title + " " + item.words).toLowerCase(), score = 0;
    var chars = hanChars(query), pairs = 0, shared = 0;
    chars.forEach(function (c, i) {
      if (keys.indexOf(c) >= 0) shared++;
      if (i > 0 && keys.indexOf(chars[i - 1] + c) >= 0) pairs++;
    });
    if (chars.length) score += (shared + pairs) / chars.length;
    var words = latinWords(query);
    if (words.length) {
      var candidates = latinWords(keys), total = 0;
      words.forEach(function (word) {
        var best = 0;
        candidates.forEach(function (candidate) {
          var likeness = 1 - distance(word, candidate) / Math.max(word.length, candidate.length);
          if (candidate.lastIndexOf(word.slice(0, 4), 0) === 0) likeness = Math.max(likeness, 0.75);
          if (likeness > best) best = likeness;
        });
        if (best >= 0.6) total += best;
      });
      score += total / words.length;
    }
    return score;
  }

  function nearest(query, kind, count) {
    return data.items
      .map(function (item, order) { return { item: item, order: order, score: nearness(query, item) }; })
      .filter(function (scored) { return scored.item.kind === kind; })
      .sort(function (a, b) { return b.score - a.score || a.order - b.order; })
      .slice(0, count)
      .map(function (scored) { return scored.item; });
  }

  function render(container, query, base) {
    var box = document.createElement("div");
    box.className = "hb-search-nearest";
    box.setAttribute("data-hb-nearest", "");
    var lead = document.createElement("p");
    lead.className = "hb-search-nearest__lead";
    lead.textContent = data.lead;
    var list = document.createElement("ul");
    list.className = "hb-search-nearest__list";
    nearest(query, "term", TERMS).concat(nearest(query, "article", ARTICLES)).forEach(function (item) {
      var entry = document.createElement("li");
      var link = document.createElement("a");
      link.href = base + "/" + item.location;
      link.textContent = item.title;
      var kind = document.createElement("span");
      kind.className = "hb-search-nearest__kind";
      kind.textContent = data.kinds[item.kind];
      entry.appendChild(link);
      entry.appendChild(document.createTextNode(" "));
      entry.appendChild(kind);
      list.appendChild(entry);
    });
    box.appendChild(lead);
    box.appendChild(list);
    container.appendChild(box);
  }

  var settings = config();
  var meta = document.querySelector(".md-search-result__meta");
  var input = document.querySelector("input.md-search__input");
  if (!settings || !meta || !input) return;
  var none = settings.translations["search.result.none"];

  function update() {
    var old = meta.parentNode.querySelector("[data-hb-nearest]");
    var query = input.value.trim();
    var wanted = meta.textContent.trim() === none && query;
    if (old && (!wanted || old.getAttribute("data-query") === query)) {
      if (!wanted) old.remove();
      return;
    }
    if (!wanted) return;
    load(settings.base).then(function () {
      if (meta.textContent.trim() !== none || input.value.trim() !== query) return;
      var stale = meta.parentNode.querySelector("[data-hb-nearest]");
      if (stale) stale.remove();
      var wrapper = document.createElement("div");
      render(wrapper, query, settings.base);
      var box = wrapper.firstChild;
      box.setAttribute("data-query", query);
      meta.parentNode.insertBefore(box, meta.nextSibling);
    });
  }

  new MutationObserver(update).observe(meta, { childList: true, characterData: true, subtree: true });
  input.addEventListener("input", update);
})();
