// Sanarip focus groups: code a selection of transcript text. The page works without this script (whole turns are
// coded by checkboxes); with it, selecting text fills the span form with the selection's offsets.
//
// Offsets are Unicode code points from the start of the transcript's text, as the library stores them. Every run
// of text on the page is an element with data-o (its first code point's offset) holding only text; a selection end
// inside a run adds the code points before it. JavaScript counts UTF-16 units (an emoji is 2), so the units before
// the end are turned into code points with Array.from, which iterates by code point.
(function () {
  "use strict";
  var form = document.getElementById("span-form");
  var text = document.querySelector(".transcript");
  if (!form || !text) return;
  var hint = document.querySelector(".span-hint");
  if (hint) hint.hidden = false;

  function codePoints(s) { return Array.from(s).length; }
  function start(run) { return Number(run.getAttribute("data-o")); }
  function end(run) { return start(run) + codePoints(run.textContent); }
  function runs() { return Array.prototype.slice.call(text.querySelectorAll("[data-o]")); }

  // The offset of a boundary point (node, unit) of a range. Inside a run's text: the run's offset plus the code
  // points before it. Elsewhere (a turn's heading, between runs): the start of the next run for a selection's
  // start, the end of the previous run for its end.
  function offset(node, unit, isEnd) {
    if (node.nodeType === Node.TEXT_NODE) {
      var owner = node.parentElement && node.parentElement.closest("[data-o]");
      if (owner && text.contains(owner)) return start(owner) + codePoints(node.data.slice(0, unit));
    }
    var point = document.createRange();
    point.setStart(node, unit);
    point.collapse(true);
    var before = null, after = null;
    runs().forEach(function (run) {
      if (point.comparePoint(run, run.childNodes.length) <= 0) before = run;
      else if (!after && point.comparePoint(run, 0) >= 0) after = run;
    });
    if (isEnd) return before ? end(before) : (after ? start(after) : null);
    return after ? start(after) : (before ? end(before) : null);
  }

  function update() {
    var selection = document.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
    var range = selection.getRangeAt(0);
    if (!text.contains(range.commonAncestorContainer) && range.commonAncestorContainer !== text) return;
    var from = offset(range.startContainer, range.startOffset, false);
    var to = offset(range.endContainer, range.endOffset, true);
    if (from === null || to === null || to <= from) return;
    form.elements.start.value = String(from);
    form.elements.end.value = String(to);
    var preview = form.querySelector(".selection-preview");
    if (preview) preview.textContent = selection.toString();
    form.hidden = false;
  }

  document.addEventListener("mouseup", update);
  document.addEventListener("keyup", update);
  document.addEventListener("touchend", update);
})();
