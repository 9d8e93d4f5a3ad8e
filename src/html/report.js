// Citations: hovering a citation highlights the cited words in the outlet's
// column; clicking scrolls there and keeps the highlight. Cited spans carry
// their keys in `data-r` (space-separated); citations name one in `data-cite`.
(function () {
  "use strict";
  var current = null;
  function targets(key) {
    return document.querySelectorAll('[data-r~="' + key + '"]');
  }
  function each(key, fn) {
    var list = targets(key);
    for (var i = 0; i < list.length; i++) fn(list[i]);
    return list;
  }
  function citeOf(node) {
    return node && node.closest ? node.closest("[data-cite]") : null;
  }
  function activate(key) {
    if (current !== null) {
      each(current, function (el) { el.classList.remove("active"); });
    }
    current = key;
    var list = each(key, function (el) { el.classList.add("active"); });
    document.body.setAttribute("data-active-cite", key);
    document.body.setAttribute("data-active-count", String(list.length));
    if (list.length > 0) list[0].scrollIntoView({ block: "center" });
  }
  document.addEventListener("click", function (ev) {
    var c = citeOf(ev.target);
    if (!c) return;
    ev.preventDefault();
    activate(c.getAttribute("data-cite"));
  });
  document.addEventListener("mouseover", function (ev) {
    var c = citeOf(ev.target);
    if (c) each(c.getAttribute("data-cite"), function (el) { el.classList.add("hover"); });
  });
  document.addEventListener("mouseout", function (ev) {
    var c = citeOf(ev.target);
    if (c) each(c.getAttribute("data-cite"), function (el) { el.classList.remove("hover"); });
  });
  document.body.setAttribute("data-js", "ready");
})();
