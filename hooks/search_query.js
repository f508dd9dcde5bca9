/* The handbook's query step inside Material's search worker (prepended by hooks/search.py,
   which also sets HANDBOOK_SEARCH_LANGUAGE). Material then adds its wildcard to every term.

   Chinese: a query typed without spaces (新媒体备案, 每半年研判报告) is cut into the words the
   index holds, with the fewest words (a dictionary-based cut over the index's own vocabulary,
   so the query is cut the way the text was cut at build). The last word may be a word being
   typed (a prefix of an indexed word). A character that starts no indexed word is dropped.
   English: words are trimmed, stop words dropped and the rest stemmed the way the index was
   (Porter), so "registering" and "registration", "commentators" and "commentator" meet.
   All words, when some passage has them all: a query of several words requires each of them
   (+word*) if at least one entry holds every one, so "fulfill responsibilities" lands on the
   item with both words and not on the article that repeats one; otherwise any word counts,
   as before (no dead end from a word the text lacks).
   Each word is searched as two clauses (below), and Material marks each clause found or not in
   a result ("Missing: …" under it, and a result's share of found terms in its score):
   handbookTerms gives it the words as typed instead, each found if either of its clauses is. */
var handbookQuery, handbookTerms;
(function () {
  "use strict";

  var HAN = /\p{sc=Han}+/gu;
  var cache = { index: null, words: null };
  var searched = null;  /* the terms of the query being searched, or null (lunr syntax) */

  function vocabulary(index) {
    if (cache.index !== index) {
      cache.index = index;
      cache.words = Object.keys(index.invertedIndex).sort();
    }
    return cache.words;
  }

  function firstFrom(words, prefix) {
    var low = 0, high = words.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (words[middle] < prefix) low = middle + 1; else high = middle;
    }
    return low;
  }

  function startsAnyWord(words, prefix) {
    var low = firstFrom(words, prefix);
    return low < words.length && words[low].lastIndexOf(prefix, 0) === 0;
  }

  /* The entries holding a word that starts with `prefix` (as the prefix clause matches). */
  function entriesWith(index, prefix) {
    var words = vocabulary(index), found = {};
    for (var i = firstFrom(words, prefix); i < words.length && words[i].lastIndexOf(prefix, 0) === 0; i++) {
      var posting = index.invertedIndex[words[i]];
      for (var field in posting)
        if (field !== "_index") for (var ref in posting[field]) found[ref] = true;
    }
    return found;
  }

  function someEntryHasAll(index, prefixes) {
    var sets = prefixes.map(function (prefix) { return entriesWith(index, prefix); });
    for (var ref in sets[0])
      if (sets.every(function (set) { return set[ref]; })) return true;
    return false;
  }

  function segment(run, index) {
    var known = index.invertedIndex, words = vocabulary(index);
    var n = run.length, cost = [0], back = [0], keep = [true];
    for (var end = 1; end <= n; end++) {
      cost[end] = Infinity;
      for (var start = Math.max(0, end - 16); start < end; start++) {
        if (cost[start] === Infinity) continue;
        var word = run.slice(start, end), step = null, useful = true;
        if (Object.prototype.hasOwnProperty.call(known, word)) step = 1;
        else if (end === n && end - start > 1 && startsAnyWord(words, word)) step = 1.5;
        else if (end - start === 1) { step = 3; useful = startsAnyWord(words, word); }
        if (step !== null && cost[start] + step < cost[end]) {
          cost[end] = cost[start] + step;
          back[end] = start;
          keep[end] = useful;
        }
      }
    }
    var found = [];
    for (var at = n; at > 0; at = back[at])
      if (keep[at]) found.unshift(run.slice(back[at], at));
    return found;
  }

  /* Material searches every term as a prefix (term*), so "li" also finds "line", "live" …
     A second clause for the exact word, boosted, puts passages with the word itself first. */
  var EXACT = "^" + 5;

  /* A term: the word as typed (exact, boosted) and the prefix it is searched as. */
  function chineseTerm(word) {
    return { exact: word, prefix: word };
  }

  function englishTerm(part) {
    var token = new lunr.Token(part.toLowerCase());
    if (typeof lunr.trimmer === "function") token = lunr.trimmer(token);
    var word = token && token.toString();
    if (!word || !(word.length > 1 || /\d/.test(word))) return null;
    if (!lunr.stopWordFilter(token)) return null;
    /* exact: lunr stems it as it stemmed the text; prefix: stemmed here, since lunr does not
       run the pipeline over wildcard terms */
    return { exact: word, prefix: lunr.stemmer(new lunr.Token(word)).toString() };
  }

  function clauses(terms, index) {
    var required = terms.length > 1 &&
      someEntryHasAll(index, terms.map(function (term) { return term.prefix; }));
    return terms.map(function (term) {
      /* Material adds its wildcard to a plain term; a required one carries its own */
      return term.exact + EXACT + " " + (required ? "+" + term.prefix + "*" : term.prefix);
    }).join(" ");
  }

  handbookQuery = function (query, index) {
    searched = null;
    if (/[:~^*"+]|(^|\s)-/.test(query)) return query;  /* lunr query syntax: as typed */
    query = query.replace(/\\/g, "");  /* lunr reads \ as an escape: "regist\ration" is "registration" */
    var spaced = query.replace(HAN, function (run) {
      return " " + segment(run, index).join(" ") + " ";
    });
    var parts = spaced.trim().split(/\s+/), terms = [];
    for (var i = 0; i < parts.length; i++) {
      var pieces = parts[i].split(lunr.tokenizer.separator);
      for (var j = 0; j < pieces.length; j++) {
        if (!pieces[j]) continue;
        var term = HANDBOOK_SEARCH_LANGUAGE === "en"
          ? englishTerm(pieces[j]) : chineseTerm(pieces[j].toLowerCase());
        if (term) terms.push(term);
      }
    }
    if (!terms.length) return query;
    searched = terms;
    return clauses(terms, index);
  };

  /* Material's found-or-missing map of a result, keyed by clause term: a term counts as found
     when a word the result matched starts with it or with its stem (lunr searched it stemmed:
     "registration" is never a key of the matches, "registr" is); `matched` are those words.
     A query of ours gives one entry per word typed: found, keyed by what it was searched as
     (Material highlights the found keys on the page it opens, as prefixes: "registr" lights up
     "registered" too); missing, as typed (once per stem). A query in lunr syntax keeps its
     terms. A Chinese run that starts no indexed word was dropped before the search: it is not
     a term, found or missing. */
  function foundIn(matched, term) {
    var stem = lunr.stemmer(new lunr.Token(term.replace(/\*+$/, ""))).toString();
    return matched.some(function (word) { return word.lastIndexOf(stem, 0) === 0; });
  }

  handbookTerms = function (found, matched) {
    var words = {}, key;
    if (searched === null) {
      for (key in found) words[key] = found[key] === true || foundIn(matched, key);
      return words;
    }
    searched.forEach(function (term) {
      if (!(term.exact in found || term.prefix in found)) return;  /* a stop word: Material leaves it out */
      if (found[term.exact] === true || found[term.prefix] === true) words[term.prefix] = true;
      else if (!(term.prefix in words)) words[term.prefix] = false;
    });
    /* shown as typed where missing (the key is the stem otherwise) */
    var shown = {};
    searched.forEach(function (term) {
      if (term.prefix in words && !(term.prefix in shown)) shown[term.prefix] = words[term.prefix] ? term.prefix : term.exact;
    });
    var result = {};
    for (key in words) result[shown[key]] = words[key];
    return Object.keys(result).length ? result : found;  /* never an empty map: Material divides by its size */
  };
})();
